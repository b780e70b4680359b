/*
 * inline.c: Markdown inline content to tokens.  Code spans become the
 * semantic macro their content calls for (PAGES.md, "Inline code carries
 * meaning"); plain text is split into words, and the few words mandoc
 * wants marked up (name(N), name(), operating system names) become
 * macros too.  Arguments are escaped by mc_*() in emit.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"
#include "srcindex.h"

static const struct page *self;	/* the page being converted */
static struct strset	*selfnames;	/* its name and other names */

/*
 * The page whose own names name(N) must not cite as another manual
 * (NULL when the page is done).
 */
void
inline_page(const struct page *pg)
{
	size_t	i;

	strset_free(selfnames);
	selfnames = NULL;
	if ((self = pg) == NULL)
		return;
	selfnames = strset_new();
	if (pg->name != NULL)
		strset_add(selfnames, pg->name, strlen(pg->name));
	for (i = 0; i < pg->names.n; i++)
		strset_add(selfnames, pg->names.v[i], strlen(pg->names.v[i]));
}

/*
 * Is name(sec) one of the page's own names?  Such a reference stays
 * text: mandoc calls an .Xr to the page itself a mistake.
 */
static int
is_self(const char *name, size_t n, const char *sec, size_t seclen)
{
	char	 num[16];

	if (self == NULL)
		return 0;
	snprintf(num, sizeof(num), "%d", self->section);
	if (seclen != strlen(num) || strncmp(sec, num, seclen) != 0)
		return 0;
	return strset_has(selfnames, name, n);
}

static int
is_ident_start(int c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static int
is_ident(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static int
all_ident(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || !is_ident_start(s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!is_ident(s[i]))
			return 0;
	return 1;
}

/*
 * Does s[0..n) start with a manual reference name(N)?  Sets the name
 * and section and returns the length of the match, or 0.
 */
int
parse_xr(const char *s, size_t n, size_t *namelen, const char **sec,
    size_t *seclen)
{
	size_t	i, j;

	if (n == 0 || !is_ident_start(s[0]))
		return 0;
	for (i = 1; i < n && (is_ident(s[i]) || strchr(".-:+", s[i]) != NULL);
	    i++)
		continue;
	while (i > 1 && strchr(".-:+", s[i - 1]) != NULL)
		i--;
	if (i + 2 >= n || s[i] != '(' || s[i + 1] < '1' || s[i + 1] > '9')
		return 0;
	for (j = i + 2; j < n && isalpha((unsigned char)s[j]) && j < i + 5;
	    j++)
		continue;
	if (j >= n || s[j] != ')')
		return 0;
	*namelen = i;
	*sec = s + i + 1;
	*seclen = j - i - 1;
	return (int)(j + 1);
}

static const char *const ctypes[] = {
	"bool", "char", "const", "double", "float", "int", "long", "short",
	"signed", "unsigned", "void", "volatile", NULL
};

/* A C keyword for a type: no source index names it. */
int
is_ctype(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; ctypes[i] != NULL; i++)
		if (strlen(ctypes[i]) == n && memcmp(ctypes[i], s, n) == 0)
			return 1;
	return 0;
}

static const char *const srcexts[] = {
	"awk", "c", "conf", "h", "m", "master", "md", "mk", "s", "S", "sh",
	"txt", "y", "l", NULL
};

static int
is_path(const char *s, size_t n)
{
	const char	*dot;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr("/._-+~", s[i]) == NULL)
			return 0;
	if (memchr(s, '/', n) != NULL)
		return n > 1;
	for (dot = NULL, i = 0; i < n; i++)
		if (s[i] == '.')
			dot = s + i;
	if (dot == NULL || dot == s)
		return 0;
	for (i = 0; srcexts[i] != NULL; i++)
		if (strlen(srcexts[i]) == (size_t)(s + n - dot - 1) &&
		    memcmp(srcexts[i], dot + 1, (size_t)(s + n - dot - 1)) == 0)
			return 1;
	return 0;
}

static int
is_sysctl(const char *s, size_t n)
{
	size_t	i;
	int	dots;

	if (n == 0 || !islower((unsigned char)s[0]))
		return 0;
	for (dots = 0, i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (i + 1 == n || s[i + 1] == '.')
				return 0;
			dots++;
		} else if (!is_ident(s[i]) && s[i] != '-')
			return 0;
	}
	return dots > 0;
}

static int
is_upper_ident(const char *s, size_t n)
{
	size_t	i;
	int	letters;

	for (letters = 0, i = 0; i < n; i++) {
		if (isupper((unsigned char)s[i]))
			letters++;
		else if (!isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	}
	return letters > 0 && !isdigit((unsigned char)s[0]);
}

/*
 * name(arg, arg): the arguments of a function call written in a code
 * span, split at top-level commas.  Returns 0 if it is not that shape.
 */
static int
fn_call(struct buf *b, const char *s, size_t n)
{
	size_t	i, start, depth, name;

	for (name = 0; name < n && is_ident(s[name]); name++)
		continue;
	if (name == 0 || !is_ident_start(s[0]) || name + 1 >= n ||
	    s[name] != '(' || s[n - 1] != ')')
		return 0;
	/* the parentheses must balance before anything is written */
	for (depth = 0, i = name + 1; i < n - 1; i++)
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth-- == 0)
			return 0;
	if (depth != 0)
		return 0;
	mc_begin(b, "Fn");
	mc_argn(b, s, name);
	start = name + 1;
	depth = 0;
	for (i = start; i < n - 1; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')')
			depth--;
		else if (s[i] == ',' && depth == 0) {
			while (start < i && s[start] == ' ')
				start++;
			mc_argn(b, s + start, i - start);
			start = i + 1;
		}
	}
	while (start < n - 1 && s[start] == ' ')
		start++;
	if (start < n - 1)
		mc_argn(b, s + start, n - 1 - start);
	return 1;
}

/* A command line option, maybe with one argument: -W level. */
static int
is_flag(const char *s, size_t n)
{
	size_t	i;

	if (n < 2 || s[0] != '-' || !isalnum((unsigned char)s[s[1] == '-' &&
	    n > 2 ? 2 : 1]))
		return 0;
	for (i = 1; i < n && (isalnum((unsigned char)s[i]) || s[i] == '-');
	    i++)
		continue;
	if (i == n)
		return 1;
	if (s[i] != ' ')
		return 0;
	for (i++; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("_=.", s[i]) ==
		    NULL)
			return 0;
	return 1;
}

/* One code span: a semantic macro, or .Ql for anything else. */
void
classify_code(struct toks *ts, const char *s, int line, int col,
    enum font font, int space)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*sec, *sp;
	size_t		 n, namelen, seclen;

	s = trim_blanks(s, &n);
	if (n == 0)
		return;
	sp = memchr(s, ' ', n);
	if (is_flag(s, n)) {
		mc_begin(&b, "Fl");
		mc_argn(&b, s + 1, (sp != NULL ? (size_t)(sp - s) : n) - 1);
		if (sp != NULL) {
			mc_begin(&b, "Ar");
			mc_argn(&b, sp + 1, n - (size_t)(sp + 1 - s));
		}
	} else if (n > 2 && s[n - 2] == '(' && s[n - 1] == ')' &&
	    all_ident(s, n - 2)) {
		mc_begin(&b, "Fn");
		mc_argn(&b, s, n - 2);
	} else if (parse_xr(s, n, &namelen, &sec, &seclen) == (int)n &&
	    is_self(s, namelen, sec, seclen)) {
		mc_begin(&b, "Ql");
		mc_argn(&b, s, n);
	} else if (parse_xr(s, n, &namelen, &sec, &seclen) == (int)n) {
		mc_begin(&b, "Xr");
		mc_argn(&b, s, namelen);
		mc_argn(&b, sec, seclen);
	} else if (fn_call(&b, s, n))
		;
	else if (sp != NULL && (strncmp(s, "struct ", 7) == 0 ||
	    strncmp(s, "union ", 6) == 0 || strncmp(s, "enum ", 5) == 0) &&
	    all_ident(sp + 1, n - (size_t)(sp + 1 - s))) {
		mc_begin(&b, "Vt");
		mc_argn(&b, s, (size_t)(sp - s));
		mc_argn(&b, sp + 1, n - (size_t)(sp + 1 - s));
	} else if (is_path(s, n)) {
		mc_begin(&b, "Pa");
		mc_argn(&b, s, n);
	} else if (all_ident(s, n) && (is_ctype(s, n) ||
	    (n > 2 && s[n - 2] == '_' && s[n - 1] == 't'))) {
		mc_begin(&b, "Vt");
		mc_argn(&b, s, n);
	} else if (all_ident(s, n) && is_upper_ident(s, n)) {
		mc_begin(&b, "Dv");
		mc_argn(&b, s, n);
	} else if ((all_ident(s, n) && !isupper((unsigned char)s[0])) ||
	    is_sysctl(s, n)) {
		mc_begin(&b, "Va");
		mc_argn(&b, s, n);
	} else {
		mc_begin(&b, "Ql");
		mc_argn(&b, s, n);
	}
	/* opening parentheses glued before the span open it */
	if (!space && ts->n > 0 && ts->v[ts->n - 1].type == TK_WORD &&
	    strspn(ts->v[ts->n - 1].s, "([") == strlen(ts->v[ts->n - 1].s))
		ts->v[ts->n - 1].type = TK_DELIM;
	toks_add(ts, TK_MACRO, space, font, line, col, buf_take(&b));
}

static const struct {
	const char	*word;
	const char	*macro;
} osnames[] = {
	{ "DragonFly", "Dx" }, { "FreeBSD", "Fx" }, { "NetBSD", "Nx" },
	{ "OpenBSD", "Ox" }, { "BSD/OS", "Bsx" }
};

static void
add_delims(struct toks *ts, const char *s, size_t n, int space,
    enum font font, int line, int col)
{
	if (n > 0)
		toks_add(ts, TK_DELIM, space, font, line, col,
		    xstrndup(s, n));
}

/*
 * One word of text.  Words that mandoc wants marked up become macros,
 * with glued punctuation as delimiters; the rest stay words.
 */
static void
add_word(struct toks *ts, const char *w, size_t n, int line, int col,
    enum font font, int space)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*sec, *hit;
	size_t		 lead, end, i, k, namelen, seclen, m;
	int		 paren, os;

	/*
	 * Text glued to a link: the link prints its address last, which
	 * would run into the text.  Only closing punctuation stays glued.
	 */
	if (!space && ts->n > 0 && ts->v[ts->n - 1].type == TK_MACRO &&
	    strncmp(ts->v[ts->n - 1].s, "Lk ", 3) == 0) {
		for (i = 0; i < n && is_delim_char(w[i]) &&
		    !is_open_delim(w[i]); i++)
			continue;
		space = i < n;
	}
	for (lead = 0; lead < n && is_open_delim(w[lead]); lead++)
		continue;
	/* name(N) and name() followed by closing punctuation only */
	end = 0;
	paren = memchr(w + lead, '(', n - lead) != NULL;
	if (paren && (m = (size_t)parse_xr(w + lead, n - lead, &namelen,
	    &sec, &seclen)) > 0 && !is_self(w + lead, namelen, sec, seclen)) {
		mc_begin(&b, "Xr");
		mc_argn(&b, w + lead, namelen);
		mc_argn(&b, sec, seclen);
		end = lead + m;
	} else if (paren) {
		for (i = lead; i < n && is_ident(w[i]); i++)
			continue;
		if (i > lead && is_ident_start(w[lead]) && i + 1 < n &&
		    w[i] == '(' && w[i + 1] == ')') {
			mc_begin(&b, "Fn");
			mc_argn(&b, w + lead, i - lead);
			end = i + 2;
		}
	}
	if (end > 0) {
		for (i = end; i < n && is_delim_char(w[i]) &&
		    !is_open_delim(w[i]); i++)
			continue;
		if (i == n) {
			add_delims(ts, w, lead, space, font, line, col);
			toks_add(ts, TK_MACRO, lead ? 0 : space, font, line,
			    col, buf_take(&b));
			add_delims(ts, w + end, n - end, 0, font, line, col);
			return;
		}
		buf_free(&b);
	}
	/*
	 * Operating system names, which mandoc wants as macros.  Each has
	 * a B or an F, which most words lack.
	 */
	os = memchr(w, 'B', n) != NULL || memchr(w, 'F', n) != NULL;
	for (k = 0; os && k < sizeof(osnames) / sizeof(osnames[0]); k++) {
		m = strlen(osnames[k].word);
		/* the name itself, not part of a longer word */
		for (hit = w; hit + m <= w + n; hit++)
			if (memcmp(hit, osnames[k].word, m) == 0 &&
			    (hit == w || !isalnum((unsigned char)hit[-1])) &&
			    (hit + m == w + n ||
			    !isalnum((unsigned char)hit[m])))
				break;
		if (hit + m > w + n)
			continue;
		if (hit > w)
			add_word(ts, w, (size_t)(hit - w), line, col, font,
			    space);
		toks_add(ts, TK_MACRO, hit > w ? 0 : space, font, line, col,
		    xstrdup(osnames[k].macro));
		hit += m;
		if (hit < w + n) {
			for (i = 0; hit + i < w + n && is_delim_char(hit[i]) &&
			    !is_open_delim(hit[i]); i++)
				continue;
			if (hit + i == w + n)
				add_delims(ts, hit, i, 0, font, line, col);
			else
				add_word(ts, hit, (size_t)(w + n - hit), line,
				    col, font, 0);
		}
		return;
	}
	/* closing punctuation right after a macro trails it */
	for (i = 0; i < n && is_delim_char(w[i]) && !is_open_delim(w[i]); i++)
		continue;
	if (i == n && !space && ts->n > 0 &&
	    (ts->v[ts->n - 1].type == TK_MACRO ||
	    ts->v[ts->n - 1].font != FONT_NONE)) {
		add_delims(ts, w, n, 0, font, line, col);
		return;
	}
	toks_add(ts, TK_WORD, space, font, line, col, xstrndup(w, n));
}

/*
 * Split a text node into words.  *space says whether white space comes
 * before the text; on return, whether the text ended with white space.
 */
void
split_text(struct toks *ts, const char *s, size_t n, int line, int col,
    enum font font, int *space)
{
	size_t	i, j;
	int	sp;

	sp = *space;
	for (i = 0; i < n; i = j) {
		if (isspace((unsigned char)s[i])) {
			sp = 1;
			j = i + 1;
			continue;
		}
		for (j = i; j < n && !isspace((unsigned char)s[j]); j++)
			continue;
		add_word(ts, s + i, j - i, line, col + (int)i, font, sp);
		sp = 0;
	}
	*space = sp;
}

/* The plain text of tokens from index start on, for comparisons. */
char *
toks_plain(const struct toks *ts, size_t start)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s;
	size_t		 i;
	int		 brk;

	brk = 0;
	for (i = start; i < ts->n; i++) {
		if (ts->v[i].type == TK_BREAK) {
			brk = 1;	/* a line break is a blank here */
			continue;
		}
		if (b.len > 0 && (ts->v[i].space || brk))
			buf_addc(&b, ' ');
		brk = 0;
		s = ts->v[i].s;
		if (ts->v[i].type == TK_MACRO) {
			/* drop the macro name and the escaping */
			if ((s = strchr(s, ' ')) == NULL)
				continue;
			for (s++; *s != '\0'; )
				if (*s == '"')
					s++;
				else
					s += unescape1(&b, s);
			continue;
		}
		buf_adds(&b, s);
	}
	return buf_take(&b);
}
