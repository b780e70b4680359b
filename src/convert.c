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
#include "srcindex.h"
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
	return c->ar ? FONT_AR : c->sy ? FONT_SY : c->em ? FONT_EM :
	    FONT_NONE;
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

/* Does a heading hold a macro?  Then mandoc takes it as custom. */
static int
toks_have_macro(const struct toks *ts)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		if (ts->v[i].type == TK_MACRO)
			return 1;
	return 0;
}

/* A custom section, not a misspelt standard one: .Sh PIPES \& */
static void
sh_custom(struct olines *o)
{
	struct oline	*l;
	struct buf	 b = { NULL, 0, 0 };

	l = &o->v[o->n - 1];
	buf_adds(&b, l->s);
	buf_adds(&b, " \\&");
	free(l->s);
	l->len = b.len;
	l->s = buf_take(&b);
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
		for (i = 0; i < c->toks.n; i++)
			if (c->toks.v[i].font == FONT_NONE)
				c->toks.v[i].font = FONT_SY;
		if (c->toks.n > 0) {	/* an empty heading: nothing */
			paragraph_break(c, line);
			emit_para(out(c, line), &c->toks);
			c->need_par = 1;
		}
		toks_clear(&c->toks);
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
			free(title);
			c->need_par = 1;	/* after what it already has */
			toks_clear(&c->toks);
			return;
		} else {
			c->cur = section_new(c, title);
			for (i = 0; i < c->toks.n; i++)
				if (c->toks.v[i].type == TK_WORD)
					upcase(c->toks.v[i].s);
			emit_onto(&c->cur->lines, "Sh", &c->toks, line,
			    srccol(n));
			if (c->cur->rank == RANK_CUSTOM &&
			    !toks_have_macro(&c->toks) && section_typo(title))
				sh_custom(&c->cur->lines);
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
	cmark_node	*it;
	int		 line, tight, def, k, w;

	line = srcline(c, n);
	tight = cmark_node_get_list_tight(n);
	def = dl_marked(n, dl_list);
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
	/* -enum counts from 1: other start numbers are written out */
	c->lists[c->nlists].number = -1;
	if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST &&
	    cmark_node_get_list_start(n) != 1)
		c->lists[c->nlists].number = cmark_node_get_list_start(n);
	c->lists[c->nlists].delim = cmark_node_get_list_delim(n) ==
	    CMARK_PAREN_DELIM ? ')' : '.';
	c->nlists++;
	o = out(c, line);
	if (tight)
		paragraph_break(c, line);
	c->need_par = 0;
	if (c->lists[c->nlists - 1].number >= 0) {
		/* as wide as the longest label, like -enum's */
		for (k = 0, it = cmark_node_first_child(n); it != NULL;
		    it = cmark_node_next(it))
			k++;
		w = snprintf(NULL, 0, "%d.", c->lists[c->nlists - 1].number +
		    (k > 0 ? k - 1 : 0));
		emit_line(o, line, srccol(n), ".Bl -tag -width %dn%s",
		    w < 3 ? 3 : w, tight ? " -compact" : "");
		return;
	}
	emit_line(o, line, srccol(n), ".Bl %s%s", def ? "-tag -width Ds" :
	    cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "-enum" :
	    "-bullet", tight ? " -compact" : "");
}

static void
list_exit(struct convert *c, cmark_node *n)
{
	c->nlists--;
	c->depth--;
	container_end(c);
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
	} else if (c->nlists > 0 && c->lists[c->nlists - 1].number >= 0) {
		/* the item's own number, and the next one's */
		emit_line(out(c, 0), srcline(c, n), srccol(n), ".It %d\\&%c",
		    c->lists[c->nlists - 1].number, c->lists[c->nlists - 1].delim);
		c->lists[c->nlists - 1].number++;
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

/*
 * A paragraph, split with .Pp into pieces of at most PARA_MAX words
 * and marks if it is longer: mandoc's time to place its tags grows
 * with the square of a paragraph's length (30 000 emphasized words in
 * one paragraph take it minutes).  A piece ends before a word.
 */
#define	PARA_MAX	1000

static void
emit_long_para(struct convert *c, struct olines *o, int line)
{
	struct toks	 part;
	size_t		 a, b;

	if (c->toks.n <= PARA_MAX) {
		emit_para(o, &c->toks);
		return;
	}
	msg(LVL_WARNING, c->pg->path, line, 1, "a paragraph of %zu words "
	    "and marks split into paragraphs of at most %d, which mandoc "
	    "formats in reasonable time", c->toks.n, PARA_MAX);
	for (a = 0; a < c->toks.n; a = b) {
		b = a + PARA_MAX < c->toks.n ? a + PARA_MAX : c->toks.n;
		while (b < c->toks.n && b > a + 1 && (!c->toks.v[b].space ||
		    c->toks.v[b].type == TK_DELIM))
			b--;
		if (b == a + 1 && a + PARA_MAX < c->toks.n)
			b = a + PARA_MAX;	/* no blank in it: cut anyway */
		part.v = c->toks.v + a;
		part.n = b - a;
		part.cap = 0;
		if (a > 0)
			emit_line(o, c->toks.v[a].line, 1, ".Pp");
		emit_para(o, &part);
	}
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
		if (c->term_end == 0)
			c->term_end = c->toks.n;	/* all of it */
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
	if (in_section(c, RANK_SEEALSO)) {
		seealso_scan(c, &c->toks);
		seealso_lead(c, &c->toks);
	}
	if (c->toks.n > 0) {
		paragraph_break(c, line);
		emit_long_para(c, o, line);
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
unsmart_word(const char *s, int space)
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

/*
 * Text inside an HTML <code> is code, but --smart saw it as text: give
 * it back its hyphens, dots and straight quotes.
 */
static char *
unsmart_code(const char *s)
{
	static const struct {
		const char	*smart, *plain;
	} undo[] = {
		{ "\xe2\x80\x94", "---" }, { "\xe2\x80\x93", "--" },
		{ "\xe2\x80\xa6", "..." }, { "\xe2\x80\x98", "'" },
		{ "\xe2\x80\x99", "'" }, { "\xe2\x80\x9c", "\"" },
		{ "\xe2\x80\x9d", "\"" }
	};
	struct buf	 b = { NULL, 0, 0 };
	size_t		 k;

	buf_adds(&b, "");
	while (*s != '\0') {
		for (k = 0; k < sizeof(undo) / sizeof(undo[0]); k++)
			if (strncmp(s, undo[k].smart, 3) == 0)
				break;
		if (k < sizeof(undo) / sizeof(undo[0])) {
			buf_adds(&b, undo[k].plain);
			s += 3;
		} else
			buf_addc(&b, *s++);
	}
	return buf_take(&b);
}

/*
 * Every text node of the tree, before anything reads it.  A node starts
 * a word after a break, a blank or an opening bracket ([**--all**]).
 */
static void
unsmart_options(cmark_node *doc)
{
	cmark_iter	*it;
	cmark_node	*n, *prev;
	const char	*lit;
	char		*fixed;
	int		 space;

	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT ||
		    (lit = cmark_node_get_literal(n)) == NULL)
			continue;
		/* at the start of a node: white space or nothing before */
		prev = cmark_node_previous(n);
		if (prev == NULL && cmark_node_parent(n) != NULL)
			prev = cmark_node_previous(cmark_node_parent(n));
		space = prev == NULL ||
		    cmark_node_get_type(prev) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(prev) == CMARK_NODE_LINEBREAK ||
		    (cmark_node_get_type(prev) == CMARK_NODE_TEXT &&
		    cmark_node_get_literal(prev) != NULL &&
		    strchr(" \t([{|", *(cmark_node_get_literal(prev) +
		    strlen(cmark_node_get_literal(prev)) -
		    (*cmark_node_get_literal(prev) != '\0'))) != NULL);
		if ((fixed = unsmart_word(lit, space)) != NULL) {
			cmark_node_set_literal(n, fixed);
			free(fixed);
		}
	}
	cmark_iter_free(it);
}

static void
text_node(struct convert *c, cmark_node *n)
{
	const char	*lit;
	char		*code;
	size_t		 len, k;
	int		 line;

	if ((lit = cmark_node_get_literal(n)) == NULL)
		return;
	if (c->html_code != NULL) {
		code = unsmart_code(lit);
		html_code_text(c, code);
		free(code);
		return;
	}
	len = strlen(lit);
	line = inline_line(c, n);
	if (dl_marked(n, dl_sep)) {
		/* the separator after a definition's term */
		if (c->term_pending && c->term_end == 0)
			c->term_end = c->toks.n;
		k = sep_len(lit);
		if (k == 0 && lit[0] == ':')
			k = 1;
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
		c->em = c->sy = c->ar = 0;
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
		html_code_text(c, " ");		/* inside <code>: a blank */
		if (dl_marked(n, dl_end) && c->term_pending &&
		    c->term_end == 0)
			c->term_end = c->toks.n;
		break;
	case CMARK_NODE_LINEBREAK:
		c->pbreaks++;
		if (html_code_text(c, " "))
			break;		/* inside <code>: a blank */
		if (dl_marked(n, dl_end) && c->term_pending &&
		    c->term_end == 0) {
			c->term_end = c->toks.n;
			c->space = 1;
			break;
		}
		toks_add(&c->toks, TK_BREAK, 0, FONT_NONE, inline_line(c, n),
		    1, xstrdup(""));
		c->space = 0;
		break;
	case CMARK_NODE_CODE:
		if (html_code_text(c, cmark_node_get_literal(n)))
			break;		/* a code span in <code> */
		ntoks = c->toks.n;
		classify_code(&c->toks, cmark_node_get_literal(n),
		    inline_line(c, n), srccol(n), curfont(c), c->space);
		/* a code span of blanks prints as a space */
		c->space = c->toks.n == ntoks;
		break;
	case CMARK_NODE_HTML_INLINE:
		html_inline(c, n, inline_line(c, n));
		break;
	case CMARK_NODE_EMPH:
		if (dl_marked(n, dl_arg))
			c->ar++;
		else
			c->em++;
		break;
	case CMARK_NODE_STRONG:
		c->sy++;
		break;
	case CMARK_NODE_LINK:
		html_code_end(c, inline_line(c, n), srccol(n));
		link_push(c, cmark_node_get_url(n) != NULL ?
		    cmark_node_get_url(n) : "", inline_line(c, n), srccol(n), 0);
		break;
	default:
		if (is_type(n, "table"))
			table_enter(c, n);
		else if (is_type(n, "table_row") ||
		    is_type(n, "table_header"))
			table_row_enter(c, n);
		else if (is_type(n, "table_cell"))
			table_cell_enter(c, n);
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
		container_end(c);
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
		if (dl_marked(n, dl_arg))
			c->ar--;
		else
			c->em--;
		break;
	case CMARK_NODE_STRONG:
		c->sy--;
		break;
	case CMARK_NODE_LINK:
		html_code_end(c, inline_line(c, n), srccol(n));
		link_exit(c, n);
		break;
	default:
		if (is_type(n, "table"))
			table_exit(c, n);
		else if (is_type(n, "table_row") ||
		    is_type(n, "table_header"))
			table_row_exit(c, n);
		else if (is_type(n, "table_cell")) {
			html_para_end(c, srcline(c, n));
			c->sy = 0;
		}
		break;
	}
}

static void
walk(struct convert *c, cmark_node *doc)
{
	cmark_iter		*it;
	cmark_node		*n, *done;
	cmark_event_type	 ev;
	cmark_node_type		 t;

	it = cmark_iter_new(doc);
	done = NULL;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_DOCUMENT || n == done)
			continue;
		if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_PARAGRAPH &&
		    c->command && in_section(c, RANK_SYNOPSIS) &&
		    c->depth == 0 && synopsis_para(c, n)) {
			/* written as synopsis lines: skip its inlines */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			done = n;
			continue;
		}
		if (ev == CMARK_EVENT_ENTER)
			enter(c, n, t);
		else
			leave(c, n, t);
	}
	cmark_iter_free(it);
}

/* ---- the page around the body ---- */

void
convert_page(struct page *pg, struct olines *o, const struct convopts *opt)
{
	struct convert		 c;
	cmark_parser		*parser;
	cmark_node		*doc;
	char			*guarded;
	size_t			 glen;
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
	if ((guarded = table_guard(pg, &glen)) != NULL)
		cmark_parser_feed(parser, guarded, glen);
	else
		cmark_parser_feed(parser, pg->body, pg->bodylen);
	free(guarded);
	doc = cmark_parser_finish(parser);

	unsmart_options(doc);
	conv_tree(pg, doc);
	inline_page(pg);
	c.command = pg->section == 1 || pg->section == 6 ||
	    pg->section == 8;
	deflist_find(doc, c.command);
	c.title = title_node(doc);
	collect_headings(&c, doc);
	walk(&c, doc);
	files_section(&c);
	authors_section(&c);
	seealso_finish(&c);
	prologue(&c, o);
	assemble(&c, o);
	note_refs(&c, o);
	inline_page(NULL);

	cmark_node_free(doc);
	cmark_parser_free(parser);
	toks_clear(&c.toks);
	free(c.toks.v);
	for (i = 0; i < c.nheads; i++) {
		free(c.heads[i].slug);
		free(c.heads[i].title);
	}
	free(c.heads);
	free(c.byslug);
	for (i = 0; i < c.nxrefs; i++) {
		free(c.xrefs[i].name);
		free(c.xrefs[i].sec);
	}
	free(c.xrefs);
	strset_free(c.xrefset);
	free(c.links);
	free(c.lists);
	free(c.secs);
}
