/*
 * synopsis.c: a ```c block in SYNOPSIS to .In, .Fd, .Ft, .Fn or
 * .Fo/.Fa/.Fc, and .Vt, one declaration at a time.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"

#define	MAXLINE	79

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Collapse runs of blanks into one space, in place. */
static void
squeeze(char *s)
{
	char	*o, *start;
	int	 sp;

	for (start = o = s, sp = 0; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			sp = 1;
			continue;
		}
		if (sp && o > start && o[-1] != '(' && *s != ')' &&
		    *s != ',')
			*o++ = ' ';
		sp = 0;
		*o++ = *s;
	}
	*o = '\0';
}

static const char *const quals[] = {
	"extern ", "static ", "__inline ", "inline ", "__always_inline ",
	NULL
};

/* Split an argument list at its top-level commas. */
static void
split_args(char *args, struct strlist *av)
{
	char	*p, *start, save;
	int	 depth;

	for (start = p = args, depth = 0; ; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if ((*p == ',' && depth == 0) || *p == '\0') {
			save = *p;
			*p = '\0';
			if (*trim(start) != '\0')
				strlist_add(av, trim(start));
			*p = save;
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
}

/*
 * After a prototype's closing parenthesis only attributes may follow,
 * which the SYNOPSIS leaves out: __name or __name((...)), repeated.
 */
static int
attributes(const char *s)
{
	int	depth;

	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			return 1;
		if (s[0] != '_' || s[1] != '_')
			return 0;
		while (isalnum((unsigned char)*s) || *s == '_')
			s++;
		while (*s == ' ')
			s++;
		if (*s != '(')
			continue;
		for (depth = 0; *s != '\0'; s++)
			if (*s == '(')
				depth++;
			else if (*s == ')' && --depth == 0)
				break;
		if (*s == '\0')
			return 0;
		s++;
	}
}

/* A prototype: type name(args) [attributes]. */
static int
prototype(struct olines *o, int line, const char *decl)
{
	struct buf	 b = { NULL, 0, 0 };
	struct strlist	 av = { NULL, 0 };
	char		*d, *open, *name, *fname, *args, *type, *p;
	size_t		 i, depth;
	int		 again, ok;

	d = xstrdup(decl);	/* cut up below; the caller keeps decl */
	fname = NULL;
	ok = 0;
	if ((open = strchr(d, '(')) == NULL)
		goto out;
	for (p = open; p > d && p[-1] == ' '; p--)
		continue;
	for (name = p; name > d && (isalnum((unsigned char)name[-1]) ||
	    name[-1] == '_'); name--)
		continue;
	if (name == p || name == d)
		goto out;
	*p = '\0';
	fname = xstrdup(name);
	*name = '\0';		/* the type is all before it, '*' too */
	type = d;
	do {
		again = 0;
		for (i = 0; quals[i] != NULL; i++)
			if (strncmp(type, quals[i], strlen(quals[i])) == 0) {
				type += strlen(quals[i]);
				again = 1;
			}
	} while (again);
	type = trim(type);
	if (*type == '\0')
		goto out;
	/* the matching parenthesis; anything after it is attributes */
	args = open + 1;
	for (depth = 1, p = args; *p != '\0'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	if (*p != ')' || !attributes(p + 1))
		goto out;
	*p = '\0';

	split_args(args, &av);
	emit_macro(o, line, 1, "Ft", type);
	/* One line if it fits, else .Fo/.Fa/.Fc. */
	buf_adds(&b, ".Fn");
	mc_arg(&b, fname);
	for (i = 0; i < av.n; i++)
		mc_arg(&b, av.v[i]);
	if (b.len <= MAXLINE)
		olines_add(o, buf_take(&b), line, 1);
	else {
		emit_macro(o, line, 1, "Fo", fname);
		for (i = 0; i < av.n; i++)
			emit_macro(o, line, 1, "Fa", av.v[i]);
		emit_line(o, line, 1, ".Fc");
	}
	buf_free(&b);
	strlist_free(&av);
	ok = 1;
out:
	free(fname);
	free(d);
	return ok;
}

static void
declaration(struct olines *o, int line, char *d, const char *path)
{
	struct buf	b = { NULL, 0, 0 };

	squeeze(d);
	d = trim(d);
	if (*d == '\0')
		return;
	if (prototype(o, line, d))
		return;
	if (strchr(d, '(') != NULL)
		msg(LVL_WARNING, path, line, 1,
		    "cannot parse prototype, kept as a type: %.40s", d);
	buf_adds(&b, ".Vt");
	emit_text_arg(&b, d, strlen(d));
	buf_adds(&b, " ;");
	olines_add(o, buf_take(&b), line, 1);
}

/* Drop C comments from a declaration. */
static void
uncomment(char *s, int *incomment)
{
	char	*o;

	for (o = s; *s != '\0'; ) {
		if (*incomment) {
			if (s[0] == '*' && s[1] == '/') {
				*incomment = 0;
				s += 2;
			} else
				s++;
		} else if (s[0] == '/' && s[1] == '*') {
			*incomment = 1;
			s += 2;
		} else if (s[0] == '/' && s[1] == '/')
			break;
		else
			*o++ = *s++;
	}
	*o = '\0';
}

/* The header of "#include <name>" or "#include "name"", or NULL. */
static char *
include(const char *t)
{
	const char	*p, *e;

	if (strncmp(t, "#include", 8) != 0)
		return NULL;
	for (p = t + 8; *p == ' ' || *p == '\t'; p++)
		continue;
	if (*p != '<' && *p != '"')
		return NULL;
	e = strchr(p + 1, *p == '<' ? '>' : '"');
	if (e == NULL || e == p + 1 || e[1] != '\0' ||
	    strcspn(p + 1, " \t") < (size_t)(e - p - 1))
		return NULL;
	return xstrndup(p + 1, (size_t)(e - p - 1));
}

void
synopsis_block(struct olines *o, const char *code, int line, const char *path)
{
	struct buf	 decl = { NULL, 0, 0 };
	const char	*e;
	char		*l, *t, *semi, *inc;
	int		 declline, incomment;

	declline = line;
	incomment = 0;
	for (; *code != '\0'; code = *e == '\0' ? e : e + 1, line++) {
		e = strchr(code, '\n');
		if (e == NULL)
			e = code + strlen(code);
		l = xstrndup(code, (size_t)(e - code));
		uncomment(l, &incomment);
		t = trim(l);
		if (decl.len == 0 && (inc = include(t)) != NULL) {
			emit_macro(o, line, 1, "In", inc);
			free(inc);
		} else if (decl.len == 0 && *t == '#') {
			buf_adds(&decl, ".Fd");
			emit_text_arg(&decl, t, strlen(t));
			olines_add(o, buf_take(&decl), line, 1);
		} else if (*t != '\0') {
			if (decl.len == 0)
				declline = line;
			else
				buf_addc(&decl, ' ');
			buf_adds(&decl, t);
			while ((semi = strchr(decl.p, ';')) != NULL) {
				char *rest = xstrdup(semi + 1);

				*semi = '\0';
				declaration(o, declline, decl.p, path);
				decl.len = 0;
				buf_adds(&decl, trim(rest));
				free(rest);
				declline = line;
			}
		}
		free(l);
	}
	if (decl.len > 0)
		declaration(o, declline, decl.p, path);
	buf_free(&decl);
}

/*
 * A command line in usage form, "name [-a] [-b arg] [-o file | -d dir]
 * [file ...]", to .Nm, .Op, .Fl and .Ar.
 */
int
synopsis_command(struct olines *o, const char *s, size_t n, int line)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, j;
	int		 depth, first;

	/* optional parts must nest: [ and ] balanced, in order */
	for (i = 0, depth = 0; i < n && depth >= 0; i++)
		depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
	if (depth != 0)
		return 0;
	first = 1;
	for (i = 0; i < n; i = j) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i >= n)
			break;
		if (s[i] == '[' || s[i] == ']') {
			j = i + 1;
			if (s[i] == '[') {
				if (depth++ == 0) {
					if (b.len > 0)
						olines_add(o, buf_take(&b),
						    line, 1);
					buf_adds(&b, ".Op");
				} else
					buf_adds(&b, " Oo");
			} else if (depth > 0 && --depth > 0)
				buf_adds(&b, " Oc");
			else if (depth == 0 && b.len > 0) {
				olines_add(o, buf_take(&b), line, 1);
			}
			continue;
		}
		for (j = i; j < n && !isspace((unsigned char)s[j]) &&
		    s[j] != '[' && s[j] != ']'; j++)
			continue;
		if (first) {
			buf_adds(&b, ".Nm");
			mc_argn(&b, s + i, j - i);
			mc_enddelim(&b);
			olines_add(o, buf_take(&b), line, 1);
			first = 0;
		} else if (s[i] == '-' && j - i > 1) {
			if (b.len == 0)
				buf_adds(&b, ".Fl");
			else
				buf_adds(&b, " Fl");
			mc_argn(&b, s + i + 1, j - i - 1);
		} else if (j - i == 1 && s[i] == '|')
			buf_adds(&b, " |");
		else if (j - i == 3 && strncmp(s + i, "...", 3) == 0)
			buf_adds(&b, " ...");
		else {
			if (b.len == 0)
				buf_adds(&b, ".Ar");
			else
				buf_adds(&b, " Ar");
			mc_argn(&b, s + i, j - i);
		}
	}
	if (b.len > 0)
		olines_add(o, buf_take(&b), line, 1);
	buf_free(&b);
	return 1;
}
