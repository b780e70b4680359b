/*
 * runstat: run a command N times and print the median wall-clock time
 * in seconds and the largest resident set size in kilobytes:
 *
 *	runstat [-n runs] [-i stdin-file] [-o stdout-file] -- command [arg ...]
 *
 * prints "MEDIAN MAXRSS STATUS", STATUS being the last run's exit status
 * (or 128 + signal).  Used by tests/patho.sh and tests/bench/.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmpd(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
redirect(const char *path, int fd, int flags)
{
	int	f;

	if ((f = open(path, flags, 0666)) == -1) {
		perror(path);
		_exit(127);
	}
	if (dup2(f, fd) == -1) {
		perror("dup2");
		_exit(127);
	}
	close(f);
}

int
main(int argc, char *argv[])
{
	struct rusage	 ru;
	const char	*in, *out;
	double		*t, t0;
	pid_t		 pid;
	int		 ch, i, n, st, rc;

	n = 1;
	in = NULL;
	out = "/dev/null";
	while ((ch = getopt(argc, argv, "i:n:o:")) != -1) {
		switch (ch) {
		case 'i':
			in = optarg;
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'o':
			out = optarg;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || n < 1)
		goto usage;
	t = calloc((size_t)n, sizeof(*t));
	rc = 0;
	for (i = 0; i < n; i++) {
		t0 = now();
		if ((pid = fork()) == -1) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			if (in != NULL)
				redirect(in, 0, O_RDONLY);
			redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
			execvp(argv[0], argv);
			perror(argv[0]);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) == -1) {
			perror("waitpid");
			return 1;
		}
		t[i] = now() - t0;
		rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	qsort(t, (size_t)n, sizeof(*t), cmpd);
	getrusage(RUSAGE_CHILDREN, &ru);
	/* ru_maxrss is in kilobytes on Linux and the BSDs. */
	t0 = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	printf("%.4f %ld %d\n", t0, (long)ru.ru_maxrss, rc);
	free(t);
	return 0;
usage:
	fprintf(stderr, "usage: runstat [-n runs] [-i file] [-o file] "
	    "-- command [arg ...]\n");
	return 2;
}
