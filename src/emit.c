/*
 * emit.c: the only place that writes mdoc.
 *
 * Everything that reaches the output passes through one of the escaping
 * functions here, so this is the one file to audit for roff injection:
 * text becomes text lines that never start with a control character,
 * macro arguments are escaped and protected from being parsed as macros
 * or delimiters, and every backslash becomes \e.  Each output line
 * remembers the Markdown line that produced it, for lint messages.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"

#define	MAXLINE	79		/* lines stay under 80 bytes */

enum esc {
	ESC_TEXT,		/* a word on a text line */
	ESC_ARG,		/* a macro argument */
	ESC_LIT			/* a line in a literal display */
};

/* Code points with a roff name; everything else becomes \[uXXXX]. */
static const struct {
	unsigned int	 cp;
	const char	*s;
} named[] = {
	{ 0x00a0, "\\~" },	{ 0x00a7, "\\(sc" },	{ 0x00a9, "\\(co" },
	{ 0x00ab, "\\(Fo" },	{ 0x00ae, "\\(rg" },	{ 0x00b0, "\\(de" },
	{ 0x00b1, "\\(+-" },	{ 0x00b5, "\\(mc" },	{ 0x00b6, "\\(ps" },
	{ 0x00b7, "\\(pc" },	{ 0x00bb, "\\(Fc" },	{ 0x00d7, "\\(mu" },
	{ 0x00f7, "\\(di" },	{ 0x2010, "\\(hy" },	{ 0x2013, "\\(en" },
	{ 0x2014, "\\(em" },	{ 0x2018, "\\(oq" },	{ 0x2019, "\\(cq" },
	{ 0x201c, "\\(lq" },	{ 0x201d, "\\(rq" },	{ 0x2020, "\\(dg" },
	{ 0x2022, "\\(bu" },	{ 0x2122, "\\(tm" },	{ 0x2190, "\\(<-" },
	{ 0x2192, "\\(->" },	{ 0x2194, "\\(<>" },	{ 0x21d2, "\\(rA" },
	{ 0x2212, "\\(mi" },	{ 0x221e, "\\(if" },	{ 0x2248, "\\(~~" },
	{ 0x2260, "\\(!=" },	{ 0x2264, "\\(<=" },	{ 0x2265, "\\(>=" },
};

static unsigned int
decode(const unsigned char *p, size_t *n)
{
	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if (p[0] < 0xe0) {
		*n = 2;
		return ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
	}
	if (p[0] < 0xf0) {
		*n = 3;
		return ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) |
		    (p[2] & 0x3fu);
	}
	*n = 4;
	return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) |
	    ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
}

/*
 * A run of plain ASCII in text or an argument, with \& where mandoc
 * would otherwise suspect missing markup: inside an operating system's
 * name that is part of a longer word (DragonFlyBSD), between a name
 * and () that are not a function reference, and between the dashes of
 * a lone "--".  \& prints nothing.
 */
static void
plain_run(struct buf *o, const char *s, size_t n, int start, int end)
{
	static const char *const osnames[] = { "OpenBSD", "NetBSD",
	    "FreeBSD", "DragonFly", NULL };
	size_t	i, k, m;

	for (i = 0; i < n; i++) {
		for (k = 0; osnames[k] != NULL; k++) {
			m = strlen(osnames[k]);
			if (i + m <= n && memcmp(s + i, osnames[k], m) == 0)
				break;
		}
		if (osnames[k] != NULL) {
			buf_addc(o, s[i]);
			buf_adds(o, "\\&");
			continue;
		}
		if (s[i] == '(' && i + 1 < n && s[i + 1] == ')' && i > 0 &&
		    (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))
			buf_adds(o, "\\&");
		else if (s[i] == '-' && i + 1 < n && s[i + 1] == '-' &&
		    (i == 0 ? start : s[i - 1] == ' ') &&
		    (i + 2 == n ? end : s[i + 2] == ' ')) {
			buf_adds(o, "-\\&");
			continue;
		}
		buf_addc(o, s[i]);
	}
}

/* Append s escaped for the given context.  Input is valid UTF-8. */
static void
esc_add(struct buf *o, const char *s, size_t len, enum esc ctx)
{
	const unsigned char	*p;
	unsigned int		 cp;
	size_t			 i, n, k;

	p = (const unsigned char *)s;
	for (i = 0; i < len; i += n) {
		/* a run of printable ASCII needs no escape: copy it whole */
		for (n = 0; i + n < len && p[i + n] >= 0x20 &&
		    p[i + n] < 0x7f && p[i + n] != '\\' && p[i + n] != '"'; n++)
			continue;
		if (n > 0) {
			if (ctx != ESC_LIT && (memchr(s + i, 'B', n) != NULL ||
			    memchr(s + i, 'F', n) != NULL ||
			    memchr(s + i, '(', n) != NULL ||
			    memchr(s + i, '-', n) != NULL))
				plain_run(o, s + i, n, i == 0, i + n == len);
			else
				buf_add(o, s + i, n);
			continue;
		}
		cp = decode(p + i, &n);
		if (cp == '\\')
			buf_adds(o, "\\e");
		else if (cp == '"' && ctx == ESC_ARG)
			buf_adds(o, "\\(dq");
		else if (cp == '\t')
			buf_addc(o, ctx == ESC_LIT ? '\t' : ' ');
		else if (cp < 0x20 || cp == 0x7f)
			continue;	/* control characters carry no text */
		else if (cp < 0x80)
			buf_addc(o, (int)cp);
		else {
			for (k = 0; k < sizeof(named) / sizeof(named[0]); k++)
				if (named[k].cp == cp)
					break;
			if (k < sizeof(named) / sizeof(named[0]))
				buf_adds(o, named[k].s);
			else
				buf_printf(o, "\\[u%04X]", cp);
		}
	}
}

int
is_delim_char(int c)
{
	return c != '\0' && strchr("([.,:;)]?!|", c) != NULL;
}

int
is_open_delim(int c)
{
	return c == '(' || c == '[';
}

/* The mdoc macros: an argument spelled like one must be escaped. */
static const char *const macros[] = {
	"%A", "%B", "%C", "%D", "%I", "%J", "%N", "%O", "%P", "%Q", "%R",
	"%T", "%U", "%V", "Ac", "Ad", "An", "Ao", "Ap", "Aq", "Ar", "At",
	"Bc", "Bd", "Bf", "Bk", "Bl", "Bo", "Bq", "Brc", "Bro", "Brq", "Bsx",
	"Bt", "Bx", "Cd", "Cm", "D1", "Db", "Dc", "Dd", "Dl", "Do", "Dq",
	"Dt", "Dv", "Dx", "Ec", "Ed", "Ef", "Ek", "El", "Em", "En", "Eo",
	"Er", "Es", "Ev", "Ex", "Fa", "Fc", "Fd", "Fl", "Fn", "Fo", "Fr",
	"Ft", "Fx", "Hf", "Ic", "In", "It", "Lb", "Li", "Lk", "Lp", "Ms",
	"Mt", "Nd", "Nm", "No", "Ns", "Nx", "Oc", "Oo", "Op", "Os", "Ot",
	"Ox", "Pa", "Pc", "Pf", "Po", "Pp", "Pq", "Qc", "Ql", "Qo", "Qq",
	"Re", "Rs", "Rv", "Sc", "Sh", "Sm", "So", "Sq", "Ss", "St", "Sx",
	"Sy", "Ta", "Tn", "Ud", "Ux", "Va", "Vt", "Xc", "Xo", "Xr", NULL
};

static int
looks_like_macro(const char *s, size_t n)
{
	size_t	i;

	if (n < 2 || n > 3)
		return 0;
	for (i = 0; macros[i] != NULL; i++)
		if (strlen(macros[i]) == n && memcmp(macros[i], s, n) == 0)
			return 1;
	return 0;
}

/*
 * One macro argument: escaped, quoted if it has blanks, and protected
 * so that mdoc reads it as text: never as a macro name, never as a
 * lone delimiter, and with no bare delimiter at its end.
 */
void
mc_argn(struct buf *b, const char *s, size_t n)
{
	static struct buf e;	/* scratch, kept: one argument at a time */
	int		quote;

	buf_addc(b, ' ');
	if (n == 0) {
		buf_adds(b, "\\&");
		return;
	}
	e.len = 0;
	if ((n == 1 && is_delim_char(s[0])) || looks_like_macro(s, n))
		buf_adds(&e, "\\&");
	if (n > 1 && is_delim_char(s[n - 1])) {
		esc_add(&e, s, n - 1, ESC_ARG);
		buf_adds(&e, "\\&");
		esc_add(&e, s + n - 1, 1, ESC_ARG);
	} else
		esc_add(&e, s, n, ESC_ARG);
	quote = e.len > 0 && memchr(e.p, ' ', e.len) != NULL;
	if (quote)
		buf_addc(b, '"');
	buf_add(b, e.p, e.len);
	if (quote)
		buf_addc(b, '"');
}

void
mc_arg(struct buf *b, const char *s)
{
	mc_argn(b, s, strlen(s));
}

void
mc_begin(struct buf *b, const char *macro)
{
	if (b->len > 0)
		buf_addc(b, ' ');
	buf_adds(b, macro);
}

/*
 * A closing delimiter at the very end of .Sh, .Ss, .Nd, .Nm, .An, .Os
 * or .Sx stays text only with \& after it (before it is not enough for
 * these macros): "NEXT\&?" becomes "NEXT?\&".
 */
void
mc_enddelim(struct buf *b)
{
	size_t	q, e;
	char	c;

	q = b->len > 0 && b->p[b->len - 1] == '"' ? 1 : 0;
	if (b->len < q + 1)
		return;
	e = b->len - q;		/* the last character before a quote */
	if (!is_delim_char(b->p[e - 1]) || is_open_delim(b->p[e - 1]))
		return;
	if (e >= 3 && b->p[e - 3] == '\\' && b->p[e - 2] == '&') {
		b->p[e - 3] = b->p[e - 1];
		b->p[e - 2] = '\\';
		b->p[e - 1] = '&';
		return;
	}
	if (e >= 2 && b->p[e - 2] == ' ' && q == 0) {
		/*
		 * A delimiter of its own, after a macro: glued to it as
		 * text ("Ql x ." becomes "Ql x Ns .\&"), which puts it
		 * inside an enclosure such as Ql's quotes.
		 */
		c = b->p[e - 1];
		b->len -= 1;
		buf_adds(b, "Ns ");
		buf_addc(b, c);
		buf_adds(b, "\\&");
		return;
	}
	b->len -= q;		/* \& goes inside the quotes */
	buf_adds(b, q ? "\\&\"" : "\\&");
}

/* A trusted piece of a macro line (flags such as -bullet). */
void
mc_raw(struct buf *b, const char *s)
{
	buf_addc(b, ' ');
	buf_adds(b, s);
}

char *
mc_call1(const char *macro, const char *arg)
{
	struct buf	b = { NULL, 0, 0 };

	mc_begin(&b, macro);
	if (arg != NULL)
		mc_arg(&b, arg);
	return buf_take(&b);
}

char *
mc_call2(const char *macro, const char *a1, const char *a2)
{
	struct buf	b = { NULL, 0, 0 };

	mc_begin(&b, macro);
	mc_arg(&b, a1);
	mc_arg(&b, a2);
	return buf_take(&b);
}

static void
encode(struct buf *b, unsigned int cp)
{
	if (cp < 0x80)
		buf_addc(b, (int)cp);
	else if (cp < 0x800) {
		buf_addc(b, (int)(0xc0 | (cp >> 6)));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addc(b, (int)(0xe0 | (cp >> 12)));
		buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (int)(0xf0 | (cp >> 18)));
		buf_addc(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/*
 * Undo one escape that esc_add() or plain_run() wrote, at s (a
 * backslash): append its text to b and return how many bytes it took.
 * Anything else is copied as it stands.
 */
size_t
unescape1(struct buf *b, const char *s)
{
	unsigned int	 cp;
	char		*end;
	size_t		 k;

	if (s[0] != '\\' || s[1] == '\0') {
		buf_addc(b, s[0]);
		return 1;
	}
	if (s[1] == '&')
		return 2;
	if (s[1] == 'e') {
		buf_addc(b, '\\');
		return 2;
	}
	if (s[1] == '~') {
		encode(b, 0xa0);
		return 2;
	}
	if (s[1] == '(' && s[2] != '\0' && s[3] != '\0') {
		if (strncmp(s, "\\(dq", 4) == 0) {
			buf_addc(b, '"');
			return 4;
		}
		for (k = 0; k < sizeof(named) / sizeof(named[0]); k++)
			if (strncmp(s, named[k].s, 4) == 0) {
				encode(b, named[k].cp);
				return 4;
			}
	}
	if (strncmp(s, "\\[u", 3) == 0 && isxdigit((unsigned char)s[3])) {
		cp = (unsigned int)strtoul(s + 3, &end, 16);
		if (*end == ']' && cp > 0 && cp <= 0x10ffff) {
			encode(b, cp);
			return (size_t)(end + 1 - s);
		}
	}
	buf_addc(b, s[0]);
	return 1;
}

/*
 * Split an mdoc macro line into its words, undoing the escaping that
 * emit.c applied to arguments.  Returns the number of words.
 */
size_t
mc_split(const char *s, char ***wv)
{
	struct buf	 b = { NULL, 0, 0 };
	char		**v;
	size_t		 n;
	int		 q;

	v = NULL;
	n = 0;
	while (*s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		q = *s == '"';
		if (q)
			s++;
		b.len = 0;
		buf_adds(&b, "");
		while (*s != '\0' && (q ? *s != '"' : *s != ' '))
			s += unescape1(&b, s);
		if (q && *s == '"')
			s++;
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = buf_take(&b);
	}
	*wv = v;
	return n;
}

/* ---- output lines ---- */

void
olines_add(struct olines *o, char *s, int line, int col)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->v = xrealloc(o->v, o->cap * sizeof(*o->v));
	}
	o->v[o->n].s = s;
	o->v[o->n].len = strlen(s);
	o->v[o->n].line = line;
	o->v[o->n].col = col;
	o->n++;
}

/* Move all lines of src to the end of dst. */
void
olines_append(struct olines *dst, struct olines *src)
{
	if (dst->n + src->n > dst->cap) {
		dst->cap = dst->cap * 2 > dst->n + src->n ? dst->cap * 2 :
		    dst->n + src->n;
		dst->v = xrealloc(dst->v, dst->cap * sizeof(*dst->v));
	}
	if (src->n > 0)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

void
olines_free(struct olines *o)
{
	size_t	i;

	for (i = 0; i < o->n; i++)
		free(o->v[i].s);
	free(o->v);
	o->v = NULL;
	o->n = o->cap = 0;
}

/* A line the converter composes from trusted parts (".Bl -bullet"). */
void
emit_line(struct olines *o, int line, int col, const char *fmt, ...)
{
	struct buf	b = { NULL, 0, 0 };
	va_list		ap;
	char		small[512];

	va_start(ap, fmt);
	vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	buf_adds(&b, small);
	olines_add(o, buf_take(&b), line, col);
}

/* A macro line with one escaped argument (.Sh, .Nd, .Nm, .In ...). */
void
emit_macro(struct olines *o, int line, int col, const char *macro,
    const char *arg)
{
	struct buf	b = { NULL, 0, 0 };

	buf_addc(&b, '.');
	buf_adds(&b, macro);
	if (arg != NULL)
		mc_arg(&b, arg);
	olines_add(o, buf_take(&b), line, col);
}

/* Escaped text for an argument list, words kept as separate args. */
void
emit_text_arg(struct buf *b, const char *s, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i = j) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		for (j = i; j < n && !isspace((unsigned char)s[j]); j++)
			continue;
		if (j > i)
			mc_argn(b, s + i, j - i);
	}
}

/*
 * The finished line in b, protected from being read as a request (\&
 * before . and '), as a string of its own; b is emptied for the next
 * line but keeps its storage.
 */
static char *
finish_line(struct buf *b, int text)
{
	char	*s;
	size_t	 pre;

	while (b->len > 0 && (b->p[b->len - 1] == ' ' ||
	    b->p[b->len - 1] == '\t'))
		b->len--;
	pre = text && b->len > 0 && (b->p[0] == '.' || b->p[0] == '\'') ?
	    2 : 0;
	s = xmalloc(pre + b->len + 1);
	memcpy(s, "\\&", pre);
	if (b->len > 0)
		memcpy(s + pre, b->p, b->len);
	s[pre + b->len] = '\0';
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
	return s;
}

/* Lines of a literal display, with one output line per input line. */
void
emit_literal(struct olines *o, int line, const char *s, size_t n)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*e;

	while (n > 0) {
		if ((e = memchr(s, '\n', n)) == NULL)
			e = s + n;
		esc_add(&b, s, (size_t)(e - s), ESC_LIT);
		olines_add(o, finish_line(&b, 1), line, 1);
		line++;
		n -= (size_t)(e - s);
		s = e;
		if (n > 0)
			s++, n--;
	}
	buf_free(&b);
}

/* ---- paragraph layout ---- */

struct lay {
	struct olines	*out;
	struct buf	 text;		/* the text line being filled */
	struct buf	 word;		/* the word being added, escaped */
	int		 line;
	int		 col;
	const char	*lastword;	/* raw last word on the text line */
	size_t		 lastlen;
	size_t		 reserve;	/* room kept for a \c after a word */
};

enum brk {
	BRK_SENTENCE,		/* the line ends a sentence */
	BRK_WRAP,		/* the line is full */
	BRK_MACRO,		/* a macro line follows */
	BRK_GLUE		/* a macro follows with no space */
};

static const char *const abbrevs[] = {
	"al.", "approx.", "cf.", "Dr.", "etc.", "Fig.", "Mr.", "Mrs.",
	"resp.", "viz.", "vs.", NULL
};

/* Does the word end like a sentence: [.!?] and maybe closers? */
static int
ends_sentence(const char *w, size_t n)
{
	while (n > 0 && strchr(")]\"'", w[n - 1]) != NULL)
		n--;
	return n > 0 && strchr(".!?", w[n - 1]) != NULL;
}

static int
is_abbrev(const char *w, size_t n)
{
	size_t	i;

	if (n < 2 || w[n - 1] != '.')
		return 0;
	if (memchr(w, '.', n - 1) != NULL) {
		/* e.g. i.e.: letters and dots only */
		for (i = 0; i < n; i++)
			if (!isalpha((unsigned char)w[i]) && w[i] != '.')
				return 0;
		return 1;
	}
	for (i = 0; abbrevs[i] != NULL; i++)
		if (strlen(abbrevs[i]) == n &&
		    memcmp(abbrevs[i], w, n) == 0)
			return 1;
	return 0;
}

static void
text_flush(struct lay *L, enum brk why)
{
	int	punct;

	if (L->text.len == 0)
		return;
	punct = L->lastword != NULL && ends_sentence(L->lastword,
	    L->lastlen);
	if (why == BRK_GLUE)
		buf_adds(&L->text, "\\c");
	else if (punct && (why == BRK_WRAP ||
	    (why == BRK_SENTENCE && is_abbrev(L->lastword, L->lastlen))))
		buf_adds(&L->text, "\\&");
	olines_add(L->out, finish_line(&L->text, 1), L->line, L->col);
	L->lastword = NULL;
}

static int
starts_sentence(const char *w)
{
	if (*w == '(' || *w == '"' || *w == '\'')
		w++;
	return isupper((unsigned char)*w);
}

static void
text_add(struct lay *L, const struct tok *t)
{
	size_t	 wl;

	wl = strlen(t->s);
	L->word.len = 0;
	esc_add(&L->word, t->s, wl, ESC_TEXT);
	if (L->text.len > 0 && t->space) {
		if (L->lastword != NULL &&
		    ends_sentence(L->lastword, L->lastlen) &&
		    starts_sentence(t->s))
			text_flush(L, BRK_SENTENCE);
		else if (L->text.len + 1 + L->word.len + L->reserve +
		    (ends_sentence(t->s, wl) ? 2 : 0) > MAXLINE)
			text_flush(L, BRK_WRAP);	/* room for a \& */
		else
			buf_addc(&L->text, ' ');
	}
	if (L->text.len == 0) {
		L->line = t->line;
		L->col = t->col;
	}
	buf_add(&L->text, L->word.p, L->word.len);
	L->lastword = t->s;
	L->lastlen = wl;
}

static const char *
font_macro(enum font f)
{
	return f == FONT_EM ? "Em" : f == FONT_SY ? "Sy" : f == FONT_AR ?
	    "Ar" : "No";
}

/*
 * Lay out tokens on macro lines.  With out == NULL everything goes on
 * the one line in b (headings, list heads, table rows); otherwise full
 * lines are flushed to out and b starts a new macro line.
 * curfont is the font text words get without a font macro: FONT_NONE
 * right after a macro that takes text (Sh, It, Ta), -1 elsewhere.
 */
static void
macro_run(struct buf *b, struct olines *out, const struct tok *g, size_t m,
    int curfont)
{
	struct buf	 piece = { NULL, 0, 0 };
	struct buf	 open = { NULL, 0, 0 };
	const struct tok *t;
	const char	*sp, *s;
	size_t		 k;
	int		 cf, prevdelim;

	prevdelim = 0;
	for (k = 0; k < m; k++) {
		t = g + k;
		/* Opening delimiters wait for the next macro name. */
		if (t->type == TK_DELIM && is_open_delim(t->s[0]) &&
		    k + 1 < m && g[k + 1].space == 0) {
			for (s = t->s; *s != '\0'; s++) {
				buf_addc(&open, ' ');
				buf_addc(&open, *s);
			}
			continue;
		}
		for (;;) {
			cf = curfont;
			piece.len = 0;
			if (piece.p != NULL)
				piece.p[0] = '\0';
			if (k > 0 && t->space == 0 && t->type != TK_DELIM &&
			    open.len == 0 && !prevdelim) {
				mc_begin(&piece, "Ns");
				cf = -1;
			}
			switch (t->type) {
			case TK_DELIM:
				for (s = t->s; *s != '\0'; s++) {
					if (piece.len > 0)
						buf_addc(&piece, ' ');
					buf_addc(&piece, *s);
				}
				cf = -1;
				break;
			case TK_MACRO:
				sp = strchr(t->s, ' ');
				if (piece.len > 0)
					buf_addc(&piece, ' ');
				if (sp == NULL)
					buf_adds(&piece, t->s);
				else
					buf_add(&piece, t->s,
					    (size_t)(sp - t->s));
				if (open.len > 0)
					buf_add(&piece, open.p, open.len);
				if (sp != NULL)
					buf_adds(&piece, sp);
				cf = strcmp(t->s, "Ta") == 0 ? FONT_NONE : -1;
				break;
			case TK_WORD:
				if (cf != (int)t->font || open.len > 0) {
					mc_begin(&piece, font_macro(t->font));
					if (open.len > 0)
						buf_add(&piece, open.p,
						    open.len);
					cf = (int)t->font;
				}
				mc_arg(&piece, t->s);
				if (piece.p[0] == ' ')
					memmove(piece.p, piece.p + 1,
					    piece.len--);
				break;
			case TK_BREAK:
				break;
			}
			if (out != NULL && b->len > 1 && t->space &&
			    t->type != TK_DELIM &&
			    b->len + 1 + piece.len > MAXLINE) {
				olines_add(out, finish_line(b, 0), t->line,
				    t->col);
				buf_addc(b, '.');
				curfont = -1;
				if (t->type == TK_WORD && open.len == 0)
					continue;	/* recompute */
			}
			break;
		}
		/*
		 * A fresh line has curfont -1, so a word there always got
		 * its font macro above: no line starts with a bare word.
		 */
		if (b->len > 1)
			buf_addc(b, ' ');
		buf_add(b, piece.p, piece.len);
		curfont = cf;
		prevdelim = t->type == TK_DELIM && is_open_delim(t->s[0]);
		open.len = 0;
		if (open.p != NULL)
			open.p[0] = '\0';
	}
	if (open.len > 0) {
		/* opening delimiter with nothing after it: plain text */
		buf_adds(b, b->len > 1 ? " No" : "No");
		for (s = open.p; *s != '\0'; s++)
			if (*s != ' ') {
				buf_adds(b, " \\&");
				buf_addc(b, *s);
			}
	}
	buf_free(&piece);
	buf_free(&open);
}

/* A partial implicit macro: it encloses everything after it on the line. */
static int
encloses(const struct tok *t)
{
	return t->type == TK_MACRO && (strncmp(t->s, "Pq ", 3) == 0 ||
	    strncmp(t->s, "Ql ", 3) == 0);
}

/* Where does the macro group that starts at i end? */
static size_t
group_end(const struct tok *v, size_t n, size_t i)
{
	size_t	k;

	for (k = i + 1; k < n; k++) {
		if (v[k].type == TK_BREAK)
			break;
		/* .Pq and .Ql enclose the rest of the line: end it there */
		if (encloses(&v[k - 1]) && (v[k].type != TK_DELIM ||
		    is_open_delim(v[k].s[0])))
			break;
		if (v[k - 1].type == TK_DELIM && k - 1 > i &&
		    !is_open_delim(v[k - 1].s[0]) && encloses(&v[k - 2]))
			break;
		if (v[k].space && v[k].type == TK_WORD &&
		    v[k].font == FONT_NONE)
			break;
	}
	return k;
}

/* Does this macro line start a block, so that a .br after it is void? */
static int
breaks_line(const char *s)
{
	static const char *const blocks[] = { ".Sh", ".Ss", ".Pp", ".Bl",
	    ".It", ".El", ".Bd", ".Ed", ".br", NULL };
	size_t	i, n;

	n = strcspn(s, " ");
	for (i = 0; blocks[i] != NULL; i++)
		if (strlen(blocks[i]) == n && strncmp(s, blocks[i], n) == 0)
			return 1;
	return 0;
}

/* Lay out the tokens of one paragraph in fill mode. */
void
emit_para(struct olines *out, const struct toks *ts)
{
	struct lay	 L;
	struct buf	 b = { NULL, 0, 0 };
	const struct tok *v, *t;
	size_t		 i, j, n;

	memset(&L, 0, sizeof(L));
	L.out = out;
	v = ts->v;
	n = ts->n;
	for (i = 0; i < n; ) {
		t = v + i;
		if (t->type == TK_BREAK) {
			/* a break after text or an inline macro, not after
			 * a heading, a list head or another break */
			if (L.text.len > 0 || (out->n > 0 &&
			    out->v[out->n - 1].s[0] == '.' &&
			    !breaks_line(out->v[out->n - 1].s))) {
				text_flush(&L, BRK_MACRO);
				if (i + 1 < n)
					olines_add(out, xstrdup(".br"),
					    t->line, t->col);
			}
			i++;
			continue;
		}
		if (t->type == TK_WORD && t->font == FONT_NONE &&
		    (L.text.len == 0 || t->space || i == 0 ||
		    v[i - 1].type == TK_WORD)) {
			if (L.text.len > 0 && !t->space) {
				/* glued to the previous word: \c joins the
				 * next line if this one is full */
				L.word.len = 0;
				esc_add(&L.word, t->s, strlen(t->s), ESC_TEXT);
				if (L.text.len + L.word.len + 2 +
				    (i + 1 < n && !v[i + 1].space &&
				    v[i + 1].type != TK_DELIM ? 2 : 0) > MAXLINE)
					text_flush(&L, BRK_GLUE);
				if (L.text.len == 0) {
					L.line = t->line;
					L.col = t->col;
				}
				buf_add(&L.text, L.word.p, L.word.len);
				L.lastword = t->s;
				L.lastlen = strlen(t->s);
			} else {
				/* a word or macro glued on next may need a
				 * \c here */
				L.reserve = i + 1 < n && !v[i + 1].space &&
				    v[i + 1].type != TK_DELIM ? 2 : 0;
				text_add(&L, t);
			}
			i++;
			continue;
		}
		j = group_end(v, n, i);
		if (L.text.len > 0) {
			if (!t->space && !(t->type == TK_DELIM))
				text_flush(&L, BRK_GLUE);
			else
				text_flush(&L, BRK_MACRO);
		}
		buf_addc(&b, '.');
		macro_run(&b, out, v + i, j - i, -1);
		olines_add(out, finish_line(&b, 0), t->line, t->col);
		i = j;
	}
	text_flush(&L, BRK_SENTENCE);
	buf_free(&L.text);
	buf_free(&L.word);
	buf_free(&b);
}

/*
 * Tokens on one macro line that already has its macro: prefix is the
 * start of the line without the dot ("Sh", "It", "It -width Ds").
 */
void
emit_onto(struct olines *out, const char *prefix, const struct toks *ts,
    int line, int col)
{
	struct buf	 b = { NULL, 0, 0 };
	struct toks	 t = { NULL, 0, 0 };
	size_t		 k, m;
	int		 heading;

	/*
	 * The line cannot be broken after a .Ql here, so one with more
	 * than punctuation or a .Ta after it becomes .So Li ... Sc; in a
	 * heading, so does one with punctuation after it, which is then
	 * glued on after .Sc (see mc_enddelim()).
	 */
	heading = strcmp(prefix, "Sh") == 0 || strcmp(prefix, "Ss") == 0;
	t.v = xcalloc(ts->n + 1, sizeof(*t.v));
	t.n = ts->n;
	if (t.n > 0)
		memcpy(t.v, ts->v, ts->n * sizeof(*t.v));
	for (k = 0; k < t.n; k++) {
		if (strncmp(t.v[k].s, "Ql ", 3) != 0 ||
		    t.v[k].type != TK_MACRO)
			continue;
		for (m = k + 1; m < t.n && t.v[m].type == TK_DELIM; m++)
			continue;
		if ((m == t.n && (!heading || m == k + 1)) ||
		    (t.v[m].type == TK_MACRO && strcmp(t.v[m].s, "Ta") == 0))
			continue;
		b.len = 0;
		buf_printf(&b, "So Li%s Sc", t.v[k].s + 2);
		t.v[k].s = buf_take(&b);
	}
	buf_addc(&b, '.');
	buf_adds(&b, prefix);
	macro_run(&b, NULL, t.v, t.n, FONT_NONE);
	if (heading)
		mc_enddelim(&b);
	olines_add(out, finish_line(&b, 0), line, col);
	buf_free(&b);
	for (k = 0; k < t.n; k++)
		if (t.v[k].s != ts->v[k].s)
			free(t.v[k].s);
	free(t.v);
}

int
emit_write(FILE *f, const struct olines *o)
{
	size_t	i;

	for (i = 0; i < o->n; i++) {
		fwrite(o->v[i].s, 1, o->v[i].len, f);
		putc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

/* ---- token lists ---- */

void
toks_add(struct toks *ts, enum tok_type type, int space, enum font font,
    int line, int col, char *s)
{
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 32;
		ts->v = xrealloc(ts->v, ts->cap * sizeof(*ts->v));
	}
	ts->v[ts->n].type = type;
	ts->v[ts->n].space = space;
	ts->v[ts->n].font = font;
	ts->v[ts->n].line = line;
	ts->v[ts->n].col = col;
	ts->v[ts->n].s = s;
	ts->n++;
}

void
toks_truncate(struct toks *ts, size_t n)
{
	while (ts->n > n)
		free(ts->v[--ts->n].s);
}

void
toks_clear(struct toks *ts)
{
	toks_truncate(ts, 0);
}
