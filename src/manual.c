/*
 * manual.c: checks that need every page of a build at once.
 *
 *	- page names are unique and are not names DragonFly's own
 *	  section 9 already installs (the known lists, -k);
 *	- every .Xr resolves to a page of the set or a known page;
 *	- every page is reachable from the entry page (-r) by links;
 *	- every .Fn .Vt .Dv .Va .Pa names something in the source
 *	  index (-x), else a warning at its Markdown line;
 *
 * and a one-paragraph report of what was checked.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"
#include "manual.h"
#include "srcindex.h"

struct mpage {
	char	*path;		/* normalized */
	char	*name;
	int	 section;
	int	 reached;
};

struct edge {
	size_t	 from;
	char	*to;		/* normalized path */
	int	 line, col;
};

struct ref {
	size_t	 page;
	char	*macro;		/* Xr, Fn, Vt, Dv, Va, Pa */
	char	*name;
	char	*sec;		/* Xr only */
	int	 line, col;
};

struct manual {
	struct mpage	*pages;
	size_t		 npages, pagecap;
	struct edge	*edges;
	size_t		 nedges, edgecap;
	struct ref	*refs;
	size_t		 nrefs, refcap;
	struct strset	*known;		/* "name.section" */
	struct strset	*known9;	/* DragonFly's section 9 names */
	struct srcindex	*index;
	char		*root;
};

/* Resolve . and .. in a relative path, textually. */
static char *
normalize(const char *p)
{
	char	**part, *s, *tok, *save;
	size_t	  n, i;
	struct buf b = { NULL, 0, 0 };

	s = xstrdup(p);
	part = xcalloc(strlen(p) + 1, sizeof(*part));
	n = 0;
	for (tok = s; tok != NULL; tok = save) {
		if ((save = strchr(tok, '/')) != NULL)
			*save++ = '\0';
		if (*tok == '\0' || strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0 && n > 0 &&
		    strcmp(part[n - 1], "..") != 0)
			n--;
		else
			part[n++] = tok;
	}
	if (p[0] == '/')
		buf_addc(&b, '/');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '/');
		buf_adds(&b, part[i]);
	}
	free(part);
	free(s);
	return buf_take(&b);
}

struct manual *
manual_new(void)
{
	struct manual	*m;

	m = xcalloc(1, sizeof(*m));
	m->known = strset_new();
	m->known9 = strset_new();
	return m;
}

void
manual_free(struct manual *m)
{
	size_t	i;

	for (i = 0; i < m->npages; i++) {
		free(m->pages[i].path);
		free(m->pages[i].name);
	}
	for (i = 0; i < m->nedges; i++)
		free(m->edges[i].to);
	for (i = 0; i < m->nrefs; i++) {
		free(m->refs[i].macro);
		free(m->refs[i].name);
		free(m->refs[i].sec);
	}
	free(m->pages);
	free(m->edges);
	free(m->refs);
	strset_free(m->known);
	strset_free(m->known9);
	free(m->root);
	free(m);
}

static void
known_add(struct manual *m, const char *name, size_t n, const char *sec)
{
	struct buf	b = { NULL, 0, 0 };

	buf_add(&b, name, n);
	buf_printf(&b, ".%s", sec);
	strset_add(m->known, b.p, b.len);
	if (strcmp(sec, "9") == 0)
		strset_add(m->known9, name, n);
	buf_free(&b);
}

/*
 * Names of manuals outside the set.  A directory holds DragonFly's
 * man9.txt (file<TAB>names<TAB>description) and mlinks9.tsv
 * (page<TAB>link); a file holds "name section" lines.
 */
static int
known_file(struct manual *m, const char *path, int kind)
{
	FILE	*f;
	char	*line, *p, *e, *t;
	size_t	 cap;
	ssize_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		msg_sys("open", path);
		return 0;
	}
	line = NULL;
	cap = 0;
	while ((n = getline(&line, &cap, f)) != -1) {
		while (n > 0 && isspace((unsigned char)line[n - 1]))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (kind == 0) {		/* name section */
			if ((p = strchr(line, ' ')) == NULL)
				continue;
			*p++ = '\0';
			known_add(m, line, strlen(line), p);
			continue;
		}
		/* tab-separated; names end in .9 or are listed */
		for (p = line, t = NULL; p != NULL; p = e) {
			if ((e = strchr(p, '\t')) != NULL)
				*e++ = '\0';
			if (kind == 1 && t != NULL) {	/* man9.txt names */
				char *q, *r;

				for (q = p; q != NULL; q = r) {
					if ((r = strchr(q, ',')) != NULL)
						*r++ = '\0';
					while (*q == ' ')
						q++;
					if (*q != '\0')
						known_add(m, q, strlen(q),
						    "9");
				}
				break;
			}
			t = p;
			if (strlen(p) > 2 && strcmp(p + strlen(p) - 2,
			    ".9") == 0)
				known_add(m, p, strlen(p) - 2, "9");
		}
	}
	free(line);
	fclose(f);
	return 1;
}

int
manual_known(struct manual *m, const char *path)
{
	struct buf	b = { NULL, 0, 0 };
	FILE		*f;
	int		 ok;

	buf_printf(&b, "%s/man9.txt", path);
	if ((f = fopen(b.p, "r")) != NULL) {
		fclose(f);
		ok = known_file(m, b.p, 1);
		b.len = 0;
		buf_printf(&b, "%s/mlinks9.tsv", path);
		if (ok)
			ok = known_file(m, b.p, 2);
	} else
		ok = known_file(m, path, 0);
	buf_free(&b);
	return ok;
}

void
manual_set_index(struct manual *m, struct srcindex *x)
{
	m->index = x;
}

void
manual_set_root(struct manual *m, const char *path)
{
	free(m->root);
	m->root = normalize(path);
}

static size_t
page_index(struct manual *m, const struct page *pg)
{
	char	*p;
	size_t	 i;

	p = normalize(pg->path);
	for (i = 0; i < m->npages; i++)
		if (strcmp(m->pages[i].path, p) == 0)
			break;
	free(p);
	return i;
}

static void
page_add(struct manual *m, const char *path, const char *name, int section)
{
	m->pages = xgrow(m->pages, &m->pagecap, m->npages, sizeof(*m->pages));
	m->pages[m->npages].path = normalize(path);
	m->pages[m->npages].name = xstrdup(name);
	m->pages[m->npages].section = section;
	m->pages[m->npages].reached = 0;
	m->npages++;
}

static void
edge_add(struct manual *m, size_t from, const char *to, int line, int col)
{
	m->edges = xgrow(m->edges, &m->edgecap, m->nedges, sizeof(*m->edges));
	m->edges[m->nedges].from = from;
	m->edges[m->nedges].to = normalize(to);
	m->edges[m->nedges].line = line;
	m->edges[m->nedges].col = col;
	m->nedges++;
}

static void
ref_add_at(struct manual *m, size_t page, const char *macro,
    const char *name, const char *sec, int line, int col)
{
	struct ref	*r;

	m->refs = xgrow(m->refs, &m->refcap, m->nrefs, sizeof(*m->refs));
	r = &m->refs[m->nrefs++];
	r->page = page;
	r->macro = xstrdup(macro);
	r->name = xstrdup(name);
	r->sec = sec != NULL ? xstrdup(sec) : NULL;
	r->line = line;
	r->col = col;
}

void
manual_page(struct manual *m, const struct page *pg)
{
	page_add(m, pg->path, pg->name, pg->section);
}

void
manual_link(struct manual *m, const struct page *pg, const char *to,
    int line, int col)
{
	edge_add(m, page_index(m, pg), to, line, col);
}

static void
ref_add(struct manual *m, const struct page *pg, const char *macro,
    const char *name, const char *sec, int line, int col)
{
	ref_add_at(m, page_index(m, pg), macro, name, sec, line, col);
}

void
manual_ref(struct manual *m, const struct page *pg, const char *macro,
    const char *name, int line, int col)
{
	ref_add(m, pg, macro, name, NULL, line, col);
}

/*
 * A -j worker (jobs.c) passes the records it added since mark[] to its
 * parent as lines of tab-separated fields (with f NULL, it only moves
 * mark[] to the end):
 *	p	path	name	section
 *	e	from-path	to-path	line	col
 *	r	page-path	macro	name	section or empty	line	col
 */
/* One record: its fields, tab-separated and escaped, then a newline. */
static void
record_put(FILE *f, const char *const *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc('\t', f);
		field_put(f, v[i]);
	}
	putc('\n', f);
}

void
manual_dump(struct manual *m, FILE *f, size_t mark[3])
{
	const char	*v[7];
	char		 num[2][16];
	size_t		 i;

	for (i = mark[0]; f != NULL && i < m->npages; i++) {
		snprintf(num[0], sizeof(num[0]), "%d", m->pages[i].section);
		v[0] = "p";
		v[1] = m->pages[i].path;
		v[2] = m->pages[i].name;
		v[3] = num[0];
		record_put(f, v, 4);
	}
	for (i = mark[1]; f != NULL && i < m->nedges; i++) {
		snprintf(num[0], sizeof(num[0]), "%d", m->edges[i].line);
		snprintf(num[1], sizeof(num[1]), "%d", m->edges[i].col);
		v[0] = "e";
		v[1] = m->edges[i].from < m->npages ?
		    m->pages[m->edges[i].from].path : "";
		v[2] = m->edges[i].to;
		v[3] = num[0];
		v[4] = num[1];
		record_put(f, v, 5);
	}
	for (i = mark[2]; f != NULL && i < m->nrefs; i++) {
		snprintf(num[0], sizeof(num[0]), "%d", m->refs[i].line);
		snprintf(num[1], sizeof(num[1]), "%d", m->refs[i].col);
		v[0] = "r";
		v[1] = m->refs[i].page < m->npages ?
		    m->pages[m->refs[i].page].path : "";
		v[2] = m->refs[i].macro;
		v[3] = m->refs[i].name;
		v[4] = m->refs[i].sec != NULL ? m->refs[i].sec : "";
		v[5] = num[0];
		v[6] = num[1];
		record_put(f, v, 7);
	}
	mark[0] = m->npages;
	mark[1] = m->nedges;
	mark[2] = m->nrefs;
}

static size_t
path_index(struct manual *m, const char *path)
{
	size_t	i;

	for (i = 0; i < m->npages; i++)
		if (strcmp(m->pages[i].path, path) == 0)
			break;
	return i;
}

/* Take back one record line of manual_dump(); 0 if it is not one. */
int
manual_undump(struct manual *m, char *line)
{
	char	*v[7];
	size_t	 n;

	n = field_split(line, v, 7);
	if (strcmp(v[0], "p") == 0 && n == 4)
		page_add(m, v[1], v[2], atoi(v[3]));
	else if (strcmp(v[0], "e") == 0 && n == 5)
		edge_add(m, path_index(m, v[1]), v[2], atoi(v[3]),
		    atoi(v[4]));
	else if (strcmp(v[0], "r") == 0 && n == 7)
		ref_add_at(m, path_index(m, v[1]), v[2], v[3],
		    *v[4] != '\0' ? v[4] : NULL, atoi(v[5]), atoi(v[6]));
	else
		return 0;
	return 1;
}

static int
is_macro_word(const char *w)
{
	size_t	n;

	n = strlen(w);
	return n >= 2 && n <= 3 && isupper((unsigned char)w[0]) &&
	    isalpha((unsigned char)w[1]) && (n == 2 ||
	    isalpha((unsigned char)w[2]));
}

/* Record the semantic references on one generated mdoc line. */
void
manual_line(struct manual *m, const struct page *pg, const char *s,
    int line, int col)
{
	char	**w;
	size_t	  n, i, j, k;

	if (s[0] != '.')
		return;
	n = mc_split(s + 1, &w);
	for (i = 0; i < n; i++) {
		/* opening delimiters between a macro and its argument */
		while (i + 1 < n && strlen(w[i + 1]) == 1 &&
		    is_open_delim(w[i + 1][0]) && is_macro_word(w[i])) {
			free(w[i + 1]);
			memmove(&w[i + 1], &w[i + 2],
			    (n - i - 2) * sizeof(*w));
			n--;
		}
		if (strcmp(w[i], "Xr") == 0 && i + 2 < n) {
			ref_add(m, pg, "Xr", w[i + 1], w[i + 2], line, col);
			i += 2;
		} else if ((strcmp(w[i], "Fn") == 0 ||
		    strcmp(w[i], "Fo") == 0) && i + 1 < n) {
			ref_add(m, pg, "Fn", w[i + 1], NULL, line, col);
			i++;
		} else if ((strcmp(w[i], "Vt") == 0 ||
		    strcmp(w[i], "Dv") == 0 || strcmp(w[i], "Va") == 0 ||
		    strcmp(w[i], "Pa") == 0) && i + 1 < n) {
			/* .Vt struct x names x; a declaration ends in ; */
			k = i + 1;
			if (strcmp(w[i], "Vt") == 0) {
				for (j = k; j < n && strcmp(w[j], ";") != 0;
				    j++)
					continue;
				if (j < n)
					break;		/* SYNOPSIS variable */
				if ((strcmp(w[k], "struct") == 0 ||
				    strcmp(w[k], "union") == 0 ||
				    strcmp(w[k], "enum") == 0) && k + 1 < n)
					k++;
			}
			if (!is_macro_word(w[k]) &&
			    !(strlen(w[k]) == 1 && is_delim_char(w[k][0])))
				ref_add(m, pg, w[i], w[k], NULL, line, col);
			i = k;
		}
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

static struct mpage *
page_by_path(struct manual *m, const char *path)
{
	size_t	i;

	for (i = 0; i < m->npages; i++)
		if (strcmp(m->pages[i].path, path) == 0)
			return &m->pages[i];
	return NULL;
}

/* Names, links and reachability; returns cross-reference counts. */
static void
check_names(struct manual *m)
{
	struct strset	*seen;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	seen = strset_new();
	for (i = 0; i < m->npages; i++) {
		b.len = 0;
		buf_printf(&b, "%s.%d", m->pages[i].name,
		    m->pages[i].section);
		if (!strset_add(seen, b.p, b.len))
			msg(LVL_ERROR, m->pages[i].path, 1, 1,
			    "duplicate page name: %s(%d)", m->pages[i].name,
			    m->pages[i].section);
		if (m->pages[i].section == 9 &&
		    strset_has(m->known9, m->pages[i].name,
		    strlen(m->pages[i].name)))
			msg(LVL_ERROR, m->pages[i].path, 1, 1,
			    "page name is already a DragonFly manual: "
			    "%s(9)", m->pages[i].name);
	}
	strset_free(seen);
	buf_free(&b);
}

static void
check_reach(struct manual *m)
{
	struct mpage	*p, *root;
	size_t		 i, k;
	int		 changed;

	for (i = 0; i < m->nedges; i++)
		if (page_by_path(m, m->edges[i].to) == NULL &&
		    m->edges[i].from < m->npages)
			msg(LVL_ERROR, m->pages[m->edges[i].from].path,
			    m->edges[i].line, m->edges[i].col,
			    "link to a page outside this manual: %s",
			    m->edges[i].to);
	if (m->root == NULL)
		return;
	if ((root = page_by_path(m, m->root)) == NULL) {
		msg(LVL_ERROR, m->root, 0, 0,
		    "entry page is not among the pages");
		return;
	}
	root->reached = 1;
	do {
		changed = 0;
		for (i = 0; i < m->nedges; i++) {
			if (m->edges[i].from >= m->npages ||
			    !m->pages[m->edges[i].from].reached)
				continue;
			if ((p = page_by_path(m, m->edges[i].to)) != NULL &&
			    !p->reached)
				p->reached = changed = 1;
		}
		/* an .Xr to a page of the set is a way there too */
		for (i = 0; i < m->nrefs; i++) {
			if (strcmp(m->refs[i].macro, "Xr") != 0 ||
			    m->refs[i].page >= m->npages ||
			    !m->pages[m->refs[i].page].reached)
				continue;
			for (k = 0; k < m->npages; k++)
				if (!m->pages[k].reached &&
				    strcmp(m->pages[k].name,
				    m->refs[i].name) == 0 &&
				    m->pages[k].section ==
				    atoi(m->refs[i].sec))
					m->pages[k].reached = changed = 1;
		}
	} while (changed);
	for (i = 0; i < m->npages; i++)
		if (!m->pages[i].reached)
			msg(LVL_ERROR, m->pages[i].path, 1, 1,
			    "page cannot be reached from %s", m->root);
}

int
manual_check(struct manual *m, FILE *report)
{
	struct strset	*names, *srcnames;
	struct buf	 b = { NULL, 0, 0 };
	struct ref	*r;
	const char	*path, *leaf;
	size_t		 i, nxr, nxr_set, nsrc, nbad, nsysctl;
	int		 found;

	check_names(m);
	names = strset_new();
	for (i = 0; i < m->npages; i++) {
		b.len = 0;
		buf_printf(&b, "%s.%d", m->pages[i].name,
		    m->pages[i].section);
		strset_add(names, b.p, b.len);
	}
	srcnames = strset_new();
	nxr = nxr_set = nsrc = nbad = nsysctl = 0;
	for (i = 0; i < m->nrefs; i++) {
		r = &m->refs[i];
		path = r->page < m->npages ? m->pages[r->page].path : "?";
		if (strcmp(r->macro, "Xr") == 0) {
			nxr++;
			b.len = 0;
			buf_printf(&b, "%s.%s", r->name, r->sec);
			if (strset_has(names, b.p, b.len))
				nxr_set++;
			else if (!strset_has(m->known, b.p, b.len))
				msg(LVL_ERROR, path, r->line, r->col,
				    "cross reference to an unknown manual: "
				    "%s(%s)", r->name, r->sec);
			continue;
		}
		/* only the kernel pages describe the source tree */
		if (m->index == NULL || r->page >= m->npages ||
		    m->pages[r->page].section != 9)
			continue;
		if (strcmp(r->macro, "Vt") == 0 && is_ctype(r->name, strlen(r->name)))
			continue;
		nsrc++;
		b.len = 0;
		buf_printf(&b, "%s %s", r->macro, r->name);
		strset_add(srcnames, b.p, b.len);
		if (strcmp(r->macro, "Pa") == 0)
			found = srcindex_has_path(m->index, r->name);
		else if (strcmp(r->macro, "Va") == 0 &&
		    strchr(r->name, '.') != NULL) {
			/* a sysctl: its leaf is an identifier in source */
			leaf = strrchr(r->name, '.') + 1;
			if (!srcindex_scanned(m->index)) {
				nsysctl++;
				continue;
			}
			found = srcindex_has_name(m->index, r->name) ||
			    srcindex_has_name(m->index, leaf);
		} else
			found = srcindex_has_name(m->index, r->name);
		if (!found) {
			nbad++;
			msg(LVL_WARNING, path, r->line, r->col,
			    "not in the source index: %s %s", r->macro,
			    r->name);
		}
	}
	check_reach(m);
	if (report != NULL) {
		fprintf(report, "md2mdoc: %zu pages; %zu cross references "
		    "(%zu within the set), all resolved: %s\n", m->npages,
		    nxr, nxr_set, msg_worst() >= LVL_ERROR ? "no" : "yes");
		if (m->index != NULL)
			fprintf(report, "md2mdoc: %zu source references "
			    "(%zu distinct) checked, %zu unresolved, %zu "
			    "sysctl names not checkable against this "
			    "index\n", nsrc - nsysctl, strset_count(srcnames),
			    nbad, nsysctl);
	}
	strset_free(names);
	strset_free(srcnames);
	buf_free(&b);
	return nbad == 0;
}
