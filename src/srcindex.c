/*
 * srcindex.c: load the index of a source tree that page references are
 * checked against.  Three forms are read:
 *
 *	a ctags file		name<TAB>file<TAB>address;" ... (ctags -R)
 *	a data directory	symbols.tsv and decls.tsv (name<TAB>kind<TAB>
 *				path:line) and files.txt (one path a line)
 *	a source directory	/usr/src: its sys/ tree is scanned for the
 *				identifiers in C and assembly files
 *
 * Paths are kept relative to the top of the tree (sys/kern/...), and
 * every directory above a known file is known too.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"
#include "srcindex.h"

struct srcindex {
	struct strset	*names;
	struct strset	*paths;
	int		 scanned;	/* from a source directory */
};

static void
add_path(struct srcindex *x, const char *p, size_t n)
{
	size_t	i;

	while (n > 2 && p[0] == '.' && p[1] == '/')
		p += 2, n -= 2;
	strset_add(x->paths, p, n);
	for (i = n; i > 0; i--)
		if (p[i - 1] == '/')
			strset_add(x->paths, p, i - 1);
}

static int
read_lines(const char *path, struct srcindex *x,
    void (*fn)(struct srcindex *, char *))
{
	FILE	*f;
	char	*line;
	size_t	 cap;
	ssize_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		msg_sys("open", path);
		return 0;
	}
	line = NULL;
	cap = 0;
	while ((n = getline(&line, &cap, f)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		fn(x, line);
	}
	free(line);
	fclose(f);
	return 1;
}

/* name<TAB>kind<TAB>path:line */
static void
tsv_line(struct srcindex *x, char *l)
{
	char	*t1, *t2, *colon;

	if ((t1 = strchr(l, '\t')) == NULL)
		return;
	strset_add(x->names, l, (size_t)(t1 - l));
	if ((t2 = strchr(t1 + 1, '\t')) == NULL)
		return;
	if ((colon = strrchr(t2 + 1, ':')) == NULL)
		colon = t2 + 1 + strlen(t2 + 1);
	add_path(x, t2 + 1, (size_t)(colon - t2 - 1));
}

static void
files_line(struct srcindex *x, char *l)
{
	if (*l != '\0')
		add_path(x, l, strlen(l));
}

/* name<TAB>file<TAB>address;"<TAB>fields */
static void
ctags_line(struct srcindex *x, char *l)
{
	char	*t1, *t2;

	if (strncmp(l, "!_TAG", 5) == 0 || (t1 = strchr(l, '\t')) == NULL)
		return;
	strset_add(x->names, l, (size_t)(t1 - l));
	if ((t2 = strchr(t1 + 1, '\t')) == NULL)
		t2 = t1 + 1 + strlen(t1 + 1);
	add_path(x, t1 + 1, (size_t)(t2 - t1 - 1));
}

static int
exists(const char *dir, const char *file)
{
	struct stat	 st;
	struct buf	 b = { NULL, 0, 0 };
	int		 r;

	buf_printf(&b, "%s/%s", dir, file);
	r = stat(b.p, &st) == 0;
	buf_free(&b);
	return r;
}

static void
path_join(struct buf *b, const char *dir, const char *file)
{
	b->len = 0;
	buf_printf(b, "%s/%s", dir, file);
}

/* Identifiers of a C or assembly file, outside comments and strings. */
static void
scan_file(struct srcindex *x, const char *path)
{
	FILE	*f;
	int	 c, prev, state;
	char	 id[256], str[128];
	size_t	 n, sn;

	if ((f = fopen(path, "r")) == NULL)
		return;
	state = 0;		/* 0 code, 1 block comment, 2 line, 3 str */
	prev = 0;
	n = sn = 0;
	while ((c = getc(f)) != EOF) {
		if (state == 0 && (isalnum(c) || c == '_')) {
			if (n < sizeof(id) - 1)
				id[n++] = (char)c;
			prev = c;
			continue;
		}
		if (n > 0) {
			if (!isdigit((unsigned char)id[0]))
				strset_add(x->names, id, n);
			n = 0;
		}
		switch (state) {
		case 0:
			if (prev == '/' && c == '*')
				state = 1, c = 0;
			else if (prev == '/' && c == '/')
				state = 2;
			else if (c == '"')
				state = 3;
			break;
		case 1:
			if (prev == '*' && c == '/')
				state = 0, c = 0;
			break;
		case 2:
			if (c == '\n')
				state = 0;
			break;
		case 3:
			if (c == '\\')
				c = getc(f) == EOF ? EOF : 0;
			else if (c == '"' || c == '\n') {
				if (sn > 0)
					strset_add(x->names, str, sn);
				sn = 0;
				state = 0;
			} else if (sn < sizeof(str) - 1)
				str[sn++] = (char)c;
			break;
		}
		if (c == EOF)
			break;
		prev = c;
	}
	if (n > 0 && !isdigit((unsigned char)id[0]))
		strset_add(x->names, id, n);
	fclose(f);
}

static int
is_source(const char *name)
{
	const char	*dot;

	if ((dot = strrchr(name, '.')) == NULL)
		return 0;
	return strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 ||
	    strcmp(dot, ".s") == 0 || strcmp(dot, ".S") == 0 ||
	    strcmp(dot, ".m") == 0;
}

/* Walk top/rel, recording paths (relative to top) and identifiers. */
static void
scan_dir(struct srcindex *x, const char *top, const char *rel)
{
	struct buf	 full = { NULL, 0, 0 }, sub = { NULL, 0, 0 };
	struct stat	 st;
	struct dirent	*d;
	DIR		*dp;

	path_join(&full, top, rel);
	if ((dp = opendir(full.p)) == NULL) {
		buf_free(&full);
		return;
	}
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		path_join(&sub, rel, d->d_name);
		path_join(&full, top, sub.p);
		if (lstat(full.p, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			add_path(x, sub.p, sub.len);
			scan_dir(x, top, sub.p);
		}
		else if (S_ISREG(st.st_mode)) {
			add_path(x, sub.p, sub.len);
			if (is_source(d->d_name))
				scan_file(x, full.p);
		}
	}
	closedir(dp);
	buf_free(&full);
	buf_free(&sub);
}

struct srcindex *
srcindex_load(const char *path)
{
	struct srcindex	*x;
	struct buf	 b = { NULL, 0, 0 };
	struct stat	 st;
	FILE		*f;
	char		 first[512];
	int		 ok;

	x = xcalloc(1, sizeof(*x));
	x->names = strset_new();
	x->paths = strset_new();
	if (stat(path, &st) == -1) {
		msg_sys("stat", path);
		srcindex_free(x);
		return NULL;
	}
	ok = 1;
	if (S_ISDIR(st.st_mode) && exists(path, "symbols.tsv")) {
		path_join(&b, path, "symbols.tsv");
		ok = read_lines(b.p, x, tsv_line);
		path_join(&b, path, "decls.tsv");
		if (ok && exists(path, "decls.tsv"))
			ok = read_lines(b.p, x, tsv_line);
		path_join(&b, path, "files.txt");
		if (ok && exists(path, "files.txt"))
			ok = read_lines(b.p, x, files_line);
	} else if (S_ISDIR(st.st_mode)) {
		x->scanned = 1;
		if (exists(path, "sys"))
			scan_dir(x, path, "sys");
		else
			scan_dir(x, path, ".");
	} else {
		if ((f = fopen(path, "r")) == NULL) {
			msg_sys("open", path);
			ok = 0;
		} else {
			if (fgets(first, sizeof(first), f) == NULL)
				first[0] = '\0';
			fclose(f);
			ok = read_lines(path, x, strncmp(first, "!_TAG", 5) ==
			    0 || strstr(first, ";\"") != NULL ? ctags_line :
			    tsv_line);
		}
	}
	buf_free(&b);
	if (!ok || strset_count(x->names) == 0) {
		if (ok)
			msg(LVL_ERROR, path, 0, 0,
			    "source index has no names");
		srcindex_free(x);
		return NULL;
	}
	return x;
}

void
srcindex_free(struct srcindex *x)
{
	if (x == NULL)
		return;
	strset_free(x->names);
	strset_free(x->paths);
	free(x);
}

int
srcindex_has_name(const struct srcindex *x, const char *s)
{
	return strset_has(x->names, s, strlen(s));
}

int
srcindex_has_path(const struct srcindex *x, const char *s)
{
	size_t	n;

	n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	return strset_has(x->paths, s, n);
}

int
srcindex_scanned(const struct srcindex *x)
{
	return x->scanned;
}
