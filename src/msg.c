/*
 * Messages, in mandoc's form:  file:line:col: LEVEL: text
 * The exit status is the worst level reported, as in mandoc(1).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "md2mdoc.h"

static const char *const level_names[] = {
	"OK", "STYLE", "WARNING", "ERROR", "UNSUPP", "BADARG", "SYSERR"
};

static const char	*progname = "md2mdoc";
static enum level	 minlevel = LVL_WARNING;
static enum level	 worst = LVL_OK;
static enum level	 page_worst = LVL_OK;
static int		 quiet;		/* count, do not print */
static FILE		*sink;		/* a -j worker's record file */

void
msg_setprog(const char *p)
{
	progname = p;
}

/* Count messages without printing them (the fuzzing harness). */
void
msg_setquiet(int q)
{
	quiet = q;
}

void
msg_setmin(enum level l)
{
	minlevel = l;
}

enum level
msg_getmin(void)
{
	return minlevel;
}

const char *
msg_levelname(enum level l)
{
	return level_names[l];
}

/* Parse the argument of -W: style, warning, error, unsupp, all. */
int
msg_parselevel(const char *s, enum level *l)
{
	if (strcmp(s, "all") == 0 || strcmp(s, "style") == 0)
		*l = LVL_STYLE;
	else if (strcmp(s, "warning") == 0)
		*l = LVL_WARNING;
	else if (strcmp(s, "error") == 0)
		*l = LVL_ERROR;
	else if (strcmp(s, "unsupp") == 0)
		*l = LVL_UNSUPP;
	else
		return 0;
	return 1;
}

static void
record(enum level l)
{
	if (l > worst)
		worst = l;
	if (l > page_worst)
		page_worst = l;
}

/*
 * Report one message.  Below the chosen level it is neither printed
 * nor counted, so the exit status follows what the user asked to see.
 */
void
msg(enum level l, const char *file, int line, int col, const char *fmt,
    ...)
{
	struct buf	b = { NULL, 0, 0 };
	va_list		ap;

	if (l < minlevel && l < LVL_BADARG)
		return;
	buf_printf(&b, "%s:", file != NULL ? file : progname);
	if (line > 0)
		buf_printf(&b, "%d:%d:", line, col > 0 ? col : 1);
	buf_printf(&b, " %s: ", level_names[l]);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	msg_replay(l, b.p);
	buf_free(&b);
}

/* A failed system call: "file: call: reason", status 6. */
void
msg_sys(const char *what, const char *file)
{
	struct buf	b = { NULL, 0, 0 };
	int		e;

	e = errno;
	if (file != NULL)
		buf_printf(&b, "%s: %s: SYSERR: %s: %s", progname, file,
		    what, strerror(e));
	else
		buf_printf(&b, "%s: SYSERR: %s: %s", progname, what,
		    strerror(e));
	msg_replay(LVL_SYSERR, b.p);
	buf_free(&b);
}

/*
 * In a -j worker (jobs.c), messages go to the record file, to be
 * printed by the parent in input order.
 */
void
msg_setsink(FILE *f)
{
	sink = f;
}

/* Count and print one formatted message (without its newline). */
void
msg_replay(enum level l, const char *text)
{
	record(l);
	if (sink != NULL) {
		fprintf(sink, "m\t%d\t", (int)l);
		field_put(sink, text);
		putc('\n', sink);
	} else if (!quiet || l == LVL_SYSERR)
		fprintf(stderr, "%s\n", text);
}

enum level
msg_worst(void)
{
	return worst;
}

void
msg_page_reset(void)
{
	page_worst = LVL_OK;
}

enum level
msg_page_worst(void)
{
	return page_worst;
}
