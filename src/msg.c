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
	va_list	ap;

	if (l < minlevel && l < LVL_BADARG)
		return;
	record(l);
	if (quiet)
		return;
	fprintf(stderr, "%s:", file != NULL ? file : progname);
	if (line > 0)
		fprintf(stderr, "%d:%d:", line, col > 0 ? col : 1);
	fprintf(stderr, " %s: ", level_names[l]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A failed system call: "file: call: reason", status 6. */
void
msg_sys(const char *what, const char *file)
{
	int	e;

	e = errno;
	record(LVL_SYSERR);
	if (file != NULL)
		fprintf(stderr, "%s: %s: SYSERR: %s: %s\n", progname, file,
		    what, strerror(e));
	else
		fprintf(stderr, "%s: SYSERR: %s: %s\n", progname, what,
		    strerror(e));
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
