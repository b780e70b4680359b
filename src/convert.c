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

#include "convert.h"

int
srcline(struct convert *c, cmark_node *n)
{
	int	l;

	l = cmark_node_get_start_line(n);
	return l > 0 ? l + c->pg->bodyline - 1 : c->pg->bodyline;
}

int
srccol(cmark_node *n)
{
	int	col;

	col = cmark_node_get_start_column(n);
	return col > 0 ? col : 1;
}

enum font
curfont(struct convert *c)
{
	return c->sy ? FONT_SY : c->em ? FONT_EM : FONT_NONE;
}

/* ---- sections ---- */

/* ---- SEE ALSO ---- */

/* ---- headings ---- */

/* Plain text of a heading node, for its slug and .Sx title. */
char *
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

void
upcase(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)toupper((unsigned char)*s);
}

/*
 * The title: a first block that is a level 1 heading, unless it names
 * a standard section (then level 1 headings are the sections).
 */
static cmark_node *
title_node(cmark_node *doc)
{
	cmark_node	*n;
	char		*t;
	int		 std;

	n = cmark_node_first_child(doc);
	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_HEADING ||
	    cmark_node_get_heading_level(n) != 1)
		return NULL;
	t = node_text(n);
	upcase(t);
	std = section_rank(t) != RANK_CUSTOM;
	free(t);
	return std ? NULL : n;
}

/* The words of a title, lower case, alphanumeric runs only. */
static void
words_lower(struct buf *b, const char *s)
{
	buf_addc(b, ' ');
	for (; *s != '\0'; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			buf_addc(b, tolower((unsigned char)*s));
		else if (b->p[b->len - 1] != ' ')
			buf_addc(b, ' ');
	if (b->p[b->len - 1] != ' ')
		buf_addc(b, ' ');
}

/*
 * Does the NAME section say everything the title heading says?  Then
 * the title need not be printed; otherwise it is kept as text.
 */
static int
title_covered(const struct page *pg, const char *title)
{
	struct buf	 have = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	char		*w, *e, c;
	size_t		 i;
	int		 ok;

	words_lower(&have, pg->name);
	for (i = 0; i < pg->names.n; i++)
		words_lower(&have, pg->names.v[i]);
	words_lower(&have, pg->description);
	buf_addc(&have, '\0');
	words_lower(&want, title);
	buf_addc(&want, '\0');
	ok = 1;
	/* each " word " of the title must be in what NAME says */
	for (w = want.p; ok && w[1] != '\0'; w = e) {
		e = strchr(w + 1, ' ');
		c = e[1];
		e[1] = '\0';
		ok = strstr(have.p, w) != NULL;
		e[1] = c;
	}
	buf_free(&have);
	buf_free(&want);
	return ok;
}

void
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
	if (c->toks.n == 0) {
		c->need_par = 1;		/* an empty heading */
		return;
	}
	if (n == c->title) {
		title = toks_plain(&c->toks, 0);
		if (title_covered(c->pg, title)) {
			/* the title is not printed: NAME says it */
			free(title);
			toks_clear(&c->toks);
			return;
		}
		free(title);
		lvl = 4;		/* a paragraph in bold, below */
	} else
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

/* ---- links ---- */

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
	} else
		emit_line(out(c, 0), srcline(c, n), srccol(n), ".It");
	if (c->nlists > 0)
		c->lists[c->nlists - 1].itend = out(c, 0)->n;
	c->need_par = 0;
}

/* An item that came out empty (say, of a dropped HTML tag) gets \&. */
static void
item_exit(struct convert *c, cmark_node *n)
{
	if (c->nlists == 0 || c->lists[c->nlists - 1].flat ||
	    c->lists[c->nlists - 1].def ||
	    out(c, 0)->n != c->lists[c->nlists - 1].itend)
		return;
	emit_line(out(c, 0), srcline(c, n), srccol(n), "\\&");
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

static int
inline_line(struct convert *c, cmark_node *n)
{
	(void)n;
	return c->pline + c->pbreaks;
}

/*
 * --smart made every "--" an en dash, also the one that starts a long
 * option (--all).  An en dash at the start of a word and right before
 * a letter or digit is such an option: give it back its two hyphens.
 */
static char *
unsmart_options(const char *s, int space)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p;

	for (p = s; (p = strstr(p, "\xe2\x80\x93")) != NULL; p += 3)
		if (isalnum((unsigned char)p[3]) && (p == s ? space :
		    strchr(" \t\n([{", p[-1]) != NULL))
			break;
	if (p == NULL)
		return NULL;
	for (p = s; *p != '\0'; p++) {
		if (strncmp(p, "\xe2\x80\x93", 3) == 0 &&
		    isalnum((unsigned char)p[3]) && (p == s ? space :
		    strchr(" \t\n([{", p[-1]) != NULL)) {
			buf_adds(&b, "--");
			p += 2;
		} else
			buf_addc(&b, *p);
	}
	return buf_take(&b);
}

static void
text_node(struct convert *c, cmark_node *n)
{
	const char	*lit;
	char		*fixed;
	size_t		 len, k;
	int		 line;

	lit = cmark_node_get_literal(n);
	if (lit == NULL || html_code_text(c, lit))
		return;
	fixed = unsmart_options(lit, c->space || c->toks.n == 0);
	if (fixed != NULL)
		lit = fixed;
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
	free(fixed);
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
		html_block(c, n);
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
		html_inline(c, n, inline_line(c, n));
		break;
	case CMARK_NODE_EMPH:
		c->em++;
		break;
	case CMARK_NODE_STRONG:
		c->sy++;
		break;
	case CMARK_NODE_LINK:
		link_push(c, cmark_node_get_url(n) != NULL ?
		    cmark_node_get_url(n) : "", inline_line(c, n), srccol(n), 0);
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
		html_para_end(c, srcline(c, n));
		paragraph_exit(c, n);
		break;
	case CMARK_NODE_HEADING:
		html_para_end(c, srcline(c, n));
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
	case CMARK_NODE_ITEM:
		item_exit(c, n);
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
		if (ev == CMARK_EVENT_ENTER)
			enter(c, n, t);
		else
			leave(c, n, t);
	}
	cmark_iter_free(it);
}

/* ---- the page around the body ---- */

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
	c.see_only_refs = 1;

	cmark_gfm_core_extensions_ensure_registered();
	/* page.c has checked the UTF-8 already */
	parser = cmark_parser_new(CMARK_OPT_SMART);
	for (i = 0; exts[i] != NULL; i++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(parser, pg->body, pg->bodylen);
	doc = cmark_parser_finish(parser);

	conv_tree(pg, doc);
	c.title = title_node(doc);
	collect_headings(&c, doc);
	walk(&c, doc);
	files_section(&c);
	authors_section(&c);
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
