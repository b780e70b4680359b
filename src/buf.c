/*
 * Growable byte buffers and allocation wrappers.  Running out of memory
 * is a system error: report it and exit with mandoc's status 6.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"

static void
nomem(void)
{
	msg_sys("malloc", NULL);
	exit(LVL_SYSERR);
}

void *
xmalloc(size_t sz)
{
	void	*p;

	if ((p = malloc(sz == 0 ? 1 : sz)) == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		nomem();
	return p;
}

void *
xrealloc(void *p, size_t sz)
{
	if ((p = realloc(p, sz == 0 ? 1 : sz)) == NULL)
		nomem();
	return p;
}

/*
 * s without its leading and trailing blanks (spaces, tabs, newlines:
 * raw HTML's text keeps its line ends): the start; *n its length
 */
const char *
trim_blanks(const char *s, size_t *n)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	*n = strlen(s);
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
	    s[*n - 1] == '\n'))
		(*n)--;
	return s;
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * Room for element n of an array of elements of size sz that holds
 * *cap: the array doubles, so appending stays linear.
 */
void *
xgrow(void *p, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return p;
	*cap = *cap == 0 ? 16 : *cap * 2;
	if (*cap <= n)
		*cap = n + 1;
	return xrealloc(p, *cap * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->p = xrealloc(b->p, b->cap);
	}
	if (n > 0)		/* s may be an empty buffer's NULL */
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, int c)
{
	char	ch;

	ch = (char)c;
	buf_add(b, &ch, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	 small[256];
	char	*big;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		va_end(ap2);
		return;
	}
	big = xmalloc((size_t)n + 1);
	vsnprintf(big, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	buf_add(b, big, (size_t)n);
	free(big);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/*
 * Fields of the records a -j worker passes to its parent: one record
 * per line, fields separated by tabs, and \\, \t, \n escaped.
 */
void
field_put(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			putc(*s, f);
	}
}

/* Split a record line into at most max fields, unescaped in place. */
size_t
field_split(char *line, char **v, size_t max)
{
	char	*o;
	size_t	 n;

	n = 0;
	v[n++] = o = line;
	for (; *line != '\0' && *line != '\n'; line++) {
		if (*line == '\t' && n < max) {
			*o++ = '\0';
			v[n++] = o;
		} else if (*line == '\\' && line[1] != '\0') {
			line++;
			*o++ = *line == 't' ? '\t' : *line == 'n' ? '\n' :
			    *line;
		} else
			*o++ = *line;
	}
	*o = '\0';
	return n;
}

/* Hand the string over to the caller and leave the buffer empty. */
char *
buf_take(struct buf *b)
{
	char	*p;

	p = b->p != NULL ? b->p : xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
