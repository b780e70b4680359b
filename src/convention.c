/*
 * convention.c: the man page conventions of other Markdown tools, as
 * far as they can be read from the text before it is parsed.
 *
 *	pandoc		a title block of % lines (title, authors, date),
 *			"% NAME(1) header | footer", or YAML metadata
 *			with title, section, date, author, header, footer
 *	go-md2man	"% name 1" as the first line
 *	ronn		"name(1) -- description" as the first heading
 *			(read from the tree: see conv_title())
 *	any		a file named name.N.md is page name in section N
 *
 * The NAME section ("name, name2 - description") and the title heading
 * are read from the parsed tree in convert.c, with conv_title() and
 * conv_namedesc() from here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "md2mdoc.h"
#include "convert.h"

static const char *const monthnames[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* A month name, whole or its first three letters; 0 if none. */
static int
month_of(const char *s, size_t n)
{
	size_t	i, k;

	for (i = 0; i < 12; i++) {
		if (n != 3 && n != strlen(monthnames[i]))
			continue;
		for (k = 0; k < n; k++)
			if (tolower((unsigned char)s[k]) != monthnames[i][k])
				break;
		if (k == n)
			return (int)i + 1;
	}
	return 0;
}

static int
valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	return m != 2 || d != 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/*
 * The dates other tools write: 2024-01-31, 2024-01, January 31, 2024,
 * 31 January 2024, January 2024 (mdoc needs a day: the 1st).
 */
int
conv_date(const char *s, int *yp, int *mp, int *dp)
{
	const char	*w[3];
	size_t		 wl[3];
	int		 nw, y, m, d, i;

	while (*s == ' ')
		s++;
	if (isdigit((unsigned char)s[0]) && strlen(s) >= 7 &&
	    s[4] == '-' && strspn(s, "0123456789") == 4 &&
	    strspn(s + 5, "0123456789") == 2) {
		y = atoi(s);
		m = atoi(s + 5);
		d = 1;
		if (s[7] == '-' && strspn(s + 8, "0123456789") == 2 &&
		    s[10] == '\0')
			d = atoi(s + 8);
		else if (s[7] != '\0')
			return 0;
		goto done;
	}
	/* up to three words, commas dropped */
	for (nw = 0; *s != '\0' && nw < 3; nw++) {
		w[nw] = s;
		wl[nw] = strcspn(s, " ,");
		s += wl[nw];
		while (*s == ' ' || *s == ',')
			s++;
	}
	if (*s != '\0' || nw < 2)
		return 0;
	for (i = 0; i < nw; i++)
		if (wl[i] == 0)
			return 0;
	d = 1;
	if (nw == 2 && (m = month_of(w[0], wl[0])) > 0 &&
	    strspn(w[1], "0123456789") == wl[1])
		y = atoi(w[1]);
	else if (nw == 3 && (m = month_of(w[0], wl[0])) > 0 &&
	    strspn(w[1], "0123456789") == wl[1] &&
	    strspn(w[2], "0123456789") == wl[2])
		d = atoi(w[1]), y = atoi(w[2]);
	else if (nw == 3 && (m = month_of(w[1], wl[1])) > 0 &&
	    strspn(w[0], "0123456789") == wl[0] &&
	    strspn(w[2], "0123456789") == wl[2])
		d = atoi(w[0]), y = atoi(w[2]);
	else
		return 0;
done:
	if (!valid_ymd(y, m, d))
		return 0;
	*yp = y, *mp = m, *dp = d;
	return 1;
}

/* Text for the page footer (.Os): another tool's header and footer. */
void
conv_ostext(struct page *pg, const char *s)
{
	struct buf	b = { NULL, 0, 0 };
	size_t		n;

	s = trim_blanks(s, &n);
	if (n == 0)
		return;
	if (pg->os != NULL) {
		buf_adds(&b, pg->os);
		buf_adds(&b, ", ");
		free(pg->os);
	}
	buf_add(&b, s, n);
	pg->os = buf_take(&b);
}

static int
name_char(int c)
{
	return isalnum((unsigned char)c) || strchr("_-.+:", c) != NULL;
}

/* A page name as another tool wrote it: PANDOC is pandoc. */
static char *
page_name(const char *s, size_t n)
{
	char	*name;
	size_t	 i;
	int	 lower;

	name = xstrndup(s, n);
	for (lower = 0, i = 0; i < n; i++)
		if (islower((unsigned char)name[i]))
			lower = 1;
	if (!lower)
		for (i = 0; i < n; i++)
			name[i] = (char)tolower((unsigned char)name[i]);
	return name;
}

/* Skip a dash that separates names from a description. */
static const char *
skip_dash(const char *s)
{
	while (*s == ' ')
		s++;
	if (strncmp(s, "--", 2) == 0)
		s += 2;
	else if (*s == '-')
		s++;
	else if (strncmp(s, "\xe2\x80\x94", 3) == 0 ||
	    strncmp(s, "\xe2\x80\x93", 3) == 0)
		s += 3;
	else
		return NULL;
	if (*s != ' ' && *s != '\0')
		return NULL;
	while (*s == ' ')
		s++;
	return s;
}

static void
set_desc(struct page *pg, const char *s)
{
	size_t	n;

	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	if (n == 0)
		return;
	free(pg->description);
	pg->description = xstrndup(s, n);
}

/*
 * The rest of a .TH-like title after name and section: quoted or plain
 * words, a date among them; the others go to the footer.
 */
static void
th_args(struct page *pg, const char *s)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 y, m, d;

	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		b.len = 0;
		buf_adds(&b, "");
		if (*s == '"') {
			for (s++; *s != '\0' && *s != '"'; s++)
				buf_addc(&b, *s);
			if (*s == '"')
				s++;
		} else
			for (; *s != '\0' && *s != ' '; s++)
				buf_addc(&b, *s);
		if (conv_date(b.p, &y, &m, &d))
			pg->year = y, pg->month = m, pg->day = d;
		else
			conv_ostext(pg, b.p);
	}
	buf_free(&b);
}

/*
 * A title in one of the forms other tools use:
 *	NAME(1) rest		pandoc: rest is "header | footer"
 *	name(1) -- text		ronn: text is the description
 *	name 1 [args]		go-md2man and .TH: args as .TH has them
 * Fills in the page and returns 1, or returns 0 if it is none of them.
 * With plain set, the title must be one of them exactly (a heading),
 * else a pandoc title that is just text is taken as the description.
 */
int
conv_title(struct page *pg, const char *s, int plain)
{
	const char	*p, *q, *rest;
	char		*part;
	size_t		 n;

	while (*s == ' ')
		s++;
	for (n = 0; name_char(s[n]); n++)
		continue;
	if (n == 0)
		return plain ? 0 : (set_desc(pg, s), 1);
	p = s + n;
	if (p[0] == '(' && p[1] >= '1' && p[1] <= '9') {
		for (q = p + 2; isalpha((unsigned char)*q); q++)
			continue;
		if (*q != ')' || (q[1] != ' ' && q[1] != '\0'))
			return plain ? 0 : (set_desc(pg, s), 1);
		rest = q + 1;
	} else if (p[0] == ' ' && p[1] >= '1' && p[1] <= '9') {
		for (q = p + 2; isalpha((unsigned char)*q); q++)
			continue;
		if (*q != ' ' && *q != '\0')
			return plain ? 0 : (set_desc(pg, s), 1);
		rest = q;
		p++;
	} else
		return plain ? 0 : (set_desc(pg, s), 1);
	free(pg->name);
	pg->name = page_name(s, n);
	pg->section = p[p[0] == '(' ? 1 : 0] - '0';
	pg->fmsection = 1;
	pg->assumed = 0;
	pg->conv = 1;
	if ((q = skip_dash(rest)) != NULL) {
		set_desc(pg, q);		/* ronn */
		return 1;
	}
	if (s[n] == ' ') {
		th_args(pg, rest);		/* go-md2man, .TH */
		return 1;
	}
	for (p = rest; *p != '\0'; p = *q == '|' ? q + 1 : q) {
		q = p + strcspn(p, "|");	/* pandoc: header | footer */
		part = xstrndup(p, (size_t)(q - p));
		conv_ostext(pg, part);
		free(part);
	}
	return 1;
}

/*
 * The NAME section's text, "name, name2 - description": fills in the
 * names and the description and returns 1, or returns 0.
 */
int
conv_namedesc(struct page *pg, const char *s)
{
	struct strlist	 names = { NULL, 0 };
	const char	*d;
	char		*nm;
	size_t		 n, i;

	for (;;) {
		while (*s == ' ')
			s++;
		for (n = 0; name_char(s[n]) && strncmp(s + n, "--", 2) != 0;
		    n++)
			continue;
		while (n > 0 && s[n - 1] == '-')
			n--;
		if (n == 0)
			break;
		nm = page_name(s, n);
		strlist_add(&names, nm);
		free(nm);
		s += n;
		/* name(1) in a NAME line: the section is the page's */
		if (s[0] == '(' && s[1] >= '1' && s[1] <= '9' && s[2] == ')')
			s += 3;
		while (*s == ' ')
			s++;
		if (*s != ',')
			break;
		s++;
	}
	if (names.n == 0 || (d = skip_dash(s)) == NULL || *d == '\0') {
		strlist_free(&names);
		return 0;
	}
	if (pg->name == NULL || pg->assumed || pg->conv) {
		free(pg->name);
		pg->name = xstrdup(names.v[0]);
		i = 1;
	} else
		i = strcmp(pg->name, names.v[0]) == 0 ? 1 : 0;
	for (; i < names.n; i++)
		if (strcmp(names.v[i], pg->name) != 0)
			strlist_add(&pg->names, names.v[i]);
	strlist_free(&names);
	set_desc(pg, d);
	pg->assumed = 0;
	pg->conv = 1;
	return 1;
}

/* A YAML title: a pandoc man page title, or else a description. */
void
conv_fmtitle(struct page *pg, const char *title)
{
	if (conv_title(pg, title, 1))
		return;
	if (pg->fmsection && title[0] != '\0' && strchr(title, ' ') == NULL) {
		free(pg->name);
		pg->name = page_name(title, strlen(title));
		pg->conv = 1;
	} else if (pg->description == NULL)
		set_desc(pg, title);
}

/*
 * A title block of % lines at the start (pandoc, go-md2man): title,
 * authors (split at ;), date.  Continuation lines start with a blank.
 * The block is taken out of the body.
 */
void
conv_titleblock(struct page *pg)
{
	struct buf	 field[3] = { { NULL, 0, 0 }, { NULL, 0, 0 },
			    { NULL, 0, 0 } };
	const char	*p, *e, *a;
	int		 nf, y, m, d;
	size_t		 n;

	p = pg->body;
	if (*p != '%')
		return;
	for (nf = 0; *p == '%' && nf < 3; nf++) {
		buf_adds(&field[nf], "");
		for (e = p + 1; ; ) {
			while (*e == ' ' || *e == '\t')
				e++;
			n = strcspn(e, "\n");
			if (field[nf].len > 0 && n > 0)
				buf_addc(&field[nf], nf == 1 ? ';' : ' ');
			buf_add(&field[nf], e, n);
			e += n;
			if (*e == '\n')
				e++;
			pg->bodyline++;
			if (*e != ' ' && *e != '\t')
				break;	/* no continuation line */
		}
		p = e;
	}
	pg->bodylen -= (size_t)(p - pg->body);
	pg->body = p;
	if (field[0].len > 0)
		(void)conv_title(pg, field[0].p, 0);
	for (a = nf > 1 ? field[1].p : ""; *a != '\0'; a = e) {
		while (*a == ' ' || *a == ';')
			a++;
		n = strcspn(a, ";");
		e = a + n;
		while (n > 0 && a[n - 1] == ' ')
			n--;
		if (n > 0) {
			char *author = xstrndup(a, n);
			strlist_add(&pg->authors, author);
			free(author);
		}
	}
	if (nf > 2 && field[2].len > 0) {
		if (conv_date(field[2].p, &y, &m, &d))
			pg->year = y, pg->month = m, pg->day = d;
		else
			conv_ostext(pg, field[2].p);
	}
	for (nf = 0; nf < 3; nf++)
		buf_free(&field[nf]);
	pg->conv |= pg->name != NULL;
}

/*
 * No name from front matter or a title: the file name, without .md,
 * and name.N.md is section N.
 */
void
conv_filename(struct page *pg, int defsec)
{
	const char	*base, *dot;
	size_t		 n, i;

	if (strcmp(pg->path, "<stdin>") == 0)
		base = "stdin";
	else if ((base = strrchr(pg->path, '/')) != NULL)
		base++;
	else
		base = pg->path;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	/* name.N: a section, maybe with a letter suffix (3p) */
	for (i = n; i > 0 && isalpha((unsigned char)base[i - 1]); i--)
		continue;
	if (i >= 3 && base[i - 1] >= '1' && base[i - 1] <= '9' &&
	    base[i - 2] == '.' && n - i <= 3) {
		if (!pg->fmsection) {
			pg->section = base[i - 1] - '0';
			pg->fmsection = 1;
		}
		n = i - 2;
	} else if (!pg->fmsection)
		pg->section = defsec;
	pg->name = xstrndup(base, n);
	for (i = 0; pg->name[i] != '\0'; i++)
		if (!name_char(pg->name[i]) || pg->name[i] == ':')
			pg->name[i] = '_';
	pg->assumed = 1;
}

/* ---- conventions read from the parsed tree ---- */

/*
 * The text of a heading as written, without its # marks or setext
 * underline and with backslash escapes undone: titles such as
 * go-md2man's keep their straight quotes, which --smart would curl.
 */
static char *
raw_heading(const struct page *pg, cmark_node *n)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p, *e;
	int		 line, first, last;
	size_t		 len;

	first = cmark_node_get_start_line(n);
	last = cmark_node_get_end_line(n);
	p = pg->body;
	for (line = 1; line < first && (p = strchr(p, '\n')) != NULL; line++)
		p++;
	for (; p != NULL && *p != '\0' && line <= last; line++) {
		e = p + strcspn(p, "\n");
		len = (size_t)(e - p);
		while (len > 0 && (*p == ' ' || *p == '\t'))
			p++, len--;
		if (len > 0 && strspn(p, "=- \t") >= len && b.len > 0)
			break;		/* a setext underline */
		if (cmark_node_get_heading_level(n) > 0 && *p == '#' &&
		    line == first) {
			while (len > 0 && *p == '#')
				p++, len--;
			while (len > 0 && p[len - 1] == ' ')
				len--;
			while (len > 0 && p[len - 1] == '#')
				len--;
		}
		if (b.len > 0)
			buf_addc(&b, ' ');
		for (; len > 0; p++, len--) {
			if (*p == '\\' && len > 1 &&
			    ispunct((unsigned char)p[1]))
				p++, len--;
			buf_addc(&b, *p);
		}
		p = *e == '\n' ? e + 1 : e;
	}
	buf_adds(&b, "");
	return buf_take(&b);
}

static void
drop_node(cmark_node *n)
{
	cmark_node_unlink(n);
	cmark_node_free(n);
}

/* A top-level heading that reads NAME (any level, any case). */
static cmark_node *
name_heading(cmark_node *doc)
{
	cmark_node	*n;
	char		*t, *s, *e;
	int		 hit;

	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		t = node_text(n);
		for (s = t; *s == ' '; s++)
			continue;
		for (e = s + strlen(s); e > s && e[-1] == ' '; e--)
			continue;
		hit = e - s == 4 && strncasecmp(s, "name", 4) == 0;
		free(t);
		if (hit)
			return n;
	}
	return NULL;
}

/*
 * Before the walk: a title heading in another tool's form, the NAME
 * section, and failing those the first heading as the description.
 * What the conventions use up is taken out of the tree.  Without front
 * matter or a convention, say once what was assumed.
 */
void
conv_tree(struct page *pg, cmark_node *doc)
{
	cmark_node	*n, *para;
	char		*t;
	const char	*from;

	n = cmark_node_first_child(doc);
	if (!pg->has_fm && n != NULL &&
	    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
		t = raw_heading(pg, n);
		if (conv_title(pg, t, 1))
			drop_node(n);
		free(t);
	}
	if (!pg->has_fm && (n = name_heading(doc)) != NULL &&
	    (para = cmark_node_next(n)) != NULL &&
	    cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		t = node_text(para);
		if (conv_namedesc(pg, t)) {
			drop_node(n);
			drop_node(para);
		}
		free(t);
	}
	from = "the first heading";
	if (pg->description == NULL) {
		for (n = cmark_node_first_child(doc); n != NULL &&
		    cmark_node_get_type(n) != CMARK_NODE_HEADING;
		    n = cmark_node_next(n))
			continue;
		t = n != NULL ? node_text(n) : NULL;
		if (t == NULL || *t == '\0') {
			free(t);
			t = xstrdup(pg->name);
			from = "the name";
		}
		pg->description = t;
	}
	page_checkdate(pg);		/* a title may have set it */
	if (!pg->has_fm && !pg->conv)
		msg(LVL_STYLE, pg->path, 1, 1, "no front matter: assuming "
		    "name %s, section %d, description from %s", pg->name,
		    pg->section, from);
}
