/*
 * hash.c: a set of strings with open addressing (FNV-1a), for the
 * source index and the whole-set name checks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "md2mdoc.h"
#include "srcindex.h"

struct strset {
	char	**slot;
	size_t	  cap;		/* a power of two */
	size_t	  n;
};

static uint32_t
fnv(const char *s, size_t n)
{
	uint32_t	h;

	h = 2166136261u;
	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

struct strset *
strset_new(void)
{
	struct strset	*s;

	s = xcalloc(1, sizeof(*s));
	s->cap = 1024;
	s->slot = xcalloc(s->cap, sizeof(*s->slot));
	return s;
}

void
strset_free(struct strset *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	free(s);
}

static size_t
find(const struct strset *s, const char *k, size_t n)
{
	size_t	i;

	i = fnv(k, n) & (s->cap - 1);
	while (s->slot[i] != NULL && (strncmp(s->slot[i], k, n) != 0 ||
	    s->slot[i][n] != '\0'))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void
grow(struct strset *s)
{
	char	**old;
	size_t	  oldcap, i;

	old = s->slot;
	oldcap = s->cap;
	s->cap *= 2;
	s->slot = xcalloc(s->cap, sizeof(*s->slot));
	for (i = 0; i < oldcap; i++)
		if (old[i] != NULL)
			s->slot[find(s, old[i], strlen(old[i]))] = old[i];
	free(old);
}

/* Add k[0..n); returns 1 if it was new. */
int
strset_add(struct strset *s, const char *k, size_t n)
{
	size_t	i;

	if ((s->n + 1) * 2 > s->cap)
		grow(s);
	i = find(s, k, n);
	if (s->slot[i] != NULL)
		return 0;
	s->slot[i] = xstrndup(k, n);
	s->n++;
	return 1;
}

int
strset_has(const struct strset *s, const char *k, size_t n)
{
	return s->slot[find(s, k, n)] != NULL;
}

size_t
strset_count(const struct strset *s)
{
	return s->n;
}
