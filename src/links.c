/*
 * links.c: headings and links.  A link to a heading of the page is .Sx,
 * to another page .Xr (checked by manual.c), to a URL .Lk, to a mail
 * address .Mt.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "md2mdoc.h"
#include "manual.h"
#include "convert.h"

static int	 byslug(const void *, const void *);

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

/*
 * The headings, for links to them and for the choice of .Sh level.
 * Headings are blocks: only containers of blocks are searched, not
 * the inline nodes that make up most of the tree.
 */
void
collect_headings(struct convert *c, cmark_node *doc)
{
	cmark_node	*n;
	char		*t;
	size_t		 i;
	int		 lvl;

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
			if (lvl <= 2 && n != c->title)
				upcase(t);
			c->heads[c->nheads].title = t;
			c->nheads++;
			if (lvl == 1 && n != c->title)
				c->shift = 1;
			break;
		default:
			break;
		}
		/* the next block: a sibling, or the sibling of a parent */
		while (n != doc && cmark_node_next(n) == NULL)
			n = cmark_node_parent(n);
		n = n == doc ? NULL : cmark_node_next(n);
	}
	/* sorted by slug, the first of equal slugs first, for lookups */
	c->byslug = xcalloc(c->nheads + 1, sizeof(*c->byslug));
	for (i = 0; i < c->nheads; i++)
		c->byslug[i] = &c->heads[i];
	qsort(c->byslug, c->nheads, sizeof(*c->byslug), byslug);
}

static int
byslug(const void *a, const void *b)
{
	const struct heading	*x = *(const struct heading *const *)a;
	const struct heading	*y = *(const struct heading *const *)b;
	int			 d;

	if ((d = strcmp(x->slug, y->slug)) != 0)
		return d;
	return x < y ? -1 : x > y;
}

/* The first heading with this slug, or NULL. */
const struct heading *
heading_find(struct convert *c, const char *slug)
{
	size_t	lo, hi, mid;

	lo = 0;
	hi = c->nheads;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(c->byslug[mid]->slug, slug) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nheads && strcmp(c->byslug[lo]->slug, slug) == 0 ?
	    c->byslug[lo] : NULL;
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
	/* a link right after a link: its address would run into this */
	if (l->start > 0 && c->toks.v[l->start - 1].type == TK_MACRO &&
	    strncmp(c->toks.v[l->start - 1].s, "Lk ", 3) == 0)
		space = 1;
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
		msg(LVL_WARNING, c->pg->path, l->line, l->col,
		    "link to a page that cannot be read, its text kept: %s",
		    path.p);
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

/* A link that keeps its address: .Lk with the text, if it differs. */
static void
link_address(struct convert *c, struct link *l)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*text;

	text = toks_plain(&c->toks, l->start);
	mc_begin(&b, "Lk");
	mc_arg(&b, l->url);
	if (*text != '\0' && strcmp(text, l->url) != 0)
		emit_text_arg(&b, text, strlen(text));
	free(text);
	link_replace(c, l, "", buf_take(&b), NULL);
}

/* A link starts: its text is the tokens from here to link_exit(). */
void
link_push(struct convert *c, const char *url, int line, int col, int html)
{
	c->links = xgrow(c->links, &c->linkcap, c->nlinks, sizeof(*c->links));
	c->links[c->nlinks].start = c->toks.n;
	c->links[c->nlinks].url = xstrdup(url);
	c->links[c->nlinks].line = line;
	c->links[c->nlinks].col = col;
	c->links[c->nlinks].html = html;
	c->nlinks++;
}

void
link_exit(struct convert *c, cmark_node *n)
{
	struct link		*l;
	const struct heading	*h;
	struct buf		 b = { NULL, 0, 0 };
	const char		*url, *p;
	char			*call;
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
			mc_enddelim(&b);
			call = buf_take(&b);
			link_replace(c, l, h->title, call,
			    prefixed("Pq", call));
		}
	} else if (strncmp(url, "mailto:", 7) == 0) {
		call = mc_call1("Mt", url + 7);
		link_replace(c, l, url + 7, call, prefixed("Pq", call));
	} else if (has_scheme(url)) {
		link_address(c, l);
	} else if ((p = strchr(url, '#')) != NULL ? (len = (size_t)(p - url),
	    len > 3 && strncmp(p - 3, ".md", 3) == 0) :
	    ((len = strlen(url)) > 3 && strcmp(url + len - 3, ".md") == 0)) {
		link_page(c, l, url);
	} else if (*url != '\0') {
		/* a relative link to another file: its text and address */
		link_address(c, l);
	}
	free(l->url);
}
