/*
 * command.c: the SYNOPSIS of a command page (sections 1, 6 and 8) as
 * other tools' pages write it in Markdown text:
 *
 *	**mytool run** [*options*] *image* [*command* [*arg* ...]]
 *	`tool` [`-a`] [`-o` <file>] <input>...
 *	**pantool** [**--verbose**] [*input-file*]...
 *
 * The first strong or code text of a line is the command (.Nm); the
 * other strong or code words are options (.Fl) or literal words (.Cm);
 * emphasis and <placeholders> are arguments (.Ar), and so are plain
 * words that are not options; [ ] nest as .Op, .Oo and .Oc.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "md2mdoc.h"
#include "convert.h"

enum skind { S_NAME, S_FLAG, S_CMD, S_ARG, S_OPEN, S_CLOSE, S_BAR,
	S_DOTS, S_EQ, S_BREAK, S_CONT };

struct stok {
	enum skind	 kind;
	char		*s;
};

struct stoks {
	struct stok	*v;
	size_t		 n, cap;
};

static void
sadd(struct stoks *t, enum skind k, const char *s, size_t n)
{
	t->v = xgrow(t->v, &t->cap, t->n, sizeof(*t->v));
	t->v[t->n].kind = k;
	t->v[t->n].s = s != NULL ? xstrndup(s, n) : NULL;
	t->n++;
}

static void
sfree(struct stoks *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
}

static int
is_flagword(const char *s, size_t n)
{
	return n >= 2 && s[0] == '-' && (isalnum((unsigned char)s[1]) ||
	    (s[1] == '-' && n > 2));
}

/* Words of plain text: brackets, bars, dots, = and words. */
static void
plain(struct stoks *t, const char *s)
{
	size_t	n;

	while (*s != '\0') {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if (*s == '[' || *s == ']' || *s == '|' || *s == '=') {
			sadd(t, *s == '[' ? S_OPEN : *s == ']' ? S_CLOSE :
			    *s == '|' ? S_BAR : S_EQ, NULL, 0);
			s++;
			continue;
		}
		if (strncmp(s, "...", 3) == 0 ||
		    strncmp(s, "\xe2\x80\xa6", 3) == 0) {
			sadd(t, S_DOTS, NULL, 0);
			s += 3;
			continue;
		}
		for (n = 0; s[n] != '\0' && !isspace((unsigned char)s[n]) &&
		    strchr("[]|=", s[n]) == NULL &&
		    strncmp(s + n, "...", 3) != 0 &&
		    strncmp(s + n, "\xe2\x80\xa6", 3) != 0; n++)
			continue;
		sadd(t, is_flagword(s, n) ? S_FLAG : S_ARG, s, n);
		s += n;
	}
}

/* Words of strong or code text: the command, options, literals. */
static void
literal(struct stoks *t, const char *s, int *named)
{
	size_t	n;

	s = trim_blanks(s, &n);
	if (n == 0)
		return;
	if (!*named) {
		sadd(t, S_NAME, s, n);
		*named = 1;
		return;
	}
	while (n > 0) {
		size_t	w;

		for (w = 0; w < n && s[w] != ' ' && s[w] != '='; w++)
			continue;
		if (w > 0)
			sadd(t, is_flagword(s, w) ? S_FLAG : S_CMD, s, w);
		if (w < n && s[w] == '=')
			sadd(t, S_EQ, NULL, 0);
		s += w < n ? w + 1 : w;
		n -= w < n ? w + 1 : w;
		while (n > 0 && *s == ' ')
			s++, n--;
	}
}

/*
 * Does a new line start a new form of the command?  Only strong or code
 * text that is not an option does; anything else continues the line
 * before, as a long synopsis wrapped in the source.
 */
static int
new_form(cmark_node *n)
{
	char	*s;
	int	 r;

	if (cmark_node_get_type(n) != CMARK_NODE_STRONG &&
	    cmark_node_get_type(n) != CMARK_NODE_CODE)
		return 0;
	s = node_text(n);
	r = s[strspn(s, " ")] != '-' && s[strspn(s, " ")] != '\0';
	free(s);
	return r;
}

/* The tokens of a paragraph, or 0 if it holds anything else. */
static int
tokens(cmark_node *para, struct stoks *t)
{
	cmark_node	*n;
	char		*s, *d;
	const char	*lit;
	int		 named;

	named = 0;
	for (n = cmark_node_first_child(para); n != NULL;
	    n = cmark_node_next(n)) {
		if (t->n > 0 && t->v[t->n - 1].kind == S_CONT && new_form(n)) {
			t->v[t->n - 1].kind = S_BREAK;
			named = 0;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_STRONG:
		case CMARK_NODE_CODE:
			s = node_text(n);
			literal(t, s, &named);
			free(s);
			break;
		case CMARK_NODE_EMPH:
			s = node_text(n);
			for (d = strtok(s, " "); d != NULL;
			    d = strtok(NULL, " "))
				sadd(t, S_ARG, d, strlen(d));
			free(s);
			break;
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(n);
			if (!named || (t->v[t->n - 1].kind == S_CONT &&
			    isalnum((unsigned char)lit[strspn(lit, " ")])))
				return 0;	/* a line starts with words */
			plain(t, lit);
			break;
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit[0] != '<' || !isalpha((unsigned char)lit[1]))
				return 0;
			s = xstrdup(lit + 1);
			s[strcspn(s, ">")] = '\0';
			if (strcspn(s, " /") != strlen(s)) {
				free(s);
				return 0;	/* attributes: not an argument */
			}
			sadd(t, S_ARG, s, strlen(s));
			free(s);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			/* a new form or more of this one: see new_form() */
			sadd(t, S_CONT, NULL, 0);
			break;
		default:
			return 0;
		}
	}
	return t->n > 0 && t->v[0].kind == S_NAME;
}

/* One macro of a synopsis line: .Fl, .Ar, .Cm and their arguments. */
static void
macro(struct buf *b, const char *m, const char *arg, int glue)
{
	if (b->len == 0)
		buf_addc(b, '.');
	else
		buf_addc(b, ' ');
	if (glue)
		buf_adds(b, "Ns ");
	buf_adds(b, m);
	if (arg != NULL)
		mc_arg(b, arg);
}

static void
line_end(struct olines *o, struct buf *b, int line)
{
	if (b->len > 0)
		olines_add(o, buf_take(b), line, 1);
}

/*
 * The paragraph as synopsis lines.  Returns 0, having written nothing,
 * if it is not one: then it is an ordinary paragraph.
 */
int
synopsis_para(struct convert *c, cmark_node *para)
{
	struct stoks	 t = { NULL, 0, 0 };
	struct olines	 lines = { NULL, 0, 0 };
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	int		 depth, glue, line, ok;

	line = srcline(c, para);
	if (!tokens(para, &t)) {
		sfree(&t);
		return 0;
	}
	depth = glue = 0;
	ok = 1;
	for (i = 0; i < t.n && ok; i++) {
		switch (t.v[i].kind) {
		case S_NAME:
			if (depth != 0)
				ok = 0;
			line_end(&lines, &b, line);
			macro(&b, "Nm", t.v[i].s, 0);
			mc_enddelim(&b);
			line_end(&lines, &b, line);
			break;
		case S_BREAK:
			if (depth != 0)
				ok = 0;
			line_end(&lines, &b, line);
			line++;
			break;
		case S_CONT:
			line++;
			continue;	/* keeps an = glued */
		case S_OPEN:
			if (depth++ == 0) {
				line_end(&lines, &b, line);
				buf_adds(&b, ".Op");
			} else
				buf_adds(&b, " Oo");
			break;
		case S_CLOSE:
			if (depth == 0)
				ok = 0;
			else if (--depth > 0)
				buf_adds(&b, " Oc");
			else
				line_end(&lines, &b, line);
			break;
		case S_BAR:
			buf_adds(&b, b.len > 0 ? " |" : ".No |");
			break;
		case S_DOTS:
			/* [file]... reads as [file ...]: reopen the line */
			if (b.len == 0 && lines.n > 0 &&
			    strncmp(lines.v[lines.n - 1].s, ".Nm", 3) != 0) {
				buf_adds(&b, lines.v[lines.n - 1].s);
				free(lines.v[--lines.n].s);
			}
			buf_adds(&b, b.len > 0 ? " ..." : ".No ...");
			break;
		case S_EQ:
			buf_adds(&b, b.len > 0 ? " Ns =" : ".No =");
			glue = 1;
			continue;
		case S_FLAG:
			if (depth == 0 && !glue)
				line_end(&lines, &b, line);
			macro(&b, "Fl", t.v[i].s + 1, glue);
			break;
		case S_CMD:
			if (depth == 0 && !glue)
				line_end(&lines, &b, line);
			macro(&b, "Cm", t.v[i].s, glue);
			break;
		case S_ARG:
			if (depth == 0 && !glue)
				line_end(&lines, &b, line);
			macro(&b, "Ar", t.v[i].s, glue);
			break;
		}
		glue = 0;
	}
	if (depth != 0)
		ok = 0;
	line_end(&lines, &b, line);
	if (ok) {
		paragraph_break(c, line);
		olines_append(out(c, line), &lines);
		c->need_par = 1;
	}
	olines_free(&lines);
	buf_free(&b);
	sfree(&t);
	return ok;
}
