/*
 * output.c: nothing half-written.  A page goes to a temporary file in
 * the directory of its destination, is flushed to disk, and is renamed
 * over the destination only when it is complete and has passed lint.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
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
	char		 blk[65536];
	size_t		 i, off, have, pos, n;
	ssize_t		 r;
	int		 fd, same;

	if ((fd = open(dest, O_RDONLY)) == -1)
		return 0;
	/*
	 * Walk the lines (each followed by a newline) against the file,
	 * one block of the file at a time.
	 */
	same = 1;
	have = pos = 0;
	i = off = 0;
	while (same) {
		if (pos == have) {
			if ((r = read(fd, blk, sizeof(blk))) <= 0) {
				same = r == 0 && i == o->n;
				break;
			}
			have = (size_t)r;
			pos = 0;
		}
		if (i == o->n) {
			same = 0;		/* the file is longer */
			break;
		}
		if (off < o->v[i].len) {
			n = o->v[i].len - off;
			if (n > have - pos)
				n = have - pos;
			same = memcmp(blk + pos, o->v[i].s + off, n) == 0;
			pos += n;
			off += n;
		} else {
			same = blk[pos++] == '\n';
			i++;
			off = 0;
		}
	}
	close(fd);
	return same;
}
