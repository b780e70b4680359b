/*
 * lint.c: check a written page with libmandoc, in process, and report
 * each message against the Markdown line that produced the mdoc line.
 *
 * libmandoc keeps global state: one parser, one page at a time.  Its
 * messages only go to a FILE, so each page's are caught in a memory
 * stream, and each page's level is taken from its own messages, since
 * mandoc_msg_getrc() never goes down again.
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mandoc.h>
#include <roff.h>
#include <mandoc_parse.h>

#include "md2mdoc.h"

void	setprogname(const char *);	/* from libmandoc's compat code */

/*
 * libmandoc's table of cross references (mandoc_xr.h, not installed):
 * with it, the validator reports an .Xr to one of the page's own .Nm
 * names, as mandoc -T lint does.
 */
void	mandoc_xr_reset(void);
void	mandoc_xr_free(void);

#define	LINT_PROG	"md2mdoc-lint"

static struct mparse	*mp;
static int		 used;
static struct roff_meta	*meta;		/* of the page last linted */

void
lint_init(const char *os)
{
#if !defined(__BSD_VISIBLE) && !defined(__DragonFly__) && \
    !defined(__FreeBSD__) && !defined(__NetBSD__) && !defined(__OpenBSD__)
	setprogname(LINT_PROG);
#endif
	mchars_alloc();
	mp = mparse_alloc(MPARSE_MDOC | MPARSE_VALIDATE | MPARSE_UTF8,
	    MANDOC_OS_OTHER, os);
	mandoc_msg_setmin(MANDOCERR_STYLE);
}

void
lint_free(void)
{
	if (mp != NULL)
		mparse_free(mp);
	mandoc_xr_free();
	mchars_free();
	mp = NULL;
	meta = NULL;
}

static enum level
level_of(const char *s)
{
	if (strncmp(s, "STYLE", 5) == 0)
		return LVL_STYLE;
	if (strncmp(s, "WARNING", 7) == 0)
		return LVL_WARNING;
	if (strncmp(s, "ERROR", 5) == 0)
		return LVL_ERROR;
	if (strncmp(s, "UNSUPP", 6) == 0)
		return LVL_UNSUPP;
	return LVL_OK;
}

/*
 * One message line from libmandoc: "prog: NAME:LINE:COL: LEVEL: text".
 * Report it at the Markdown line; return its level.
 */
static enum level
relay(const char *m, const char *name, const char *mdpath,
    const struct olines *o)
{
	const char	*p, *lvl;
	char		*end;
	long		 line, col;
	enum level	 l;
	const struct oline *ol;

	if ((p = strstr(m, name)) == NULL)
		return LVL_OK;
	p += strlen(name);
	line = col = 0;
	if (*p == ':' && p[1] >= '0' && p[1] <= '9') {
		line = strtol(p + 1, &end, 10);
		if (*end == ':')
			col = strtol(end + 1, &end, 10);
		p = end;
	}
	if (*p == ':')
		p++;
	while (*p == ' ')
		p++;
	lvl = p;
	if ((l = level_of(lvl)) == LVL_OK)
		return LVL_OK;
	if ((p = strchr(lvl, ':')) == NULL)
		return LVL_OK;
	p++;
	while (*p == ' ')
		p++;
	if (line > 0 && (size_t)line <= o->n) {
		ol = &o->v[line - 1];
		msg(l, mdpath, ol->line, ol->col, "%s [%s:%ld:%ld: %.40s]",
		    p, name, line, col, ol->s);
	} else
		msg(l, mdpath, 0, 0, "%s [%s]", p, name);
	return l;
}

/*
 * Lint the mdoc in fd, named name (its section suffix matters to
 * mandoc), produced from mdpath with the line map o.
 */
enum level
lint_fd(int fd, const char *name, const char *mdpath, const struct olines *o)
{
	FILE		*ms;
	char		*text, *line, *nl;
	size_t		 size;
	enum level	 worst, l;

	if (used)
		mparse_reset(mp);
	used = 1;
	mandoc_xr_reset();
	text = NULL;
	size = 0;
	if ((ms = open_memstream(&text, &size)) == NULL) {
		msg_sys("open_memstream", NULL);
		return LVL_SYSERR;
	}
	mandoc_msg_setoutfile(ms);
	mandoc_msg_setinfilename(name);
	if (lseek(fd, 0, SEEK_SET) == -1) {
		fclose(ms);
		free(text);
		msg_sys("lseek", name);
		return LVL_SYSERR;
	}
	mparse_readfd(mp, fd, name);
	meta = mparse_result(mp);
	mandoc_msg_setinfilename(NULL);
	mandoc_msg_setoutfile(stderr);
	fclose(ms);
	worst = LVL_OK;
	for (line = text; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if ((l = relay(line, name, mdpath, o)) > worst)
			worst = l;
	}
	free(text);
	return worst;
}

/* The syntax tree of the page last linted, for the fuzzing harness. */
struct roff_meta *
lint_tree(void)
{
	return meta;
}
