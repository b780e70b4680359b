/*
 * srcindex.c: what exists in a source tree: identifiers and paths.
 * Loaded from ctags output, from the TSV files of a derived-data
 * directory (symbols.tsv, decls.tsv, files.txt), or by scanning a
 * source directory such as /usr/src.
 */
struct srcindex;

struct srcindex	*srcindex_load(const char *);
void		 srcindex_free(struct srcindex *);
int		 srcindex_has_name(const struct srcindex *, const char *);
int		 srcindex_has_path(const struct srcindex *, const char *);
int		 srcindex_scanned(const struct srcindex *);

/* A set of strings (hash.c). */
struct strset;
struct strset	*strset_new(void);
void		 strset_free(struct strset *);
int		 strset_add(struct strset *, const char *, size_t);
int		 strset_has(const struct strset *, const char *, size_t);
size_t		 strset_count(const struct strset *);
