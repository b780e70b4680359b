/*
 * html.c: raw HTML in Markdown.  Tags with an mdoc meaning become it:
 *
 *	<b> <strong>		.Sy		<i> <em>	.Em
 *	<code> <kbd> <tt>	a code span	<br>		a line break
 *	<a href="u">		a link		<img alt="t">	its alt text
 *	<sup> <sub>		their text	<pre>		a display
 *	<p> <div> <li> ...	a paragraph break
 *	<word>			.Ar word, an argument placeholder as ronn
 *				writes it: no attributes, no closing tag
 *				in the paragraph, and no meaning above
 *
 * Comments vanish.  Any other tag is dropped with a warning and its
 * text is kept, except the content of <script> and <style>, which is
 * not text a reader sees: it is dropped with a warning that says so.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "md2mdoc.h"
#include "convert.h"

enum hkind {
	H_TEXT,			/* text, entities not yet decoded */
	H_START,		/* <name ...> */
	H_END,			/* </name> */
	H_EMPTY,		/* <name ... /> */
	H_COMMENT,		/* <!-- --> */
	H_OTHER			/* <? ?>, <!DECL>, <![CDATA[ ]]> */
};

struct htok {
	enum hkind	 kind;
	const char	*s;		/* the whole token */
	size_t		 len;
	char		 name[16];	/* tag name, lower case */
	int		 attrs;		/* the tag has attributes */
};

enum hact {
	A_DROP,			/* warn, keep the text */
	A_SY, A_EM, A_CODE, A_BR, A_PLAIN, A_LINK, A_IMG,
	A_BLOCK,		/* a paragraph break */
	A_PRE, A_HIDDEN
};

static const struct {
	const char	*name;
	enum hact	 act;
} tags[] = {
	{ "a", A_LINK }, { "b", A_SY }, { "br", A_BR }, { "code", A_CODE },
	{ "em", A_EM }, { "i", A_EM }, { "img", A_IMG }, { "kbd", A_CODE },
	{ "pre", A_PRE }, { "samp", A_CODE }, { "script", A_HIDDEN },
	{ "strong", A_SY }, { "style", A_HIDDEN }, { "sub", A_PLAIN },
	{ "sup", A_PLAIN }, { "tt", A_CODE },
	{ "address", A_BLOCK }, { "article", A_BLOCK }, { "aside", A_BLOCK },
	{ "blockquote", A_BLOCK }, { "body", A_BLOCK }, { "center", A_BLOCK },
	{ "dd", A_BLOCK }, { "details", A_BLOCK }, { "div", A_BLOCK },
	{ "dl", A_BLOCK }, { "dt", A_BLOCK }, { "figcaption", A_BLOCK },
	{ "figure", A_BLOCK }, { "footer", A_BLOCK }, { "h1", A_BLOCK },
	{ "h2", A_BLOCK }, { "h3", A_BLOCK }, { "h4", A_BLOCK },
	{ "h5", A_BLOCK }, { "h6", A_BLOCK }, { "header", A_BLOCK },
	{ "hr", A_BLOCK }, { "html", A_BLOCK }, { "li", A_BLOCK },
	{ "main", A_BLOCK }, { "nav", A_BLOCK }, { "ol", A_BLOCK },
	{ "p", A_BLOCK }, { "section", A_BLOCK }, { "summary", A_BLOCK },
	{ "table", A_BLOCK }, { "tbody", A_BLOCK }, { "td", A_BLOCK },
	{ "tfoot", A_BLOCK }, { "th", A_BLOCK }, { "thead", A_BLOCK },
	{ "tr", A_BLOCK }, { "ul", A_BLOCK }
};

static enum hact
tag_action(const struct htok *t)
{
	size_t	i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strcmp(tags[i].name, t->name) == 0)
			return tags[i].act;
	return A_DROP;
}

/*
 * The next token of raw HTML at s (n bytes left).  Anything that does
 * not parse as markup is text, a lone < included.
 */
static void
html_next(const char *s, size_t n, struct htok *t)
{
	const char	*e, *p;
	size_t		 k;
	char		 q;

	memset(t, 0, sizeof(*t));
	t->s = s;
	t->kind = H_TEXT;
	if (s[0] != '<' || n < 2) {
		e = memchr(s + 1, '<', n - 1);
		t->len = e != NULL ? (size_t)(e - s) : n;
		return;
	}
	if (n >= 4 && strncmp(s, "<!--", 4) == 0) {
		for (p = s + 4; p + 3 <= s + n && strncmp(p, "-->", 3); p++)
			continue;
		t->kind = H_COMMENT;
		t->len = p + 3 <= s + n ? (size_t)(p + 3 - s) : n;
		return;
	}
	if (s[1] == '?' || s[1] == '!') {
		e = memchr(s, '>', n);
		if (n >= 9 && strncmp(s, "<![CDATA[", 9) == 0)
			for (e = s + 9; e + 3 <= s + n &&
			    strncmp(e, "]]>", 3); e++)
				continue;
		if (e == NULL || e >= s + n) {
			t->len = 1;	/* not markup: a lone < */
			return;
		}
		t->kind = H_OTHER;
		t->len = (size_t)(e - s) + (*e == ']' ? 3 : 1);
		return;
	}
	p = s + 1;
	if (*p == '/')
		p++;
	if (p >= s + n || !isalpha((unsigned char)*p)) {
		t->len = 1;
		return;
	}
	for (k = 0; p < s + n && (isalnum((unsigned char)*p) || *p == '-');
	    p++)
		if (k + 1 < sizeof(t->name))
			t->name[k++] = (char)tolower((unsigned char)*p);
	/* attributes, with quoted values, to the closing > */
	for (q = 0; p < s + n; p++) {
		if (q != 0) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'')
			q = *p;
		else if (*p == '>')
			break;
		else if (!isspace((unsigned char)*p) && *p != '/')
			t->attrs = 1;
	}
	if (p >= s + n) {
		memset(t->name, 0, sizeof(t->name));
		t->attrs = 0;
		t->len = 1;
		return;
	}
	t->len = (size_t)(p + 1 - s);
	t->kind = s[1] == '/' ? H_END : p[-1] == '/' ? H_EMPTY : H_START;
}

/* The value of attribute name in a tag, decoded, or NULL. */
static char *
attr(const struct htok *t, const char *name)
{
	const char	*p, *e, *v;
	size_t		 nl;

	nl = strlen(name);
	e = t->s + t->len;
	for (p = t->s + 1; p + nl < e; p++) {
		if (strncasecmp(p, name, nl) != 0 ||
		    !isspace((unsigned char)p[-1]))
			continue;
		v = p + nl;
		while (v < e && isspace((unsigned char)*v))
			v++;
		if (v >= e || *v != '=')
			continue;
		for (v++; v < e && isspace((unsigned char)*v); v++)
			continue;
		if (v < e && (*v == '"' || *v == '\'')) {
			p = memchr(v + 1, *v, (size_t)(e - v - 1));
			if (p == NULL)
				return NULL;
			return html_decode(v + 1, (size_t)(p - v - 1));
		}
		for (p = v; p < e && !isspace((unsigned char)*p) && *p != '>';
		    p++)
			continue;
		return html_decode(v, (size_t)(p - v));
	}
	return NULL;
}

/*
 * Character references decoded as cmark decodes them: each one, alone,
 * is a Markdown paragraph that cmark's own table decodes.  The text
 * around them is kept as it is, blanks and newlines included.
 */
char *
html_decode(const char *s, size_t n)
{
	struct buf	 b = { NULL, 0, 0 };
	cmark_node	*doc, *x;
	const char	*lit;
	size_t		 i, k;

	buf_adds(&b, "");
	for (i = 0; i < n; i += k) {
		/* &name; &#digits; &#xhex;, at most 32 bytes */
		k = 1;
		if (s[i] == '&' && i + 1 < n && (isalnum((unsigned char)s[i +
		    1]) || s[i + 1] == '#')) {
			for (k = 2; i + k < n && k < 32 &&
			    isalnum((unsigned char)s[i + k]); k++)
				continue;
			if (i + k < n && s[i + k] == ';') {
				k++;
				doc = cmark_parse_document(s + i, k,
				    CMARK_OPT_DEFAULT);
				x = cmark_node_first_child(doc);
				x = x != NULL ? cmark_node_first_child(x) : NULL;
				if (x != NULL && cmark_node_get_type(x) ==
				    CMARK_NODE_TEXT && cmark_node_next(x) == NULL &&
				    (lit = cmark_node_get_literal(x)) != NULL)
					buf_adds(&b, lit);
				else
					buf_add(&b, s + i, k);
				cmark_node_free(doc);
				continue;
			}
		}
		/* a run of anything else, as it is */
		for (k = 1; i + k < n && s[i + k] != '&'; k++)
			continue;
		buf_add(&b, s + i, k);
	}
	return buf_take(&b);
}

/* ---- the actions, shared by inline and block HTML ---- */

static void
add_text(struct convert *c, const char *s, size_t n, int line, int col)
{
	char	*d;

	d = html_decode(s, n);
	if (c->html_code != NULL)
		buf_adds(c->html_code, d);
	else
		split_text(&c->toks, d, strlen(d), line, col, curfont(c),
		    &c->space);
	free(d);
}

/* A <code> span ends: at </code>, or before anything it cannot hold. */
void
html_code_end(struct convert *c, int line, int col)
{
	const char	*p;
	size_t		 ntoks, len;

	if (c->html_code == NULL)
		return;
	buf_adds(c->html_code, "");
	p = c->html_code->p;
	len = c->html_code->len;
	ntoks = c->toks.n;
	/* blanks at either end of the span space it from its neighbours */
	classify_code(&c->toks, p, line, col, curfont(c), c->space ||
	    (len > 0 && isspace((unsigned char)p[0])));
	c->space = c->toks.n == ntoks ||
	    (len > 0 && isspace((unsigned char)p[len - 1]));
	buf_free(c->html_code);
	free(c->html_code);
	c->html_code = NULL;
}

/* Is there a </name> later in the same paragraph? */
static int
closed_later(cmark_node *n, const char *name)
{
	struct htok	 t;
	const char	*lit;

	for (n = n != NULL ? cmark_node_next(n) : NULL; n != NULL;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE ||
		    (lit = cmark_node_get_literal(n)) == NULL)
			continue;
		html_next(lit, strlen(lit), &t);
		if (t.kind == H_END && strcmp(t.name, name) == 0)
			return 1;
	}
	return 0;
}

/* At most 40 bytes of markup, on one line, for a message. */
static int
show(const struct htok *t)
{
	size_t	n;

	n = strcspn(t->s, "\n");
	if (n > t->len)
		n = t->len;
	return n > 40 ? 40 : (int)n;
}

static void
dropped(struct convert *c, const struct htok *t, int line, int col)
{
	msg(LVL_WARNING, c->pg->path, line, col, t->kind == H_OTHER ?
	    "HTML markup dropped, it is not text: %.*s" :
	    "HTML tag dropped, its text kept: %.*s", show(t), t->s);
}

/*
 * One tag.  n is the inline node it came from (NULL in a block).
 * Returns 1 if it ends a paragraph (a block-level tag).
 */
static int
tag(struct convert *c, const struct htok *t, cmark_node *n, int line,
    int col)
{
	char	*v;

	if (t->kind == H_COMMENT)
		return 0;
	if (t->kind == H_OTHER) {
		dropped(c, t, line, col);
		return 0;
	}
	switch (tag_action(t)) {
	case A_SY:
	case A_EM:
		if (t->kind == H_START)
			tag_action(t) == A_SY ? c->sy++ : c->em++;
		else if (t->kind == H_END && tag_action(t) == A_SY && c->sy > 0)
			c->sy--;
		else if (t->kind == H_END && tag_action(t) == A_EM && c->em > 0)
			c->em--;
		return 0;
	case A_CODE:
		if (t->kind == H_START && c->html_code == NULL) {
			c->html_code = xcalloc(1, sizeof(*c->html_code));
			buf_adds(c->html_code, "");
		} else if (t->kind == H_END)
			html_code_end(c, line, col);
		return 0;
	case A_BR:
		if (html_code_text(c, " "))
			return 0;	/* inside <code>: a blank */
		toks_add(&c->toks, TK_BREAK, 0, FONT_NONE, line, col,
		    xstrdup(""));
		c->space = 0;
		return 0;
	case A_PLAIN:
		return 0;
	case A_LINK:
		html_code_end(c, line, col);
		if (t->kind == H_END) {
			if (c->nlinks > 0 && c->links[c->nlinks - 1].html)
				link_exit(c, NULL);
			return 0;
		}
		if ((v = attr(t, "href")) == NULL) {
			dropped(c, t, line, col);
			return 0;
		}
		link_push(c, v, line, col, 1);
		free(v);
		return 0;
	case A_IMG:
		if ((v = attr(t, "alt")) != NULL && *v != '\0') {
			if (!html_code_text(c, v))
				split_text(&c->toks, v, strlen(v), line, col,
				    curfont(c), &c->space);
		} else
			msg(LVL_WARNING, c->pg->path, line, col,
			    "HTML image without alt text dropped: %.*s",
			    show(t), t->s);
		free(v);
		return 0;
	case A_BLOCK:
		return 1;
	case A_PRE:
	case A_HIDDEN:
		return 1;	/* handled by the block reader */
	case A_DROP:
		break;
	}
	if (t->kind == H_START && !t->attrs && !closed_later(n, t->name)) {
		/* <file>: an argument placeholder, as ronn has them */
		html_code_end(c, line, col);
		toks_add(&c->toks, TK_MACRO, c->space, curfont(c), line, col,
		    mc_call1("Ar", t->name));
		c->space = 0;
		return 0;
	}
	if (t->kind == H_START || t->kind == H_EMPTY)
		dropped(c, t, line, col);
	return 0;
}

/* An inline HTML node: one tag, a comment, or other markup. */
void
html_inline(struct convert *c, cmark_node *n, int line)
{
	struct htok	 t;
	const char	*lit;

	if ((lit = cmark_node_get_literal(n)) == NULL)
		return;
	html_next(lit, strlen(lit), &t);
	if (t.kind == H_TEXT) {
		add_text(c, lit, strlen(lit), line, srccol(n));
		return;
	}
	switch (t.kind == H_COMMENT ? A_DROP : tag_action(&t)) {
	case A_PRE:
	case A_HIDDEN:
	case A_BLOCK:
		/* no paragraph break inside a paragraph: just drop it */
		if (t.kind == H_START)
			dropped(c, &t, line, srccol(n));
		return;
	default:
		(void)tag(c, &t, n, line, srccol(n));
		return;
	}
}

/* Does a code span collect this text?  (inline <code> ... </code>) */
int
html_code_text(struct convert *c, const char *s)
{
	if (c->html_code == NULL)
		return 0;
	if (s != NULL)
		buf_adds(c->html_code, s);
	return 1;
}

/*
 * A paragraph or heading ends: a <code> or <a> opened in it and never
 * closed ends here too.
 */
void
html_para_end(struct convert *c, int line)
{
	html_code_end(c, line, 1);
	while (c->nlinks > 0 && c->links[c->nlinks - 1].html)
		link_exit(c, NULL);
}

/* End a paragraph of text read from an HTML block. */
static void
block_flush(struct convert *c, int line)
{
	html_para_end(c, line);
	if (c->toks.n > 0) {
		paragraph_break(c, line);
		emit_para(out(c, line), &c->toks);
		c->need_par = 1;
	}
	toks_clear(&c->toks);
	c->space = 0;
	c->em = c->sy = 0;
}

/* The text up to </name>, and where it ends. */
static const char *
until_end(const char *s, const char *e, const char *name)
{
	size_t	nl;

	nl = strlen(name);
	for (; s + nl + 3 <= e; s++)
		if (s[0] == '<' && s[1] == '/' &&
		    strncasecmp(s + 2, name, nl) == 0 &&
		    (s[2 + nl] == '>' || isspace((unsigned char)s[2 + nl])))
			return s;
	return e;
}

/*
 * An HTML block: its text becomes paragraphs, split where block-level
 * tags are, with the inline tags mapped as above.
 */
void
html_block(struct convert *c, cmark_node *n)
{
	struct htok	 t;
	const char	*lit, *s, *e, *p, *q;
	char		*d;
	int		 line, col;

	if ((lit = cmark_node_get_literal(n)) == NULL)
		return;
	line = srcline(c, n);
	col = 1;
	toks_clear(&c->toks);
	c->space = 0;
	c->em = c->sy = 0;
	s = lit;
	e = lit + strlen(lit);
	while (s < e) {
		html_next(s, (size_t)(e - s), &t);
		if (t.kind == H_TEXT)
			add_text(c, s, t.len, line, col);
		else if (t.kind == H_START && (tag_action(&t) == A_PRE ||
		    tag_action(&t) == A_HIDDEN)) {
			block_flush(c, line);
			p = until_end(s + t.len, e, t.name);
			if (tag_action(&t) == A_HIDDEN) {
				msg(LVL_WARNING, c->pg->path, line, col,
				    "HTML <%s> dropped with its content, "
				    "which is not text", t.name);
			} else {
				/* <pre>: its text, tags removed, as is */
				struct buf	b = { NULL, 0, 0 };

				for (q = s + t.len; q < p; q += t.len) {
					html_next(q, (size_t)(p - q), &t);
					if (t.kind == H_TEXT) {
						d = html_decode(q, t.len);
						buf_adds(&b, d);
						free(d);
					}
				}
				while (b.len > 0 && b.p[0] == '\n')
					memmove(b.p, b.p + 1, b.len--);
				while (b.len > 0 && b.p[b.len - 1] == '\n')
					b.len--;
				if (b.len > 0) {
					c->need_par = 0;
					emit_line(out(c, line), line, 1,
					    ".Bd -literal -offset indent");
					emit_literal(out(c, line), line, b.p,
					    b.len);
					emit_line(out(c, line), line, 1, ".Ed");
					c->need_par = 1;
				}
				buf_free(&b);
			}
			for (q = s; q < p; q++)
				if (*q == '\n')
					line++;
			s = p;
			if (s < e) {
				html_next(s, (size_t)(e - s), &t);
				s += t.len;
			}
			continue;
		} else if (tag(c, &t, NULL, line, col))
			block_flush(c, line);
		for (q = s; q < s + t.len; q++)
			if (*q == '\n')
				line++, col = 1;
			else
				col++;
		s += t.len;
	}
	block_flush(c, line);
}
