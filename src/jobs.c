/*
 * jobs.c: compile the inputs with several worker processes (-j).
 *
 * libmandoc keeps global state, so the parallelism is by process:
 * worker k takes inputs k, k + n, k + 2n, ... and writes what it would
 * have printed, and the records of the whole-set checks, to its own
 * temporary file, one block per input.  The parent then reads the
 * blocks back in input order, prints the messages and adds the records
 * to its manual, so messages, report and exit status are the same as
 * with one process.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "md2mdoc.h"
#include "manual.h"

struct worker {
	FILE	*f;
	pid_t	 pid;
	char	*line;		/* the next line, read ahead */
	size_t	 cap;
	int	 have;
};

/* The worker's side: compile every njobs-th input starting at k. */
static void
work(int k, int njobs, char **files, int nfiles, jobfn one, void *arg,
    struct manual *m, FILE *f)
{
	size_t	mark[3] = { 0, 0, 0 };
	int	i;

	msg_setsink(f);
	if (m != NULL)
		manual_dump(m, NULL, mark);	/* skip what exists */
	for (i = k; i < nfiles; i += njobs) {
		fputs("@\n", f);
		one(files[i], arg);
		if (m != NULL)
			manual_dump(m, f, mark);
	}
	_exit(fflush(f) == EOF || ferror(f) ? 1 : 0);
}

static int
next_line(struct worker *w)
{
	if (w->have)
		return 1;
	w->have = getline(&w->line, &w->cap, w->f) != -1;
	return w->have;
}

/* Replay one input's block: its messages and its records. */
static void
replay(struct worker *w, struct manual *m)
{
	char	*v[3];

	if (!next_line(w) || strcmp(w->line, "@\n") != 0)
		return;		/* the worker died; reported already */
	w->have = 0;
	while (next_line(w) && strcmp(w->line, "@\n") != 0) {
		w->have = 0;
		if (strncmp(w->line, "m\t", 2) == 0) {
			if (field_split(w->line, v, 3) == 3)
				msg_replay((enum level)atoi(v[1]), v[2]);
		} else if (m != NULL)
			manual_undump(m, w->line);
	}
}

void
jobs_run(int njobs, char **files, int nfiles, jobfn one, void *arg,
    struct manual *m)
{
	struct worker	*w;
	int		 k, i, st, started;

	if (njobs > nfiles)
		njobs = nfiles;
	w = xcalloc((size_t)njobs, sizeof(*w));
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < njobs; k++) {
		if ((w[k].f = tmpfile()) == NULL) {
			msg_sys("tmpfile", NULL);
			break;
		}
		if ((w[k].pid = fork()) == -1) {
			msg_sys("fork", NULL);
			fclose(w[k].f);
			w[k].f = NULL;
			break;
		}
		if (w[k].pid == 0)
			work(k, njobs, files, nfiles, one, arg, m, w[k].f);
	}
	started = k;
	for (k = 0; k < started; k++) {
		st = 0;
		while (waitpid(w[k].pid, &st, 0) == -1)
			if (errno != EINTR) {
				msg_sys("waitpid", NULL);
				break;
			}
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			msg(LVL_SYSERR, NULL, 0, 0, "worker %d of %d failed",
			    k + 1, njobs);
		rewind(w[k].f);
	}
	/* with a worker missing, the inputs were not all compiled */
	for (i = 0; started == njobs && i < nfiles; i++)
		replay(&w[i % njobs], m);
	for (k = 0; k < started; k++) {
		fclose(w[k].f);
		free(w[k].line);
	}
	free(w);
}
