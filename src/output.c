/*
 * output.c: nothing half-written.  A page goes to a temporary file in
 * the directory of its destination, is flushed to disk, and is renamed
 * over the destination only when it is complete and has passed lint.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "md2mdoc.h"

/* mkdir -p */
int
mkdirs(const char *dir)
{
	char	*p, *s;

	s = xstrdup(dir);
	for (p = s + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char	save = *p;

			*p = '\0';
			if (mkdir(s, 0777) == -1 && errno != EEXIST) {
				msg_sys("mkdir", s);
				free(s);
				return 0;
			}
			*p = save;
			if (save == '\0')
				break;
		}
	}
	free(s);
	return 1;
}

/* Open a temporary file next to dest; returns its name and stream. */
int
output_open(const char *dest, char **tmpname, FILE **f)
{
	const char	*slash;
	size_t		 dlen;
	char		*t;
	int		 fd;

	slash = strrchr(dest, '/');
	dlen = slash != NULL ? (size_t)(slash - dest + 1) : 0;
	t = xmalloc(strlen(dest) + 16);
	memcpy(t, dest, dlen);
	sprintf(t + dlen, ".%s.XXXXXX", dest + dlen);
	if ((fd = mkstemp(t)) == -1) {
		msg_sys("mkstemp", t);
		free(t);
		return 0;
	}
	if ((*f = fdopen(fd, "w+")) == NULL) {
		msg_sys("fdopen", t);
		close(fd);
		unlink(t);
		free(t);
		return 0;
	}
	*tmpname = t;
	return 1;
}

/* Flush, sync and rename the temporary file over dest. */
int
output_commit(const char *tmpname, const char *dest, FILE *f)
{
	if (fflush(f) == EOF || fsync(fileno(f)) == -1) {
		msg_sys("write", dest);
		output_abort(tmpname, f);
		return 0;
	}
	if (fchmod(fileno(f), 0644) == -1) {
		msg_sys("chmod", dest);
		output_abort(tmpname, f);
		return 0;
	}
	if (fclose(f) == EOF) {
		msg_sys("close", dest);
		unlink(tmpname);
		return 0;
	}
	if (rename(tmpname, dest) == -1) {
		msg_sys("rename", dest);
		unlink(tmpname);
		return 0;
	}
	return 1;
}

void
output_abort(const char *tmpname, FILE *f)
{
	if (f != NULL)
		fclose(f);
	unlink(tmpname);
}

/* Is dest already exactly these lines?  Then leave it (and its time). */
int
output_same(const char *dest, const struct olines *o)
{
	FILE	*f;
	size_t	 i, n;
	int	 c, same;
	const char *s;

	if ((f = fopen(dest, "r")) == NULL)
		return 0;
	same = 1;
	for (i = 0; same && i < o->n; i++) {
		s = o->v[i].s;
		n = strlen(s);
		while (n-- > 0)
			if (fgetc(f) != (unsigned char)*s++) {
				same = 0;
				break;
			}
		if (same && fgetc(f) != '\n')
			same = 0;
	}
	if (same && (c = fgetc(f)) != EOF)
		same = 0;
	fclose(f);
	return same;
}
