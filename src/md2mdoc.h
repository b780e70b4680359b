/*
 * md2mdoc: Markdown to mdoc(7).  Declarations shared by the stages:
 *
 *	main.c		options, the list of inputs, exit status
 *	msg.c		messages (file:line:col: LEVEL: text) and levels
 *	buf.c		growable byte buffers and small string helpers
 *	page.c		read a file, check its bytes, split the front matter
 *	convert.c	walk the cmark tree; one handler per block node
 *	inline.c	inline nodes to tokens: code spans, links, name(N)
 *	synopsis.c	C prototypes to .In/.Ft/.Fn/.Fo/.Fa/.Fc
 *	emit.c		the only place that writes mdoc: escaping, macro and
 *			text lines, sentence breaks, line length, line map
 *	lint.c		libmandoc: parse the written file, map messages back
 *	output.c	temporary file, fsync, rename
 *	manual.c	the whole set: names, cross references, reachability
 *	jobs.c		-j: worker processes, their output replayed in order
 *	srcindex.c	the source index (ctags, TSV, directory) and lookups
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Message levels and exit statuses, as in mandoc(1). */
enum level {
	LVL_OK = 0,
	LVL_STYLE,
	LVL_WARNING,
	LVL_ERROR,
	LVL_UNSUPP,
	LVL_BADARG,
	LVL_SYSERR
};

/* buf.c */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((__format__(__printf__, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 field_put(FILE *, const char *);
size_t	 field_split(char *, char **, size_t);
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xgrow(void *, size_t *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
const char *trim_blanks(const char *, size_t *);

/* msg.c */
void	 msg_setprog(const char *);
void	 msg_setmin(enum level);
void	 msg_setquiet(int);
void	 msg_setsink(FILE *);
void	 msg_replay(enum level, const char *);
enum level msg_getmin(void);
void	 msg(enum level, const char *, int, int, const char *, ...)
	    __attribute__((__format__(__printf__, 5, 6)));
void	 msg_sys(const char *, const char *);
enum level msg_worst(void);
void	 msg_page_reset(void);
enum level msg_page_worst(void);
const char *msg_levelname(enum level);
int	 msg_parselevel(const char *, enum level *);

/* page.c */
struct strlist {
	char	**v;
	size_t	  n;
};
void	 strlist_add(struct strlist *, const char *);
void	 strlist_free(struct strlist *);

struct page {
	char		*path;		/* as named on the command line */
	char		*text;		/* whole input, checked, LF line ends */
	size_t		 len;
	const char	*body;		/* Markdown after the front matter */
	size_t		 bodylen;
	int		 bodyline;	/* line number of body[0] */
	int		 has_fm;
	char		*name;
	int		 section;
	char		*description;
	struct strlist	 names;
	struct strlist	 sources;
	int		 sources_line;
	int		 year, month, day;
	int		 date_line;	/* where the date was given */
	int		 fmsection;	/* the section was given, not assumed */
	int		 assumed;	/* the name came from the file name */
	int		 conv;		/* another tool's convention named it */
	char		*os;		/* .Os text from another tool's title */
	struct strlist	 authors;	/* from another tool's title block */
};
int	 page_read(struct page *, const char *, int);
int	 page_mem(struct page *, const char *, const char *, size_t, int);
int	 page_peek(const char *, char **, int *);
void	 page_free(struct page *);
int	 path_in_pages(const char *);
void	 page_checkdate(struct page *);

/* convention.c: other tools' man page conventions, on the text */
void	 conv_titleblock(struct page *);
void	 conv_filename(struct page *, int);
void	 conv_fmtitle(struct page *, const char *);
void	 conv_ostext(struct page *, const char *);
int	 conv_date(const char *, int *, int *, int *);
int	 conv_title(struct page *, const char *, int);
int	 conv_namedesc(struct page *, const char *);

/* emit.c: output lines and the map back to the Markdown source */
enum font {
	FONT_NONE = 0,
	FONT_EM,
	FONT_SY,
	FONT_AR		/* an argument: .Ar */
};

enum tok_type {
	TK_WORD,	/* text word, raw UTF-8 */
	TK_DELIM,	/* mdoc delimiter glued to a macro: ( [ . , ; etc. */
	TK_MACRO,	/* an escaped callable macro with arguments */
	TK_BREAK	/* hard line break */
};

struct tok {
	enum tok_type	 type;
	int		 space;		/* white space before this token */
	enum font	 font;
	int		 line;
	int		 col;
	char		*s;
};

struct toks {
	struct tok	*v;
	size_t		 n;
	size_t		 cap;
};
void	 toks_add(struct toks *, enum tok_type, int, enum font, int, int,
	    char *);
void	 toks_clear(struct toks *);
void	 toks_truncate(struct toks *, size_t);

struct oline {
	char	*s;
	size_t	 len;		/* strlen(s) */
	int	 line;		/* Markdown line that produced it */
	int	 col;
};

struct olines {
	struct oline	*v;
	size_t		 n;
	size_t		 cap;
};
void	 olines_add(struct olines *, char *, int, int);
void	 olines_append(struct olines *, struct olines *);
void	 olines_free(struct olines *);

/* Macro calls are built here so that escaping stays in emit.c. */
void	 mc_begin(struct buf *, const char *);
void	 mc_arg(struct buf *, const char *);
void	 mc_argn(struct buf *, const char *, size_t);
void	 mc_raw(struct buf *, const char *);
void	 mc_enddelim(struct buf *);
char	*mc_call1(const char *, const char *);
size_t	 mc_split(const char *, char ***);
size_t	 unescape1(struct buf *, const char *);
char	*mc_call2(const char *, const char *, const char *);
int	 is_delim_char(int);
int	 is_open_delim(int);

void	 emit_line(struct olines *, int, int, const char *, ...)
	    __attribute__((__format__(__printf__, 4, 5)));
void	 emit_macro(struct olines *, int, int, const char *, const char *);
void	 emit_literal(struct olines *, int, const char *, size_t);
void	 emit_para(struct olines *, const struct toks *);
void	 emit_onto(struct olines *, const char *, const struct toks *,
	    int, int);
void	 emit_text_arg(struct buf *, const char *, size_t);
int	 emit_write(FILE *, const struct olines *);

/* inline.c */
struct pageref {
	char	*name;
	int	 section;
};
struct convert;
void	 inline_page(const struct page *);
void	 classify_code(struct toks *, const char *, int, int, enum font,
	    int);
void	 split_text(struct toks *, const char *, size_t, int, int,
	    enum font, int *);
void	 word_macro(struct toks *, const char *, size_t, int, int,
	    enum font, int);
char	*toks_plain(const struct toks *, size_t);
int	 is_ctype(const char *, size_t);
int	 parse_xr(const char *, size_t, size_t *, const char **, size_t *);

/* synopsis.c */
void	 synopsis_block(struct olines *, const char *, int, const char *);
int	 synopsis_command(struct olines *, const char *, size_t, int);

/* convert.c */
struct manual;
struct convopts {
	const char	*os;
	struct manual	*manual;	/* whole-set checks, or NULL */
};
void	 convert_page(struct page *, struct olines *,
	    const struct convopts *);

/* lint.c */
void	 lint_init(const char *);
void	 lint_free(void);
enum level lint_fd(int, const char *, const char *, const struct olines *);
struct roff_meta;
struct roff_meta *lint_tree(void);

/* output.c */
int	 output_open(const char *, char **, FILE **);
int	 output_commit(const char *, const char *, FILE *);
void	 output_abort(const char *, FILE *);
int	 output_same(const char *, const struct olines *);
int	 mkdirs(const char *);

/* manual.c: whole-set state; see manual.h for the interface */

/* jobs.c: -j, several worker processes */
typedef void	(*jobfn)(const char *, void *);
void	 jobs_run(int, char **, int, jobfn, void *, struct manual *);
