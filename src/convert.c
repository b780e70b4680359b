/*
 * convert.c: walk the cmark tree of one page and produce mdoc lines.
 * One handler per block node type; inline nodes become tokens (inline.c)
 * that emit.c lays out.  Sections are collected separately and put in
 * mdoc's order at the end.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#include "md2mdoc.h"
#include "manual.h"

/* mdoc's section order (mdoc_validate.c); custom sections go at 4. */
static const char *const stdsecs[] = {
	"NAME", "LIBRARY", "SYNOPSIS", "DESCRIPTION", "", "CONTEXT",
	"IMPLEMENTATION NOTES", "RETURN VALUES", "ENVIRONMENT", "FILES",
	"EXIT STATUS", "EXAMPLES", "DIAGNOSTICS", "COMPATIBILITY", "ERRORS",
	"SEE ALSO", "STANDARDS", "HISTORY", "AUTHORS", "CAVEATS", "BUGS",
	"SECURITY CONSIDERATIONS", NULL
};
#define	RANK_SYNOPSIS	2
#define	RANK_DESC	3
#define	RANK_CUSTOM	4
#define	RANK_FILES	9
#define	RANK_SEEALSO	15

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

struct section {
	char		*title;
	int		 rank;
	struct olines	 lines;
};

struct heading {
	char	*slug;
	char	*title;		/* as .Sx must name it */
};

struct xref {
	char	*name;
	char	*sec;
};

struct link {
	size_t		 start;
	char		*url;
	int		 line;
	int		 col;
};

struct listst {
	int	tight;
	int	def;
	int	flat;		/* deeper than MAXNEST: items are paragraphs */
};

/*
 * Block quotes and lists nest as .Bl lists.  Each level indents the
 * text further, and past MAXNEST levels there is no room left on a
 * terminal; deeper containers are flattened into the last level.
 */
#define	MAXNEST	8

struct convert {
	struct page		*pg;
	const struct convopts	*opt;
	struct section		*secs;
	size_t			 nsecs, seccap;
	struct section		*cur;
	struct toks		 toks;
	int			 em, sy, space;
	int			 pline, pbreaks;
	int			 need_par;
	int			 first_block;
	struct link		*links;
	size_t			 nlinks, linkcap;
	struct heading		*heads;
	size_t			 nheads, headcap;
	struct listst		*lists;
	size_t			 nlists;
	size_t			 listcap;
	int			 term_pending;	/* deflist item: term next */
	size_t			 term_end;
	int			 strip_sep;
	int			 in_header_row;
	size_t			 cells;
	int			 shift;		/* h1 used as sections */
	struct xref		*xrefs;		/* SEE ALSO collection */
	size_t			 nxrefs, xrefcap;
	int			 see_only_refs;
	int			 errors;
	int			 depth;		/* open block quotes and lists */
	int			 flattened;	/* warned about depth */
};

static int
srcline(struct convert *c, cmark_node *n)
{
	int	l;

	l = cmark_node_get_start_line(n);
	return l > 0 ? l + c->pg->bodyline - 1 : c->pg->bodyline;
}

static int
srccol(cmark_node *n)
{
	int	col;

	col = cmark_node_get_start_column(n);
	return col > 0 ? col : 1;
}

static enum font
curfont(struct convert *c)
{
	return c->sy ? FONT_SY : c->em ? FONT_EM : FONT_NONE;
}

/* ---- sections ---- */

static int
section_rank(const char *title)
{
	int	i;

	for (i = 0; stdsecs[i] != NULL; i++)
		if (strcmp(stdsecs[i], title) == 0 && i != RANK_CUSTOM)
			return i;
	return RANK_CUSTOM;
}

static struct section *
section_find(struct convert *c, const char *title)
{
	size_t	i;

	for (i = 0; i < c->nsecs; i++)
		if (strcmp(c->secs[i].title, title) == 0)
			return &c->secs[i];
	return NULL;
}

static struct section *
section_new(struct convert *c, const char *title)
{
	struct section	*s;
	size_t		 off;

	off = c->cur != NULL ? (size_t)(c->cur - c->secs) : 0;
	c->secs = xgrow(c->secs, &c->seccap, c->nsecs, sizeof(*c->secs));
	if (c->cur != NULL)
		c->cur = c->secs + off;
	s = &c->secs[c->nsecs++];
	memset(s, 0, sizeof(*s));
	s->title = xstrdup(title);
	s->rank = section_rank(title);
	return s;
}

/* Text before the first ## heading belongs to DESCRIPTION. */
static struct olines *
out(struct convert *c, int line)
{
	if (c->cur == NULL) {
		if ((c->cur = section_find(c, "DESCRIPTION")) == NULL) {
			c->cur = section_new(c, "DESCRIPTION");
			emit_line(&c->cur->lines, line, 1, ".Sh DESCRIPTION");
		}
	}
	return &c->cur->lines;
}

static void
paragraph_break(struct convert *c, int line)
{
	struct olines	*o;

	o = out(c, line);
	if (c->need_par)
		emit_line(o, line, 1, ".Pp");
	c->need_par = 0;
}

/* ---- SEE ALSO ---- */

static void
xref_add(struct convert *c, const char *name, const char *sec)
{
	size_t	i;

	if (strcmp(name, c->pg->name) == 0 && sec[0] - '0' ==
	    c->pg->section && sec[1] == '\0')
		return;		/* no self-reference */
	for (i = 0; i < c->nxrefs; i++)
		if (strcmp(c->xrefs[i].name, name) == 0 &&
		    strcmp(c->xrefs[i].sec, sec) == 0)
			return;
	c->xrefs = xgrow(c->xrefs, &c->xrefcap, c->nxrefs, sizeof(*c->xrefs));
	c->xrefs[c->nxrefs].name = xstrdup(name);
	c->xrefs[c->nxrefs].sec = xstrdup(sec);
	c->nxrefs++;
}

/* In SEE ALSO, keep the references; note anything that is not one. */
static void
seealso_scan(struct convert *c, const struct toks *ts)
{
	const char	*s;
	char		**w;
	size_t		 i, k, n;

	for (i = 0; i < ts->n; i++) {
		s = ts->v[i].s;
		if (ts->v[i].type == TK_MACRO && strncmp(s, "Xr ", 3) == 0) {
			n = mc_split(s, &w);
			if (n == 3)
				xref_add(c, w[1], w[2]);
			else
				c->see_only_refs = 0;
			for (k = 0; k < n; k++)
				free(w[k]);
			free(w);
		} else if (ts->v[i].type == TK_DELIM ||
		    (ts->v[i].type == TK_WORD && (strcmp(s, "and") == 0 ||
		    strspn(s, ",;.-") == strlen(s))))
			continue;
		else
			c->see_only_refs = 0;
	}
}

static int
xref_cmp(const void *a, const void *b)
{
	const struct xref	*x = a, *y = b;
	int			 r;

	if ((r = strcmp(x->sec, y->sec)) != 0)
		return r;
	if ((r = strcasecmp(x->name, y->name)) != 0)
		return r;
	return strcmp(x->name, y->name);
}

static void
seealso_finish(struct convert *c)
{
	struct section	*s;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	int		 line;

	if ((s = section_find(c, "SEE ALSO")) == NULL || !c->see_only_refs ||
	    c->nxrefs == 0)
		return;
	line = s->lines.n > 0 ? s->lines.v[0].line : 0;
	olines_free(&s->lines);
	emit_line(&s->lines, line, 1, ".Sh SEE ALSO");
	qsort(c->xrefs, c->nxrefs, sizeof(*c->xrefs), xref_cmp);
	for (i = 0; i < c->nxrefs; i++) {
		buf_adds(&b, ".Xr");
		mc_arg(&b, c->xrefs[i].name);
		mc_arg(&b, c->xrefs[i].sec);
		if (i + 1 < c->nxrefs)
			buf_adds(&b, " ,");
		olines_add(&s->lines, buf_take(&b), line, 1);
	}
}

/* ---- headings ---- */

static char *
slugify(const char *s)
{
	struct buf	b = { NULL, 0, 0 };

	for (; *s != '\0'; s++) {
		if (isalnum((unsigned char)*s) || *s == '_' || *s == '-')
			buf_addc(&b, tolower((unsigned char)*s));
		else if (*s == ' ')
			buf_addc(&b, '-');
		else if ((unsigned char)*s >= 0x80)
			buf_addc(&b, *s);
	}
	return buf_take(&b);
}

/* Plain text of a heading node, for its slug and .Sx title. */
static char *
node_text(cmark_node *n)
{
	struct buf	 b = { NULL, 0, 0 };
	cmark_iter	*it;
	cmark_node	*x;
	const char	*lit;

	it = cmark_iter_new(n);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		x = cmark_iter_get_node(it);
		switch (cmark_node_get_type(x)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(x)) != NULL)
				buf_adds(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return buf_take(&b);
}

static void
upcase(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)toupper((unsigned char)*s);
}

/*
 * The headings, for links to them and for the choice of .Sh level.
 * Headings are blocks: only containers of blocks are searched, not
 * the inline nodes that make up most of the tree.
 */
static void
collect_headings(struct convert *c, cmark_node *doc)
{
	cmark_node	*n;
	char		*t;
	int		 lvl, first, top;

	first = 1;
	n = cmark_node_first_child(doc);
	while (n != NULL) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			if (cmark_node_first_child(n) != NULL) {
				n = cmark_node_first_child(n);
				continue;
			}
			break;
		case CMARK_NODE_HEADING:
			t = node_text(n);
			lvl = cmark_node_get_heading_level(n);
			c->heads = xgrow(c->heads, &c->headcap, c->nheads,
			    sizeof(*c->heads));
			c->heads[c->nheads].slug = slugify(t);
			top = cmark_node_parent(n) == doc &&
			    cmark_node_previous(n) == NULL;
			if (lvl <= 2 && !(lvl == 1 && first && top))
				upcase(t);
			c->heads[c->nheads].title = t;
			c->nheads++;
			if (lvl == 1 && !(first && top))
				c->shift = 1;
			first = 0;
			break;
		default:
			break;
		}
		/* the next block: a sibling, or the sibling of a parent */
		while (n != doc && cmark_node_next(n) == NULL)
			n = cmark_node_parent(n);
		n = n == doc ? NULL : cmark_node_next(n);
	}
}

static void
heading_exit(struct convert *c, cmark_node *n)
{
	struct section	*s;
	struct olines	*o;
	char		*title;
	size_t		 i;
	int		 line, lvl;

	line = srcline(c, n);
	lvl = cmark_node_get_heading_level(n);
	if (c->depth > 0) {
		/* .Sh and .Ss cannot appear inside a list */
		msg(LVL_WARNING, c->pg->path, line, srccol(n),
		    "heading inside a list or block quote: kept as bold text");
		paragraph_break(c, line);
		emit_onto(out(c, line), "Sy", &c->toks, line, srccol(n));
		c->need_par = 1;
		return;
	}
	if (lvl == 1 && c->first_block) {
		c->first_block = 0;
		toks_clear(&c->toks);		/* the title is not printed */
		return;
	}
	lvl += c->shift;
	if (lvl <= 2) {
		title = toks_plain(&c->toks, 0);
		upcase(title);
		if (strcmp(title, "NAME") == 0) {
			msg(LVL_WARNING, c->pg->path, line, 1,
			    "NAME is generated; heading ignored");
			c->cur = NULL;
		} else if ((s = section_find(c, title)) != NULL &&
		    s->rank != RANK_CUSTOM) {
			c->cur = s;		/* merge a repeated section */
		} else {
			c->cur = section_new(c, title);
			for (i = 0; i < c->toks.n; i++)
				if (c->toks.v[i].type == TK_WORD)
					upcase(c->toks.v[i].s);
			emit_onto(&c->cur->lines, "Sh", &c->toks, line,
			    srccol(n));
		}
		free(title);
		c->need_par = 0;
	} else if (lvl == 3) {
		o = out(c, line);
		emit_onto(o, "Ss", &c->toks, line, srccol(n));
		c->need_par = 0;
	} else {
		for (i = 0; i < c->toks.n; i++)
			if (c->toks.v[i].font == FONT_NONE)
				c->toks.v[i].font = FONT_SY;
		paragraph_break(c, line);
		emit_para(out(c, line), &c->toks);
		c->need_par = 1;
	}
	toks_clear(&c->toks);
}

static int
in_section(struct convert *c, int rank)
{
	return c->cur != NULL && c->cur->rank == rank;
}

/* ---- links ---- */

static const struct heading *
heading_find(struct convert *c, const char *slug)
{
	size_t	i;

	for (i = 0; i < c->nheads; i++)
		if (strcmp(c->heads[i].slug, slug) == 0)
			return &c->heads[i];
	return NULL;
}

static int
has_scheme(const char *u)
{
	const char	*p;

	for (p = u; isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.'; p++)
		continue;
	return p > u && *p == ':' && isalpha((unsigned char)*u);
}

/*
 * Replace the link text (tokens from l->start on) with the macro, or
 * keep the text and add the macro in parentheses when they differ.
 */
static void
link_replace(struct convert *c, struct link *l, const char *target,
    char *call, char *pcall)
{
	char	*text;
	int	 space;

	text = toks_plain(&c->toks, l->start);
	space = l->start < c->toks.n ? c->toks.v[l->start].space : c->space;
	if (pcall == NULL || *text == '\0' ||
	    strcasecmp(text, target) == 0) {
		toks_truncate(&c->toks, l->start);
		toks_add(&c->toks, TK_MACRO, space, curfont(c), l->line,
		    l->col, call);
		free(pcall);
	} else {
		toks_add(&c->toks, TK_MACRO, 1, curfont(c), l->line, l->col,
		    pcall);
		free(call);
	}
	free(text);
	c->space = 0;
}

static char *
prefixed(const char *pre, const char *call)
{
	struct buf	b = { NULL, 0, 0 };

	buf_adds(&b, pre);
	buf_addc(&b, ' ');
	buf_adds(&b, call);
	return buf_take(&b);
}

static void
link_page(struct convert *c, struct link *l, const char *url)
{
	struct buf	 path = { NULL, 0, 0 };
	const char	*slash, *hash;
	char		*name, *call, secstr[2];
	int		 section;

	hash = strchr(url, '#');
	if ((slash = strrchr(c->pg->path, '/')) != NULL && url[0] != '/')
		buf_add(&path, c->pg->path, (size_t)(slash - c->pg->path + 1));
	buf_add(&path, url, hash != NULL ? (size_t)(hash - url) :
	    strlen(url));
	if (!page_peek(path.p, &name, &section)) {
		msg(LVL_ERROR, c->pg->path, l->line, l->col,
		    "link to a page that cannot be read: %s", path.p);
		c->errors++;
		buf_free(&path);
		return;
	}
	if (c->opt->manual != NULL)
		manual_link(c->opt->manual, c->pg, path.p, l->line, l->col);
	secstr[0] = (char)('0' + section);
	secstr[1] = '\0';
	if (strcmp(name, c->pg->name) == 0 && section == c->pg->section)
		call = xstrdup("Nm");
	else
		call = mc_call2("Xr", name, secstr);
	link_replace(c, l, name, call, prefixed("Pq", call));
	free(name);
	buf_free(&path);
}

static void
link_exit(struct convert *c, cmark_node *n)
{
	struct link		*l;
	const struct heading	*h;
	struct buf		 b = { NULL, 0, 0 };
	const char		*url, *p;
	char			*text, *call;
	size_t			 len;

	l = &c->links[--c->nlinks];
	url = l->url;
	(void)n;
	if (url[0] == '#') {
		if ((h = heading_find(c, url + 1)) == NULL) {
			msg(LVL_WARNING, c->pg->path, l->line, l->col,
			    "link to a heading that does not exist: %s",
			    url);
		} else {
			mc_begin(&b, "Sx");
			emit_text_arg(&b, h->title, strlen(h->title));
			call = buf_take(&b);
			link_replace(c, l, h->title, call,
			    prefixed("Pq", call));
		}
	} else if (strncmp(url, "mailto:", 7) == 0) {
		call = mc_call1("Mt", url + 7);
		link_replace(c, l, url + 7, call, prefixed("Pq", call));
	} else if (has_scheme(url)) {
		text = toks_plain(&c->toks, l->start);
		mc_begin(&b, "Lk");
		mc_arg(&b, url);
		if (*text != '\0' && strcmp(text, url) != 0)
			emit_text_arg(&b, text, strlen(text));
		free(text);
		text = buf_take(&b);
		link_replace(c, l, "", text, NULL);
	} else if ((p = strchr(url, '#')) != NULL ? (len = (size_t)(p - url),
	    len > 3 && strncmp(p - 3, ".md", 3) == 0) :
	    ((len = strlen(url)) > 3 && strcmp(url + len - 3, ".md") == 0)) {
		link_page(c, l, url);
	} else if (*url != '\0') {
		msg(LVL_STYLE, c->pg->path, l->line, l->col,
		    "link to a file that is not a page; kept its text: %s",
		    url);
	}
	free(l->url);
}

/* ---- lists and tables ---- */

/* Does the text after a definition term start with a separator? */
static size_t
sep_len(const char *s)
{
	if (strncmp(s, " - ", 3) == 0)
		return 3;
	if (strncmp(s, " -- ", 4) == 0)
		return 4;
	if (strncmp(s, " \xe2\x80\x94 ", 5) == 0 ||
	    strncmp(s, " \xe2\x80\x93 ", 5) == 0)
		return 5;
	if (s[0] == ':' && (s[1] == ' ' || s[1] == '\0'))
		return s[1] == ' ' ? 2 : 1;
	return 0;
}

static int
is_def_item(cmark_node *item)
{
	cmark_node	*p, *term, *next;
	const char	*lit;

	if ((p = cmark_node_first_child(item)) == NULL ||
	    cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return 0;
	term = cmark_node_first_child(p);
	if (term == NULL || (cmark_node_get_type(term) != CMARK_NODE_CODE &&
	    cmark_node_get_type(term) != CMARK_NODE_STRONG))
		return 0;
	next = cmark_node_next(term);
	if (next == NULL || cmark_node_get_type(next) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(next)) == NULL)
		return 0;
	return sep_len(lit) > 0;
}

static int
is_def_list(cmark_node *list)
{
	cmark_node	*it;

	if (cmark_node_get_list_type(list) != CMARK_BULLET_LIST)
		return 0;
	for (it = cmark_node_first_child(list); it != NULL;
	    it = cmark_node_next(it))
		if (!is_def_item(it))
			return 0;
	return cmark_node_first_child(list) != NULL;
}

/*
 * Open one more level of block quote or list.  Returns 0 if it is one
 * too many and must be flattened into the level around it.
 */
static int
nest_enter(struct convert *c, cmark_node *n)
{
	if (++c->depth <= MAXNEST)
		return 1;
	if (!c->flattened) {
		msg(LVL_WARNING, c->pg->path, srcline(c, n), srccol(n),
		    "block quotes and lists nested deeper than %d levels "
		    "are flattened", MAXNEST);
		c->flattened = 1;
	}
	return 0;
}

static void
list_enter(struct convert *c, cmark_node *n)
{
	struct olines	*o;
	int		 line, tight, def;

	line = srcline(c, n);
	tight = cmark_node_get_list_tight(n);
	def = is_def_list(n);
	c->lists = xgrow(c->lists, &c->listcap, c->nlists, sizeof(*c->lists));
	c->lists[c->nlists].tight = tight;
	c->lists[c->nlists].def = def;
	c->lists[c->nlists].flat = !nest_enter(c, n);
	if (c->lists[c->nlists].flat) {
		c->lists[c->nlists].def = 0;
		c->nlists++;
		c->need_par = 1;
		return;
	}
	c->nlists++;
	o = out(c, line);
	if (tight)
		paragraph_break(c, line);
	c->need_par = 0;
	emit_line(o, line, srccol(n), ".Bl %s%s", def ? "-tag -width Ds" :
	    cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "-enum" :
	    "-bullet", tight ? " -compact" : "");
}

static void
list_exit(struct convert *c, cmark_node *n)
{
	c->nlists--;
	c->depth--;
	if (!c->lists[c->nlists].flat)
		emit_line(out(c, 0), srcline(c, n), 1, ".El");
	c->need_par = 1;
}

static void
item_enter(struct convert *c, cmark_node *n)
{
	if (c->nlists > 0 && c->lists[c->nlists - 1].flat) {
		c->need_par = 1;
		return;
	}
	if (c->nlists > 0 && c->lists[c->nlists - 1].def) {
		c->term_pending = 1;
		c->term_end = 0;
	} else {
		emit_line(out(c, 0), srcline(c, n), srccol(n), ".It");
		if (cmark_node_first_child(n) == NULL)
			emit_line(out(c, 0), srcline(c, n), srccol(n), "\\&");
	}
	c->need_par = 0;
}

static int
in_tight_item(struct convert *c, cmark_node *para)
{
	cmark_node	*parent;

	parent = cmark_node_parent(para);
	return c->nlists > 0 && c->lists[c->nlists - 1].tight &&
	    parent != NULL && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
}

static void
paragraph_exit(struct convert *c, cmark_node *n)
{
	struct toks	 term = { NULL, 0, 0 };
	struct olines	*o;
	size_t		 i;
	int		 line;

	line = srcline(c, n);
	o = out(c, line);
	if (c->term_pending) {
		for (i = 0; i < c->term_end && i < c->toks.n; i++)
			toks_add(&term, c->toks.v[i].type, c->toks.v[i].space,
			    c->toks.v[i].font, c->toks.v[i].line,
			    c->toks.v[i].col, xstrdup(c->toks.v[i].s));
		emit_onto(o, "It", &term, line, srccol(n));
		toks_clear(&term);
		free(term.v);
		for (i = 0; i < c->term_end && i < c->toks.n; i++)
			free(c->toks.v[i].s);
		memmove(c->toks.v, c->toks.v + i,
		    (c->toks.n - i) * sizeof(*c->toks.v));
		c->toks.n -= i;
		c->term_pending = 0;
		c->need_par = 0;
	}
	if (in_section(c, RANK_SEEALSO))
		seealso_scan(c, &c->toks);
	if (c->toks.n > 0) {
		paragraph_break(c, line);
		emit_para(o, &c->toks);
		c->need_par = !in_tight_item(c, n);
	}
	toks_clear(&c->toks);
}

static int
is_type(cmark_node *n, const char *name)
{
	const char	*t;

	t = cmark_node_get_type_string(n);
	return t != NULL && strcmp(t, name) == 0;
}

/* Column widths for .Bl -column: the longest cell, within reason. */
static void
table_enter(struct convert *c, cmark_node *n)
{
	struct buf	 b = { NULL, 0, 0 };
	cmark_node	*row, *cell;
	size_t		*w, ncol, i;
	char		*t;
	int		 line;

	line = srcline(c, n);
	ncol = cmark_gfm_extensions_get_table_columns(n);
	w = xcalloc(ncol + 1, sizeof(*w));
	for (row = cmark_node_first_child(n); row != NULL;
	    row = cmark_node_next(row))
		for (i = 0, cell = cmark_node_first_child(row);
		    cell != NULL && i < ncol; cell = cmark_node_next(cell),
		    i++) {
			t = node_text(cell);
			if (strlen(t) > w[i])
				w[i] = strlen(t);
			free(t);
		}
	buf_adds(&b, ".Bl -column");
	for (i = 0; i < ncol; i++) {
		if (w[i] < 2)
			w[i] = 2;
		if (w[i] > (i + 1 == ncol ? 30 : 20))
			w[i] = i + 1 == ncol ? 30 : 20;
		buf_addc(&b, ' ');
		while (w[i]-- > 0)
			buf_addc(&b, 'x');
	}
	free(w);
	c->need_par = 0;
	olines_add(out(c, line), buf_take(&b), line, srccol(n));
}

/* ---- the walk ---- */

static void
code_block(struct convert *c, cmark_node *n)
{
	struct olines	*o;
	const char	*lit, *info;
	size_t		 len;
	int		 line, flen, foff;
	char		 fch;

	line = srcline(c, n);
	lit = cmark_node_get_literal(n);
	info = cmark_node_get_fence_info(n);
	len = lit != NULL ? strlen(lit) : 0;
	while (len > 0 && lit[len - 1] == '\n')
		len--;
	if (len == 0)
		return;
	o = out(c, line);
	if (in_section(c, RANK_SYNOPSIS) && info != NULL &&
	    strcmp(info, "c") == 0) {
		synopsis_block(o, lit, line + 1, c->pg->path);
		c->need_par = 0;
		return;
	}
	if (in_section(c, RANK_SYNOPSIS) && strncmp(lit, c->pg->name,
	    strlen(c->pg->name)) == 0 && isspace((unsigned char)
	    lit[strlen(c->pg->name)])) {
		if (synopsis_command(o, lit, len, line + 1)) {
			c->need_par = 0;
			return;
		}
		msg(LVL_WARNING, c->pg->path, line + 1, 1, "command "
		    "synopsis has unbalanced [ and ]: kept as a display");
	}
	c->need_par = 0;
	emit_line(o, line, srccol(n), ".Bd -literal -offset indent");
	emit_literal(o, cmark_node_get_fenced(n, &flen, &foff, &fch) ?
	    line + 1 : line, lit, len);
	emit_line(o, line, 1, ".Ed");
	c->need_par = 1;
	if (in_section(c, RANK_SEEALSO))
		c->see_only_refs = 0;
}

static void
html(struct convert *c, cmark_node *n, int line)
{
	const char	*lit;

	lit = cmark_node_get_literal(n);
	if (lit == NULL || strncmp(lit, "<!--", 4) == 0)
		return;
	msg(LVL_WARNING, c->pg->path, line, srccol(n),
	    "raw HTML dropped: %.*s", (int)strcspn(lit, "\n") < 30 ?
	    (int)strcspn(lit, "\n") : 30, lit);
}

static int
inline_line(struct convert *c, cmark_node *n)
{
	(void)n;
	return c->pline + c->pbreaks;
}

static void
text_node(struct convert *c, cmark_node *n)
{
	const char	*lit;
	size_t		 len, k;
	int		 line;

	lit = cmark_node_get_literal(n);
	if (lit == NULL)
		return;
	len = strlen(lit);
	line = inline_line(c, n);
	if (c->strip_sep) {
		c->strip_sep = 0;
		k = sep_len(lit);
		lit += k;
		len -= k;
		c->space = 1;
	}
	split_text(&c->toks, lit, len, line, srccol(n), curfont(c),
	    &c->space);
}

static void
enter(struct convert *c, cmark_node *n, cmark_node_type t)
{
	size_t	ntoks;
	int	line;

	line = srcline(c, n);
	switch (t) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		toks_clear(&c->toks);
		c->pline = line;
		c->pbreaks = 0;
		c->space = 0;
		c->em = c->sy = 0;
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (!nest_enter(c, n)) {
			c->need_par = 1;
			break;
		}
		/* a list item, not a display: displays may not nest */
		c->need_par = 0;
		emit_line(out(c, line), line, srccol(n),
		    ".Bl -item -offset indent");
		emit_line(out(c, line), line, srccol(n), ".It");
		break;
	case CMARK_NODE_LIST:
		list_enter(c, n);
		break;
	case CMARK_NODE_ITEM:
		item_enter(c, n);
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(c, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html(c, n, line);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		c->need_par = 1;
		break;
	case CMARK_NODE_TEXT:
		text_node(c, n);
		break;
	case CMARK_NODE_SOFTBREAK:
		c->space = 1;
		c->pbreaks++;
		break;
	case CMARK_NODE_LINEBREAK:
		c->pbreaks++;
		toks_add(&c->toks, TK_BREAK, 0, FONT_NONE, inline_line(c, n),
		    1, xstrdup(""));
		c->space = 0;
		break;
	case CMARK_NODE_CODE:
		ntoks = c->toks.n;
		classify_code(&c->toks, cmark_node_get_literal(n),
		    inline_line(c, n), srccol(n), curfont(c), c->space);
		/* a code span of blanks prints as a space */
		c->space = c->toks.n == ntoks;
		if (c->term_pending && c->term_end == 0) {
			c->term_end = c->toks.n;
			c->strip_sep = 1;
		}
		break;
	case CMARK_NODE_HTML_INLINE:
		html(c, n, inline_line(c, n));
		break;
	case CMARK_NODE_EMPH:
		c->em++;
		break;
	case CMARK_NODE_STRONG:
		c->sy++;
		break;
	case CMARK_NODE_LINK:
		c->links = xgrow(c->links, &c->linkcap, c->nlinks,
		    sizeof(*c->links));
		c->links[c->nlinks].start = c->toks.n;
		c->links[c->nlinks].url = xstrdup(cmark_node_get_url(n) ?
		    cmark_node_get_url(n) : "");
		c->links[c->nlinks].line = inline_line(c, n);
		c->links[c->nlinks].col = srccol(n);
		c->nlinks++;
		break;
	default:
		if (is_type(n, "table"))
			table_enter(c, n);
		else if (is_type(n, "table_row") ||
		    is_type(n, "table_header")) {
			toks_clear(&c->toks);
			c->in_header_row =
			    cmark_gfm_extensions_get_table_row_is_header(n);
			c->cells = 0;
			c->pline = line;
			c->pbreaks = 0;
		} else if (is_type(n, "table_cell")) {
			if (c->cells++ > 0)
				toks_add(&c->toks, TK_MACRO, 1, FONT_NONE,
				    line, srccol(n), xstrdup("Ta"));
			c->space = 1;
			c->sy = c->in_header_row;
			c->em = 0;
		}
		break;
	}
}

static void
leave(struct convert *c, cmark_node *n, cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_PARAGRAPH:
		paragraph_exit(c, n);
		break;
	case CMARK_NODE_HEADING:
		heading_exit(c, n);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (c->depth-- <= MAXNEST)
			emit_line(out(c, 0), srcline(c, n), 1, ".El");
		c->need_par = 1;
		break;
	case CMARK_NODE_LIST:
		list_exit(c, n);
		break;
	case CMARK_NODE_EMPH:
		c->em--;
		break;
	case CMARK_NODE_STRONG:
		c->sy--;
		if (c->term_pending && c->term_end == 0 && c->sy == 0) {
			c->term_end = c->toks.n;
			c->strip_sep = 1;
		}
		break;
	case CMARK_NODE_LINK:
		link_exit(c, n);
		break;
	default:
		if (is_type(n, "table")) {
			emit_line(out(c, 0), srcline(c, n), 1, ".El");
			c->need_par = 1;
			if (in_section(c, RANK_SEEALSO))
				c->see_only_refs = 0;
		} else if (is_type(n, "table_row") ||
		    is_type(n, "table_header")) {
			if (in_section(c, RANK_SEEALSO))
				c->see_only_refs = 0;
			emit_onto(out(c, 0), "It", &c->toks, srcline(c, n),
			    1);
			toks_clear(&c->toks);
		} else if (is_type(n, "table_cell"))
			c->sy = 0;
		break;
	}
}

static int
is_block(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	    t == CMARK_NODE_LIST || t == CMARK_NODE_CODE_BLOCK ||
	    t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_HTML_BLOCK ||
	    t == CMARK_NODE_THEMATIC_BREAK;
}

static void
walk(struct convert *c, cmark_node *doc)
{
	cmark_iter		*it;
	cmark_node		*n;
	cmark_event_type	 ev;
	cmark_node_type		 t;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_DOCUMENT)
			continue;
		if (ev == CMARK_EVENT_ENTER) {
			enter(c, n, t);
			if (t == CMARK_NODE_CODE_BLOCK ||
			    t == CMARK_NODE_HTML_BLOCK ||
			    t == CMARK_NODE_THEMATIC_BREAK)
				c->first_block = 0;
		} else {
			leave(c, n, t);
			if (is_block(t) && cmark_node_parent(n) != NULL &&
			    cmark_node_get_type(cmark_node_parent(n)) ==
			    CMARK_NODE_DOCUMENT)
				c->first_block = 0;
		}
	}
	cmark_iter_free(it);
}

/* ---- the page around the body ---- */

static void
prologue(struct convert *c, struct olines *o)
{
	struct page	*pg;
	struct buf	 b = { NULL, 0, 0 };
	char		*up;
	size_t		 i;

	pg = c->pg;
	emit_line(o, 1, 1, ".Dd %s %d, %d", months[pg->month - 1], pg->day,
	    pg->year);
	up = xstrdup(pg->name);
	upcase(up);
	buf_adds(&b, ".Dt");
	mc_arg(&b, up);
	buf_printf(&b, " %d", pg->section);
	olines_add(o, buf_take(&b), 1, 1);
	free(up);
	emit_line(o, 1, 1, ".Os");
	emit_line(o, 1, 1, ".Sh NAME");
	for (i = 0; i <= pg->names.n; i++) {
		buf_adds(&b, ".Nm");
		mc_arg(&b, i == 0 ? pg->name : pg->names.v[i - 1]);
		if (i < pg->names.n)
			buf_adds(&b, " ,");
		olines_add(o, buf_take(&b), 1, 1);
	}
	/* plain words only: makewhatis takes .Nd text as it stands */
	buf_adds(&b, ".Nd");
	emit_text_arg(&b, pg->description, strlen(pg->description));
	olines_add(o, buf_take(&b), 1, 1);
}

static void
files_section(struct convert *c)
{
	struct section	*s;
	struct olines	 list = { NULL, 0, 0 };
	size_t		 i;
	int		 line;

	if (c->pg->sources.n == 0)
		return;
	line = c->pg->sources_line;
	if ((s = section_find(c, "FILES")) == NULL) {
		s = section_new(c, "FILES");
		emit_line(&s->lines, line, 1, ".Sh FILES");
	}
	emit_line(&list, line, 1, ".Bl -item -compact");
	for (i = 0; i < c->pg->sources.n; i++) {
		emit_line(&list, line, 1, ".It");
		emit_macro(&list, line, 1, "Pa", c->pg->sources.v[i]);
		if (c->opt->manual != NULL)
			manual_ref(c->opt->manual, c->pg, "Pa",
			    c->pg->sources.v[i], line, 1);
	}
	emit_line(&list, line, 1, ".El");
	/* the list goes right after .Sh FILES, before the author's text */
	if (s->lines.n > 1)
		emit_line(&list, line, 1, ".Pp");
	{
		struct olines	rest = { NULL, 0, 0 };

		for (i = 1; i < s->lines.n; i++)
			olines_add(&rest, s->lines.v[i].s, s->lines.v[i].line,
			    s->lines.v[i].col);
		s->lines.n = 1;
		olines_append(&s->lines, &list);
		olines_append(&s->lines, &rest);
	}
}

static int
sec_cmp(const void *a, const void *b)
{
	const struct section	*x = a, *y = b;

	return x->rank - y->rank;
}

/* Put the sections in order: a stable sort by rank. */
static void
assemble(struct convert *c, struct olines *o)
{
	size_t	i, j;

	for (i = 1; i < c->nsecs; i++)
		for (j = i; j > 0 && sec_cmp(&c->secs[j - 1],
		    &c->secs[j]) > 0; j--) {
			struct section tmp = c->secs[j];
			c->secs[j] = c->secs[j - 1];
			c->secs[j - 1] = tmp;
		}
	for (i = 0; i < c->nsecs; i++) {
		olines_append(o, &c->secs[i].lines);
		olines_free(&c->secs[i].lines);
		free(c->secs[i].title);
	}
}

/* Record the semantic references for the whole-set checks. */
static void
note_refs(struct convert *c, const struct olines *o)
{
	size_t	i;

	if (c->opt->manual == NULL)
		return;
	for (i = 0; i < o->n; i++)
		manual_line(c->opt->manual, c->pg, o->v[i].s, o->v[i].line,
		    o->v[i].col);
}

int
convert_page(struct page *pg, struct olines *o, const struct convopts *opt)
{
	struct convert		 c;
	cmark_parser		*parser;
	cmark_node		*doc;
	size_t			 i;
	static const char *const exts[] = { "table", "strikethrough",
	    "autolink", NULL };

	memset(&c, 0, sizeof(c));
	c.pg = pg;
	c.opt = opt;
	c.first_block = 1;
	c.see_only_refs = 1;

	cmark_gfm_core_extensions_ensure_registered();
	/* page.c has checked the UTF-8 already */
	parser = cmark_parser_new(CMARK_OPT_SMART);
	for (i = 0; exts[i] != NULL; i++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(parser, pg->body, pg->bodylen);
	doc = cmark_parser_finish(parser);

	collect_headings(&c, doc);
	walk(&c, doc);
	files_section(&c);
	seealso_finish(&c);
	prologue(&c, o);
	assemble(&c, o);
	note_refs(&c, o);

	cmark_node_free(doc);
	cmark_parser_free(parser);
	toks_clear(&c.toks);
	free(c.toks.v);
	for (i = 0; i < c.nheads; i++) {
		free(c.heads[i].slug);
		free(c.heads[i].title);
	}
	free(c.heads);
	for (i = 0; i < c.nxrefs; i++) {
		free(c.xrefs[i].name);
		free(c.xrefs[i].sec);
	}
	free(c.xrefs);
	free(c.links);
	free(c.lists);
	free(c.secs);
	return c.errors == 0;
}
