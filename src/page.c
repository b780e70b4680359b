/*
 * Read one input: check its bytes (UTF-8, no NUL), normalize line ends,
 * and split and check the front matter described in PAGES.md.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "md2mdoc.h"

void
strlist_add(struct strlist *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

void
strlist_free(struct strlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Does the path name a file inside a pages/ directory? */
int
path_in_pages(const char *path)
{
	return strncmp(path, "pages/", 6) == 0 ||
	    strstr(path, "/pages/") != NULL;
}

static int	quiet;		/* page_peek(): the caller reports */

static int
slurp(const char *path, char **text, size_t *len, time_t *mtime)
{
	struct buf	 b = { NULL, 0, 0 };
	struct stat	 st;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		if (!quiet)
			msg_sys("open", path);
		return 0;
	}
	*mtime = 0;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			msg_sys("read", path);
			close(fd);
			return 0;
		}
		*mtime = st.st_mtime;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			msg_sys("read", path);
			buf_free(&b);
			if (fd != STDIN_FILENO)
				close(fd);
			return 0;
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*len = b.len;
	*text = buf_take(&b);
	return 1;
}

/* Length of the UTF-8 sequence at p, or 0 if it is not valid. */
static size_t
utf8_len(const unsigned char *p, size_t avail)
{
	size_t		 n, i;
	unsigned int	 cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n > avail)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/*
 * Check the bytes: valid UTF-8, no NUL and no other control character
 * but tab.  Drop a byte order mark and turn CRLF (and lone CR) into LF,
 * in place.  A bad byte is an error, reported where it is first met,
 * and becomes '?' so that the rest of the page still converts.
 */
static void
check_bytes(const char *path, char *text, size_t *lenp)
{
	unsigned char	*p;
	size_t		 len, i, o, n, nbad;
	int		 line, col;

	p = (unsigned char *)text;
	len = *lenp;
	i = 0;
	nbad = 0;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	line = col = 1;
	for (o = 0; i < len; ) {
		/* plain ASCII, in place: nothing to check or move */
		if (o == i && p[i] >= 0x20 && p[i] < 0x7f) {
			i++, o++, col++;
			continue;
		}
		if (p[i] == '\r') {
			p[o++] = '\n';
			i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			line++, col = 1;
			continue;
		}
		n = 0;
		if (p[i] == '\0' || (p[i] < 0x20 && p[i] != '\t' &&
		    p[i] != '\n') || p[i] == 0x7f ||
		    (n = utf8_len(p + i, len - i)) == 0) {
			if (nbad++ == 0 && p[i] == '\0')
				msg(LVL_ERROR, path, line, col,
				    "NUL byte in input");
			else if (nbad == 1 && p[i] < 0x80)
				msg(LVL_ERROR, path, line, col,
				    "control character 0x%02x in input", p[i]);
			else if (nbad == 1)
				msg(LVL_ERROR, path, line, col,
				    "invalid UTF-8 byte 0x%02x", p[i]);
			p[o++] = '?';
			i++, col++;
			continue;
		}
		if (p[i] == '\n')
			line++, col = 1;
		else
			col++;
		if (o != i)		/* only after a BOM, a CR or a bad byte */
			memmove(p + o, p + i, n);
		o += n;
		i += n;
	}
	p[o] = '\0';
	*lenp = o;
	if (nbad > 1)
		msg(LVL_ERROR, path, 0, 0, "%zu bad bytes in all, each "
		    "replaced with ?", nbad);
}

static int
valid_name(const char *s)
{
	if (*s == '\0' || *s == '-' || *s == '.')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("_-.+:", *s) == NULL)
			return 0;
	return 1;
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Split "a, b, c" into a list; every element must pass the check. */
static int
parse_list(const char *path, int line, int col, const char *key, char *v,
    struct strlist *l, int (*ok)(const char *))
{
	char	*p, *e;

	for (p = v; p != NULL; p = e) {
		if ((e = strchr(p, ',')) != NULL)
			*e++ = '\0';
		p = trim(p);
		if (*p == '\0' || !ok(p)) {
			msg(LVL_ERROR, path, line, col,
			    "bad %s entry: \"%s\"", key, p);
			return 0;
		}
		strlist_add(l, p);
	}
	return 1;
}

static int
valid_path(const char *s)
{
	for (; *s != '\0'; s++)
		if (isspace((unsigned char)*s))
			return 0;
	return 1;
}

static int
parse_date(struct page *pg, const char *v)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d, leap;

	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return 0;
	if (!isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[5]) ||
	    !isdigit((unsigned char)v[8]))
		return 0;
	y = atoi(v);
	m = atoi(v + 5);
	d = atoi(v + 8);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return 0;
	pg->year = y, pg->month = m, pg->day = d;
	return 1;
}

enum fmkey { K_NAME, K_SECTION, K_DESC, K_NAMES, K_DATE, K_SOURCES,
	K__MAX };
static const char *const fmkeys[K__MAX] = {
	"name", "section", "description", "names", "date", "sources"
};

/* YAML quotes around a value of another tool's front matter. */
static char *
unquote(char *v)
{
	size_t	n;

	n = strlen(v);
	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		v[n - 1] = '\0';
		v++;
	}
	return v;
}

/*
 * One key of another tool's front matter (pandoc's YAML metadata,
 * a static site generator's): keep what has a place in the page.
 * Returns 0 if the key has none.
 */
static int
foreign_key(struct page *pg, const char *key, char *val, int ln,
    char **title)
{
	val = unquote(val);
	if (strcmp(key, "title") == 0) {
		free(*title);
		*title = xstrdup(val);
	} else if (strcmp(key, "section") == 0 && val[0] >= '1' &&
	    val[0] <= '9') {
		pg->section = val[0] - '0';
		pg->fmsection = 1;
	} else if (strcmp(key, "date") == 0) {
		if (!conv_date(val, &pg->year, &pg->month, &pg->day))
			conv_ostext(pg, val);
	} else if (strcmp(key, "author") == 0 || strcmp(key, "authors") == 0) {
		if (*val != '\0')
			strlist_add(&pg->authors, val);
	} else if (strcmp(key, "header") == 0 || strcmp(key, "footer") == 0) {
		conv_ostext(pg, val);
	} else {
		msg(LVL_STYLE, pg->path, ln, 1,
		    "unknown front matter key ignored: %s", key);
		return 0;
	}
	return 1;
}

/*
 * Another tool's front matter is YAML: a block of "key: value" lines
 * (and list items under a key) closed by --- or ...  Anything else
 * after a first --- is Markdown (a thematic break, a setext heading).
 */
static int
yaml_block(const char *p)
{
	const char	*e;
	size_t		 n, k;
	int		 keys;

	p += p[3] == '\n' ? 4 : 3;
	for (keys = 0; *p != '\0'; p = *e == '\n' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		n = (size_t)(e - p);
		if ((n == 3 && (strncmp(p, "---", 3) == 0 ||
		    strncmp(p, "...", 3) == 0)))
			return keys > 0;
		for (k = 0; k < n && (p[k] == ' ' || p[k] == '\t'); k++)
			continue;
		if (k == n)
			continue;		/* blank */
		if (p[k] == '-' && keys > 0)
			continue;		/* a list item */
		if (p[k] == '#')
			continue;		/* a YAML comment */
		for (; k < n && (isalnum((unsigned char)p[k]) ||
		    p[k] == '_' || p[k] == '-'); k++)
			continue;
		if (k == n || p[k] != ':' || (k + 1 < n && p[k + 1] != ' '))
			return 0;
		keys++;
	}
	return 0;			/* never closed */
}

/*
 * Parse the front matter that starts at the first line.  Returns the
 * number of lines it spans (0 if there is none), or -1 on error; on
 * error whatever could be read is kept, so that the page still
 * converts (to standard output, see main.c).
 */
static int
parse_fm(struct page *pg)
{
	char	*p, *line, *eol, *colon, *key, *val, *end, *name, *title;
	char	*last, *copy;
	int	 ln, seen[K__MAX], k, bad, lenient;

	p = pg->text;
	if (strncmp(p, "---\n", 4) != 0 && strcmp(p, "---") != 0)
		return 0;
	/* front matter with a name is ours; other tools' is tolerated */
	end = strstr(p + 3, "\n---");
	name = strstr(p + 3, "\nname:");
	lenient = !path_in_pages(pg->path) &&
	    (name == NULL || (end != NULL && name > end));
	if (lenient && !yaml_block(p))
		return 0;	/* a thematic break, not front matter */
	memset(seen, 0, sizeof(seen));
	bad = 0;
	title = NULL;
	last = NULL;
	/* lines are cut up in a copy: on error the text stays whole */
	p = copy = xstrdup(pg->text);
	p += p[3] == '\n' ? 4 : 3;	/* the input may be just "---" */
	for (ln = 2; ; ln++) {
		if (*p == '\0') {
			msg(LVL_ERROR, pg->path, 1, 1,
			    "front matter not closed with ---");
			free(title);
			free(last);
			free(copy);
			return -1;
		}
		line = p;
		if ((eol = strchr(p, '\n')) != NULL) {
			*eol = '\0';
			p = eol + 1;
		} else
			p = line + strlen(line);
		if (strcmp(line, "---") == 0 || (lenient &&
		    strcmp(line, "...") == 0))
			break;
		if (*trim(line) == '\0')
			continue;
		/* a YAML list item continues the key before it */
		if (lenient && last != NULL && (line[0] == ' ' ||
		    line[0] == '-') && *(val = trim(line)) == '-') {
			val = trim(val + 1);
			(void)foreign_key(pg, last, val, ln, &title);
			continue;
		}
		if ((colon = strchr(line, ':')) == NULL) {
			msg(lenient ? LVL_STYLE : LVL_ERROR, pg->path, ln, 1,
			    lenient ? "front matter line ignored: %s" :
			    "front matter line is not \"key: value\"%s",
			    lenient ? line : "");
			bad |= !lenient;
			continue;
		}
		*colon = '\0';
		key = trim(line);
		val = trim(colon + 1);
		for (k = 0; k < K__MAX; k++)
			if (strcmp(key, fmkeys[k]) == 0)
				break;
		if (lenient && (k == K__MAX || k == K_SECTION ||
		    k == K_DATE)) {
			/* another tool's front matter: keep what fits */
			free(last);
			last = foreign_key(pg, key, val, ln, &title) ?
			    xstrdup(key) : NULL;
			continue;
		}
		if (k == K__MAX) {
			msg(LVL_ERROR, pg->path, ln, 1,
			    "unknown front matter key: %s", key);
			bad = 1;
			continue;
		}
		if (seen[k]) {
			msg(LVL_ERROR, pg->path, ln, 1,
			    "duplicate front matter key: %s", key);
			bad = 1;
			continue;
		}
		seen[k] = ln;
		if (*val == '\0') {
			msg(LVL_ERROR, pg->path, ln, (int)(val - line) + 1,
			    "empty value for %s", key);
			bad = 1;
			continue;
		}
		switch (k) {
		case K_NAME:
			if (!valid_name(val) && !path_in_pages(pg->path)) {
				msg(LVL_WARNING, pg->path, ln, 1,
				    "page name ignored: \"%s\"", val);
				seen[k] = 0;
			} else if (!valid_name(val)) {
				msg(LVL_ERROR, pg->path, ln,
				    (int)(val - line) + 1,
				    "bad page name: \"%s\"", val);
				bad = 1;
			} else
				pg->name = xstrdup(val);
			break;
		case K_SECTION:
			if (val[0] < '1' || val[0] > '9' || val[1] != '\0') {
				msg(LVL_ERROR, pg->path, ln,
				    (int)(val - line) + 1,
				    "section is not a digit 1 to 9: \"%s\"", val);
				bad = 1;
			} else {
				pg->section = val[0] - '0';
				pg->fmsection = 1;
			}
			break;
		case K_DESC:
			if (val[strlen(val) - 1] == '.') {
				msg(LVL_ERROR, pg->path, ln,
				    (int)(val - line + strlen(val)),
				    "description ends with a full stop");
				bad = 1;
			}
			free(pg->description);
			pg->description = xstrdup(val);
			break;
		case K_NAMES:
			if (!parse_list(pg->path, ln, (int)(val - line) + 1,
			    key, val, &pg->names, valid_name))
				bad = 1;
			break;
		case K_DATE:
			pg->date_line = ln;
			if (!parse_date(pg, val)) {
				msg(LVL_ERROR, pg->path, ln,
				    (int)(val - line) + 1,
				    "date is not YYYY-MM-DD: \"%s\"", val);
				bad = 1;
			}
			break;
		case K_SOURCES:
			pg->sources_line = ln;
			if (!parse_list(pg->path, ln, (int)(val - line) + 1,
			    key, val, &pg->sources, valid_path))
				bad = 1;
			break;
		default:
			break;
		}
	}
	free(last);
	if (lenient && title != NULL)
		conv_fmtitle(pg, title);
	free(title);
	if (!lenient && !seen[K_NAME]) {
		msg(LVL_ERROR, pg->path, 1, 1, "front matter has no name");
		bad = 1;
	}
	if (!lenient && !seen[K_DESC]) {
		msg(LVL_ERROR, pg->path, 1, 1,
		    "front matter has no description");
		bad = 1;
	}
	if (!seen[K_DATE] && path_in_pages(pg->path)) {
		msg(LVL_ERROR, pg->path, 1, 1, "front matter has no date");
		bad = 1;
	}
	pg->body = pg->text + (p - copy);
	pg->bodylen = pg->len - (size_t)(p - copy);
	free(copy);
	pg->bodyline = ln + 1;
	pg->has_fm = !lenient;
	return bad ? -1 : ln;
}

static void
set_date(struct page *pg, time_t mtime)
{
	struct tm	*tm;
	const char	*sde;
	time_t		 t;

	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0')
		t = (time_t)strtoll(sde, NULL, 10);
	else if (mtime != 0)
		t = mtime;
	else
		t = time(NULL);
	tm = gmtime(&t);
	pg->year = tm->tm_year + 1900;
	pg->month = tm->tm_mon + 1;
	pg->day = tm->tm_mday;
}

/*
 * A date more than a day ahead is one mandoc refuses to trust ("date in
 * the future"): say so and use today's.  The test is mandoc's: the
 * date's local midnight against now plus a day.
 */
void
page_checkdate(struct page *pg)
{
	struct tm	 tm;
	time_t		 now, t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = pg->year - 1900;
	tm.tm_mon = pg->month - 1;
	tm.tm_mday = pg->day;
	tm.tm_isdst = -1;
	now = time(NULL);
	if ((t = mktime(&tm)) == (time_t)-1 || t <= now + 86400)
		return;
	msg(LVL_WARNING, pg->path, pg->date_line > 0 ? pg->date_line : 1, 1,
	    "date %04d-%02d-%02d is in the future: today's is used",
	    pg->year, pg->month, pg->day);
	tm = *localtime(&now);
	pg->year = tm.tm_year + 1900;
	pg->month = tm.tm_mon + 1;
	pg->day = tm.tm_mday;
}

/*
 * Check and split an input already in pg->text.  Errors are reported
 * and the page is still made as well as it can be: main.c decides
 * whether it is written.
 */
static int
page_parse(struct page *pg, int defsec, time_t mtime)
{
	check_bytes(pg->path, pg->text, &pg->len);
	pg->body = pg->text;
	pg->bodylen = pg->len;
	pg->bodyline = 1;
	(void)parse_fm(pg);
	if (!pg->has_fm)
		conv_titleblock(pg);
	if (pg->name == NULL) {
		if (path_in_pages(pg->path))
			msg(LVL_ERROR, pg->path, 1, 1,
			    "no front matter (required in pages/)");
		conv_filename(pg, defsec);
	}
	if (pg->year == 0)
		set_date(pg, mtime);
	page_checkdate(pg);
	return 1;
}

/* Read and check one input.  Returns 0 if it must not be converted. */
int
page_read(struct page *pg, const char *path, int defsec)
{
	time_t	mtime;

	memset(pg, 0, sizeof(*pg));
	pg->path = xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	pg->section = defsec;
	if (!slurp(path, &pg->text, &pg->len, &mtime))
		return 0;
	return page_parse(pg, defsec, mtime);
}

/* The same for an input in memory (the fuzzing harness), named path. */
int
page_mem(struct page *pg, const char *path, const char *data, size_t len,
    int defsec)
{
	memset(pg, 0, sizeof(*pg));
	pg->path = xstrdup(path);
	pg->section = defsec;
	pg->text = xmalloc(len + 1);
	memcpy(pg->text, data, len);
	pg->text[len] = '\0';
	pg->len = len;
	return page_parse(pg, defsec, 0);
}

/*
 * Read just the name and section of another page, for a link to it.
 * Returns 0 if the file cannot be read.
 */
int
page_peek(const char *path, char **name, int *section)
{
	struct page	pg;
	enum level	min;
	int		ok;

	min = msg_getmin();
	msg_setmin(LVL_BADARG);		/* its own messages come later */
	quiet = 1;
	ok = page_read(&pg, path, 9);
	quiet = 0;
	msg_setmin(min);
	if (pg.name != NULL) {
		*name = pg.name;
		pg.name = NULL;
		*section = pg.section;
		ok = 1;
	} else
		ok = 0;
	page_free(&pg);
	return ok;
}

void
page_free(struct page *pg)
{
	free(pg->path);
	free(pg->text);
	free(pg->name);
	free(pg->description);
	strlist_free(&pg->names);
	strlist_free(&pg->sources);
	strlist_free(&pg->authors);
	free(pg->os);
	memset(pg, 0, sizeof(*pg));
}
