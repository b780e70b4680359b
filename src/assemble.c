/*
 * assemble.c: the page around the body.  Sections are collected while
 * the tree is walked and put in mdoc's order here; the prologue and
 * NAME come from the page's front matter, FILES from its sources, and
 * SEE ALSO is sorted as mandoc wants it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "md2mdoc.h"
#include "manual.h"
#include "srcindex.h"
#include "convert.h"

/* mdoc's section order (mdoc_validate.c); custom sections go at 4. */
static const char *const stdsecs[NRANKS + 1] = {
	"NAME", "LIBRARY", "SYNOPSIS", "DESCRIPTION", "", "CONTEXT",
	"IMPLEMENTATION NOTES", "RETURN VALUES", "ENVIRONMENT", "FILES",
	"EXIT STATUS", "EXAMPLES", "DIAGNOSTICS", "COMPATIBILITY", "ERRORS",
	"SEE ALSO", "STANDARDS", "HISTORY", "AUTHORS", "CAVEATS", "BUGS",
	"SECURITY CONSIDERATIONS", NULL
};
static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};


int
section_rank(const char *title)
{
	int	i;

	for (i = 0; stdsecs[i] != NULL; i++)
		if (strcmp(stdsecs[i], title) == 0 && i != RANK_CUSTOM)
			return i;
	return RANK_CUSTOM;
}

/*
 * mandoc suspects a misspelt standard section when a custom title of
 * text alone can be walked into a standard one, left to right, with at most
 * three single edits (a changed, swapped, inserted or dropped letter,
 * each decided by the next letter only).  Such a title is written with
 * a second, empty argument, which tells mandoc it is meant as written.
 */
static int
near(const char *a, const char *b)
{
	int	edits;

	for (edits = 0; *a != '\0' && *b != '\0'; ) {
		if (*a == *b) {
			a++, b++;
			continue;
		}
		if (++edits > 3)
			return 0;
		if (a[1] == b[1])
			a++, b++;		/* changed */
		else if (a[0] == b[1] && a[1] == b[0])
			a += 2, b += 2;		/* swapped */
		else if (a[0] == b[1])
			b++;			/* one inserted */
		else if (a[1] == b[0])
			a++;			/* one dropped */
		else
			return 0;
	}
	return edits + strlen(a) + strlen(b) <= 3;
}

int
section_typo(const char *t)
{
	size_t	k;

	if (*t == '\0')
		return 0;
	for (k = 0; stdsecs[k] != NULL; k++)
		if (stdsecs[k][0] != '\0' && strcmp(t, stdsecs[k]) != 0 &&
		    near(t, stdsecs[k]))
			return 1;
	return 0;
}

/* A standard section the page has, or NULL (custom ones may repeat). */
struct section *
section_find(struct convert *c, const char *title)
{
	int	rank;

	rank = section_rank(title);
	if (rank == RANK_CUSTOM || c->stdsec[rank] == 0)
		return NULL;
	return &c->secs[c->stdsec[rank] - 1];
}

struct section *
section_new(struct convert *c, const char *title)
{
	struct section	*s;
	size_t		 off;

	off = c->cur != NULL ? (size_t)(c->cur - c->secs) : 0;
	c->secs = xgrow(c->secs, &c->seccap, c->nsecs, sizeof(*c->secs));
	if (c->cur != NULL)
		c->cur = c->secs + off;
	s = &c->secs[c->nsecs++];
	memset(s, 0, sizeof(*s));
	s->title = xstrdup(title);
	s->rank = section_rank(title);
	if (s->rank != RANK_CUSTOM && c->stdsec[s->rank] == 0)
		c->stdsec[s->rank] = c->nsecs;
	return s;
}

/* Text before the first ## heading belongs to DESCRIPTION. */
struct olines *
out(struct convert *c, int line)
{
	if (c->cur == NULL) {
		if ((c->cur = section_find(c, "DESCRIPTION")) == NULL) {
			c->cur = section_new(c, "DESCRIPTION");
			emit_line(&c->cur->lines, line, 1, ".Sh DESCRIPTION");
		}
	}
	return &c->cur->lines;
}

void
paragraph_break(struct convert *c, int line)
{
	struct olines	*o;

	o = out(c, line);
	/* never right after a heading: there a paragraph starts anyway */
	if (c->need_par && o->n > 0 && strncmp(o->v[o->n - 1].s, ".Sh ", 4) &&
	    strncmp(o->v[o->n - 1].s, ".Ss ", 4))
		emit_line(o, line, 1, ".Pp");
	c->need_par = 0;
}

/*
 * A list or quote ends: a paragraph break that nothing followed (a
 * block that wrote nothing) would be the last thing in the list, which
 * mandoc moves out of it with a warning.  Drop it.
 */
void
container_end(struct convert *c)
{
	struct olines	*o;

	o = out(c, 0);
	if (o->n > 0 && strcmp(o->v[o->n - 1].s, ".Pp") == 0) {
		free(o->v[o->n - 1].s);
		o->n--;
	}
}

int
in_section(struct convert *c, int rank)
{
	return c->cur != NULL && c->cur->rank == rank;
}

static void
xref_add(struct convert *c, const char *name, const char *sec)
{
	struct buf	key = { NULL, 0, 0 };
	int		new;

	if (strcmp(name, c->pg->name) == 0 && sec[0] - '0' ==
	    c->pg->section && sec[1] == '\0')
		return;		/* no self-reference */
	buf_adds(&key, name);
	buf_addc(&key, '\037');
	buf_adds(&key, sec);
	if (c->xrefset == NULL)
		c->xrefset = strset_new();
	new = strset_add(c->xrefset, key.p, key.len);
	buf_free(&key);
	if (!new)
		return;
	c->xrefs = xgrow(c->xrefs, &c->xrefcap, c->nxrefs, sizeof(*c->xrefs));
	c->xrefs[c->nxrefs].name = xstrdup(name);
	c->xrefs[c->nxrefs].sec = xstrdup(sec);
	c->nxrefs++;
}

/* In SEE ALSO, keep the references; note anything that is not one. */
void
seealso_scan(struct convert *c, const struct toks *ts)
{
	const char	*s;
	char		**w;
	size_t		 i, k, n;

	for (i = 0; i < ts->n; i++) {
		s = ts->v[i].s;
		if (ts->v[i].type == TK_MACRO && strncmp(s, "Xr ", 3) == 0) {
			n = mc_split(s, &w);
			if (n == 3)
				xref_add(c, w[1], w[2]);
			else
				c->see_only_refs = 0;
			for (k = 0; k < n; k++)
				free(w[k]);
			free(w);
		} else if (ts->v[i].type == TK_DELIM ||
		    (ts->v[i].type == TK_WORD && (strcmp(s, "and") == 0 ||
		    strspn(s, ",;.-") == strlen(s))))
			continue;
		else
			c->see_only_refs = 0;
	}
}

/* An .Xr of a SEE ALSO paragraph, split once for sorting. */
struct xrkey {
	char	**w;
	size_t	  n;
	size_t	  pos;		/* where it was: equal keys keep their order */
	char	 *s;
};

/* Section, then name: the order mandoc wants in SEE ALSO. */
static int
xr_order(const void *a, const void *b)
{
	const struct xrkey	*x = a, *y = b;
	int			 r;

	r = x->n < 3 || y->n < 3 ? 0 : strcmp(x->w[2], y->w[2]);
	if (r == 0 && x->n >= 3 && y->n >= 3)
		r = strcasecmp(x->w[1], y->w[1]);
	if (r == 0)
		r = x->pos < y->pos ? -1 : x->pos > y->pos;
	return r;
}

static int
has_letter(const char *s)
{
	for (; *s != '\0'; s++)
		if (isalpha((unsigned char)*s))
			return 1;
	return 0;
}

/*
 * A SEE ALSO that is not only references keeps its text, but mandoc
 * still checks the references it starts with: in order, separated by
 * commas, with no punctuation after the last one at the end of the
 * paragraph.  Give that leading run the shape the sorted list has.
 */
void
seealso_lead(struct convert *c, struct toks *ts)
{
	struct xrkey	*keys;
	size_t		 i, k, n, last;

	if (c->cur == NULL || c->cur->lines.n != 1)
		return;		/* not the section's first paragraph */
	/*
	 * As mandoc reads it, any text without a letter that is not glued
	 * on (with Ns) separates two references.
	 */
	for (n = 0; n < ts->n; n++) {
		if (n % 2 == 0 ? ts->v[n].type != TK_MACRO ||
		    strncmp(ts->v[n].s, "Xr ", 3) != 0 :
		    ts->v[n].type != TK_DELIM && (ts->v[n].type != TK_WORD ||
		    !ts->v[n].space || has_letter(ts->v[n].s)))
			break;
	}
	last = n % 2 == 0 ? n - 1 : n;	/* past the run's last .Xr */
	if (n == 0)
		return;
	/* a stable sort of the .Xr strings, commas between them */
	keys = xcalloc((last + 1) / 2, sizeof(*keys));
	for (i = 0; i < last; i += 2) {
		keys[i / 2].n = mc_split(ts->v[i].s, &keys[i / 2].w);
		keys[i / 2].pos = i / 2;
		keys[i / 2].s = ts->v[i].s;
	}
	qsort(keys, (last + 1) / 2, sizeof(*keys), xr_order);
	for (i = 0; i < last; i += 2) {
		ts->v[i].s = keys[i / 2].s;
		for (k = 0; k < keys[i / 2].n; k++)
			free(keys[i / 2].w[k]);
		free(keys[i / 2].w);
	}
	free(keys);
	for (i = 1; i < last; i += 2) {
		free(ts->v[i].s);
		ts->v[i].s = xstrdup(",");
		ts->v[i].type = TK_DELIM;	/* on the .Xr line */
		ts->v[i].space = 0;
	}
	/*
	 * A separator that ends the paragraph after the last one goes (n
	 * even: the run ended with one; n odd, it ended at other text).
	 */
	if (n % 2 == 0 && last + 1 == ts->n)
		toks_truncate(ts, last);
}

static int
xref_cmp(const void *a, const void *b)
{
	const struct xref	*x = a, *y = b;
	int			 r;

	if ((r = strcmp(x->sec, y->sec)) != 0)
		return r;
	if ((r = strcasecmp(x->name, y->name)) != 0)
		return r;
	return strcmp(x->name, y->name);
}

void
seealso_finish(struct convert *c)
{
	struct section	*s;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	int		 line;

	if ((s = section_find(c, "SEE ALSO")) == NULL || !c->see_only_refs ||
	    c->nxrefs == 0)
		return;
	line = s->lines.n > 0 ? s->lines.v[0].line : 0;
	olines_free(&s->lines);
	emit_line(&s->lines, line, 1, ".Sh SEE ALSO");
	qsort(c->xrefs, c->nxrefs, sizeof(*c->xrefs), xref_cmp);
	for (i = 0; i < c->nxrefs; i++) {
		buf_adds(&b, ".Xr");
		mc_arg(&b, c->xrefs[i].name);
		mc_arg(&b, c->xrefs[i].sec);
		if (i + 1 < c->nxrefs)
			buf_adds(&b, " ,");
		olines_add(&s->lines, buf_take(&b), line, 1);
	}
}

void
prologue(struct convert *c, struct olines *o)
{
	struct page	*pg;
	struct buf	 b = { NULL, 0, 0 };
	char		*up;
	size_t		 i;

	pg = c->pg;
	emit_line(o, 1, 1, ".Dd %s %d, %d", months[pg->month - 1], pg->day,
	    pg->year);
	up = xstrdup(pg->name);
	upcase(up);
	buf_adds(&b, ".Dt");
	mc_arg(&b, up);
	buf_printf(&b, " %d", pg->section);
	olines_add(o, buf_take(&b), 1, 1);
	free(up);
	if (pg->os != NULL) {
		/* another tool's header and footer: the page footer */
		buf_adds(&b, ".Os");
		emit_text_arg(&b, pg->os, strlen(pg->os));
		mc_enddelim(&b);
		olines_add(o, buf_take(&b), 1, 1);
	} else
		emit_line(o, 1, 1, ".Os");
	emit_line(o, 1, 1, ".Sh NAME");
	for (i = 0; i <= pg->names.n; i++) {
		buf_adds(&b, ".Nm");
		mc_arg(&b, i == 0 ? pg->name : pg->names.v[i - 1]);
		mc_enddelim(&b);
		if (i < pg->names.n)
			buf_adds(&b, " ,");
		olines_add(o, buf_take(&b), 1, 1);
	}
	/* plain words only: makewhatis takes .Nd text as it stands */
	buf_adds(&b, ".Nd");
	emit_text_arg(&b, pg->description, strlen(pg->description));
	mc_enddelim(&b);
	olines_add(o, buf_take(&b), 1, 1);
}

void
files_section(struct convert *c)
{
	struct section	*s;
	struct olines	 list = { NULL, 0, 0 };
	size_t		 i;
	int		 line;

	if (c->pg->sources.n == 0)
		return;
	line = c->pg->sources_line;
	if ((s = section_find(c, "FILES")) == NULL) {
		s = section_new(c, "FILES");
		emit_line(&s->lines, line, 1, ".Sh FILES");
	}
	emit_line(&list, line, 1, ".Bl -item -compact");
	for (i = 0; i < c->pg->sources.n; i++) {
		emit_line(&list, line, 1, ".It");
		emit_macro(&list, line, 1, "Pa", c->pg->sources.v[i]);
		if (c->opt->manual != NULL)
			manual_ref(c->opt->manual, c->pg, "Pa",
			    c->pg->sources.v[i], line, 1);
	}
	emit_line(&list, line, 1, ".El");
	/* the list goes right after .Sh FILES, before the author's text */
	if (s->lines.n > 1)
		emit_line(&list, line, 1, ".Pp");
	{
		struct olines	rest = { NULL, 0, 0 };

		for (i = 1; i < s->lines.n; i++)
			olines_add(&rest, s->lines.v[i].s, s->lines.v[i].line,
			    s->lines.v[i].col);
		s->lines.n = 1;
		olines_append(&s->lines, &list);
		olines_append(&s->lines, &rest);
	}
}

/* The authors of another tool's title block: AUTHORS, after any text. */
void
authors_section(struct convert *c)
{
	struct section	*s;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	if (c->pg->authors.n == 0)
		return;
	if ((s = section_find(c, "AUTHORS")) == NULL) {
		s = section_new(c, "AUTHORS");
		emit_line(&s->lines, 1, 1, ".Sh AUTHORS");
	} else
		emit_line(&s->lines, 1, 1, ".Pp");
	/* the names run on as text, not one a line */
	emit_line(&s->lines, 1, 1, ".An -nosplit");
	for (i = 0; i < c->pg->authors.n; i++) {
		buf_adds(&b, ".An");
		emit_text_arg(&b, c->pg->authors.v[i],
		    strlen(c->pg->authors.v[i]));
		mc_enddelim(&b);
		if (i + 2 < c->pg->authors.n)
			buf_adds(&b, " ,");
		else if (i + 2 == c->pg->authors.n)
			buf_adds(&b, " and");
		olines_add(&s->lines, buf_take(&b), 1, 1);
	}
}

static int
sec_cmp(const void *a, const void *b)
{
	const struct section	*x = a, *y = b;

	return x->rank - y->rank;
}

/* Put the sections in order: a stable sort by rank. */
void
assemble(struct convert *c, struct olines *o)
{
	size_t	i, j;

	for (i = 1; i < c->nsecs; i++)
		for (j = i; j > 0 && sec_cmp(&c->secs[j - 1],
		    &c->secs[j]) > 0; j--) {
			struct section tmp = c->secs[j];
			c->secs[j] = c->secs[j - 1];
			c->secs[j - 1] = tmp;
		}
	for (i = 0; i < c->nsecs; i++) {
		olines_append(o, &c->secs[i].lines);
		olines_free(&c->secs[i].lines);
		free(c->secs[i].title);
	}
}

/* Record the semantic references for the whole-set checks. */
void
note_refs(struct convert *c, const struct olines *o)
{
	size_t	i;

	if (c->opt->manual == NULL)
		return;
	for (i = 0; i < o->n; i++)
		manual_line(c->opt->manual, c->pg, o->v[i].s, o->v[i].line,
		    o->v[i].col);
}
