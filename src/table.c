/*
 * table.c: GFM tables.  A table whose columns fit the page side by side
 * is a .Bl -column list with each column as wide as its longest cell,
 * so that no cell needs to wrap (groff's -column cannot wrap a cell).
 * A wider one is written row by row: the first cell as the tag of a
 * .Bl -tag item, each other cell on a line of its own after the name
 * of its column.
 *
 * Before cmark-gfm parses the page, a table of more than MAXCOLS
 * columns is made text (its parser takes time that grows faster than
 * the number of columns); a row with more cells than the table has
 * columns keeps the extra cells in its last one.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#include "md2mdoc.h"
#include "convert.h"

#define	MAXCOLS		64	/* more columns than this: not a table */
#define	PAGEWIDTH	77	/* of a terminal page, less one for safety */
#define	INDENT		5	/* of a section's text */
#define	LISTINDENT	6	/* each list or block quote around it */
#define	COLGAP		4	/* between columns, as groff lays them out */

/* ---- before the parse ---- */

/* Cells of a delimiter row such as |---|:---:|, or 0 if it is none. */
static size_t
delim_cells(const char *s, size_t n)
{
	size_t	i, cells, dashes;
	int	pipes;

	i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= 4)
		return 0;		/* indented code */
	cells = dashes = 0;
	pipes = 0;
	if (i < n && s[i] == '|')
		i++, pipes = 1;
	for (;;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == ':')
			i++;
		for (dashes = 0; i < n && s[i] == '-'; i++)
			dashes++;
		if (i < n && s[i] == ':')
			i++;
		while (i < n && s[i] == ' ')
			i++;
		if (dashes == 0)
			return i == n && cells > 0 && pipes ? cells : 0;
		cells++;
		if (i == n)
			return pipes ? cells : 0;
		if (s[i] != '|')
			return 0;
		i++, pipes = 1;
	}
}

/*
 * A copy of the body in which every delimiter row of more than MAXCOLS
 * cells starts with an escaped dash, so that cmark-gfm sees text; NULL
 * if there is none.  Lines in fenced code blocks are left alone.
 */
char *
table_guard(const struct page *pg, size_t *lenp)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s, *e, *end, *d;
	size_t		 n, k, cells;
	int		 line, changed;
	char		 fence;
	size_t		 fencelen;

	s = pg->body;
	end = pg->body + pg->bodylen;
	line = pg->bodyline;
	changed = 0;
	fence = 0;
	fencelen = 0;
	for (; s < end; s = e + (e < end), line++) {
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		n = (size_t)(e - s);
		for (k = 0; k < n && k < 4 && s[k] == ' '; k++)
			continue;
		if (k < 4 && k + 3 <= n && (s[k] == '`' || s[k] == '~')) {
			size_t	run;

			for (run = 0; k + run < n && s[k + run] == s[k]; run++)
				continue;
			if (fence == 0 && run >= 3) {
				fence = s[k];
				fencelen = run;
			} else if (fence == s[k] && run >= fencelen)
				fence = 0;
		}
		if (fence != 0 || (cells = delim_cells(s, n)) <= MAXCOLS) {
			buf_add(&b, s, (size_t)(e - s) + (e < end));
			continue;
		}
		msg(LVL_WARNING, pg->path, line, 1, "a table of %zu columns, "
		    "more than %d: kept as text", cells, MAXCOLS);
		d = memchr(s, '-', n);
		buf_add(&b, s, (size_t)(d - s));
		buf_addc(&b, '\\');
		buf_add(&b, d, (size_t)(e - d) + (e < end));
		changed = 1;
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	*lenp = b.len;
	buf_adds(&b, "");
	return buf_take(&b);
}

/* ---- the walk ---- */

/* How wide the text of a cell is on the page, roughly but never less. */
static size_t
cell_width(cmark_node *cell)
{
	cmark_iter	*it;
	cmark_node	*x;
	size_t		 w;
	char		*t;

	t = node_text(cell);
	w = 0;
	{
		const unsigned char *p;

		/* characters, not bytes */
		for (p = (const unsigned char *)t; *p != '\0'; p++)
			if ((*p & 0xc0) != 0x80)
				w++;
	}
	free(t);
	/* code spans may print quotes around them */
	it = cmark_iter_new(cell);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		x = cmark_iter_get_node(it);
		if (cmark_node_get_type(x) == CMARK_NODE_CODE)
			w += 2;
	}
	cmark_iter_free(it);
	return w;
}

void
table_enter(struct convert *c, cmark_node *n)
{
	struct buf	 b = { NULL, 0, 0 };
	cmark_node	*row, *cell;
	size_t		*w, ncol, i, total, room;
	int		 line;

	line = srcline(c, n);
	ncol = cmark_gfm_extensions_get_table_columns(n);
	w = xcalloc(ncol + 1, sizeof(*w));
	for (row = cmark_node_first_child(n); row != NULL;
	    row = cmark_node_next(row))
		for (i = 0, cell = cmark_node_first_child(row);
		    cell != NULL && i < ncol; cell = cmark_node_next(cell),
		    i++)
			if (cell_width(cell) > w[i])
				w[i] = cell_width(cell);
	total = 0;
	for (i = 0; i < ncol; i++) {
		if (w[i] < 2)
			w[i] = 2;
		total += w[i] + (i > 0 ? COLGAP : 0);
	}
	room = PAGEWIDTH - INDENT - LISTINDENT * (size_t)c->depth;
	c->need_par = 0;
	c->rowwise = total > room;
	c->ncols = ncol;
	if (c->rowwise) {
		emit_line(out(c, line), line, srccol(n), ".Bl -tag -width Ds");
		free(w);
		return;
	}
	buf_adds(&b, ".Bl -column");
	for (i = 0; i < ncol; i++) {
		buf_addc(&b, ' ');
		while (w[i]-- > 0)
			buf_addc(&b, 'x');
	}
	free(w);
	olines_add(out(c, line), buf_take(&b), line, srccol(n));
}

void
table_row_enter(struct convert *c, cmark_node *n)
{
	toks_clear(&c->toks);
	c->in_header_row = cmark_gfm_extensions_get_table_row_is_header(n);
	c->cells = 0;
	c->pline = srcline(c, n);
	c->pbreaks = 0;
}

void
table_cell_enter(struct convert *c, cmark_node *n)
{
	if (c->cells++ > 0)
		toks_add(&c->toks, TK_MACRO, 1, FONT_NONE, srcline(c, n),
		    srccol(n), xstrdup("Ta"));
	c->space = 1;
	c->sy = c->in_header_row;
	c->em = 0;
}

/*
 * The start of a line of the body (1 is its first), or NULL.  Rows come
 * in order, so each search goes on from the last one.
 */
static const char *
body_line(struct convert *c, int line)
{
	if (c->rowline == 0 || line < c->rowline) {
		c->rowline = 1;
		c->rowptr = c->pg->body;
	}
	while (c->rowptr != NULL && c->rowline < line)
		if ((c->rowptr = strchr(c->rowptr, '\n')) != NULL) {
			c->rowptr++;
			c->rowline++;
		}
	return c->rowptr;
}

/*
 * The cells of the row's source line beyond the table's columns (the
 * parser drops them), added to the last cell.
 */
static void
extra_cells(struct convert *c, cmark_node *row)
{
	const char	*s, *e, *p, *start;
	size_t		 cells, k;
	int		 lead;

	if ((s = body_line(c, cmark_node_get_start_line(row))) == NULL)
		return;
	e = s + strcspn(s, "\n");
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	lead = s < e && *s == '|';
	if (lead)
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e > s && e[-1] == '|' && (e - 1 == s || e[-2] != '\\'))
		e--;
	/* cells start after each unescaped | */
	for (cells = 1, p = s; p < e; p++)
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == '|')
			cells++;
	if (cells <= c->ncols)
		return;
	msg(LVL_WARNING, c->pg->path, srcline(c, row), 1, "a table row of "
	    "%zu cells in a table of %zu columns: the last %zu kept in the "
	    "last column", cells, c->ncols, cells - c->ncols);
	for (k = 1, p = s; p < e && k <= c->ncols; p++)
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == '|')
			k++;
	for (start = p; ; p++) {
		if (p < e && *p == '\\' && p + 1 < e) {
			p++;
			continue;
		}
		if (p < e && *p != '|')
			continue;
		toks_add(&c->toks, TK_WORD, 1, FONT_NONE, srcline(c, row), 1,
		    xstrdup("|"));
		c->space = 1;
		split_text(&c->toks, start, (size_t)(p - start),
		    srcline(c, row), 1, FONT_NONE, &c->space);
		if (p >= e)
			break;
		start = p + 1;
	}
}

/* The tokens from i on up to the next .Ta (or the end). */
static size_t
cell_end(const struct toks *t, size_t i)
{
	for (; i < t->n; i++)
		if (t->v[i].type == TK_MACRO && strcmp(t->v[i].s, "Ta") == 0)
			break;
	return i;
}

static void
cell_copy(struct toks *dst, const struct toks *src, size_t a, size_t b)
{
	for (; a < b; a++)
		toks_add(dst, src->v[a].type, src->v[a].space, src->v[a].font,
		    src->v[a].line, src->v[a].col, xstrdup(src->v[a].s));
}

void
table_row_exit(struct convert *c, cmark_node *n)
{
	struct toks	 one = { NULL, 0, 0 };
	struct olines	*o;
	size_t		 a, b, col, k;
	int		 line, body;

	line = srcline(c, n);
	extra_cells(c, n);
	if (in_section(c, RANK_SEEALSO))
		c->see_only_refs = 0;
	o = out(c, 0);
	if (!c->rowwise) {
		if (c->toks.n == 0)	/* an empty row of one column */
			emit_line(o, line, 1, ".It \\&");
		else
			emit_onto(o, "It", &c->toks, line, 1);
		toks_clear(&c->toks);
		return;
	}
	if (c->in_header_row) {
		/*
		 * The first column's name heads the tags; the others are
		 * kept for the rows below.
		 */
		b = cell_end(&c->toks, 0);
		cell_copy(&one, &c->toks, 0, b);
		if (one.n > 0)
			emit_onto(o, "It", &one, line, 1);
		toks_clear(&one);
		strlist_free(&c->colnames);
		for (a = 0; a <= c->toks.n; a = b + 1) {
			b = cell_end(&c->toks, a);
			toks_clear(&one);
			cell_copy(&one, &c->toks, a, b);
			for (k = 0; k < one.n; k++)
				one.v[k].font = FONT_NONE;
			{
				char *t = toks_plain(&one, 0);
				strlist_add(&c->colnames, t);
				free(t);
			}
		}
		toks_clear(&one);
		free(one.v);
		toks_clear(&c->toks);
		return;
	}
	b = cell_end(&c->toks, 0);
	cell_copy(&one, &c->toks, 0, b);
	if (one.n == 0)		/* an empty first cell: an empty tag */
		emit_line(o, line, 1, ".It \\&");
	else
		emit_onto(o, "It", &one, line, 1);
	body = 0;
	for (col = 1, a = b + 1; a <= c->toks.n; a = b + 1, col++) {
		b = cell_end(&c->toks, a);
		toks_clear(&one);
		if (col < c->colnames.n && c->colnames.v[col][0] != '\0') {
			char *label = xmalloc(strlen(c->colnames.v[col]) + 2);

			strcpy(label, c->colnames.v[col]);
			strcat(label, ":");
			toks_add(&one, TK_WORD, 0, FONT_EM, line, 1, label);
		}
		cell_copy(&one, &c->toks, a, b);
		if (one.n == 0)
			continue;
		if (body++ > 0)
			emit_line(o, line, 1, ".br");
		emit_para(o, &one);
	}
	toks_clear(&one);
	free(one.v);
	toks_clear(&c->toks);
}

void
table_exit(struct convert *c, cmark_node *n)
{
	emit_line(out(c, 0), srcline(c, n), 1, ".El");
	strlist_free(&c->colnames);
	c->rowwise = 0;
	c->need_par = 1;
	if (in_section(c, RANK_SEEALSO))
		c->see_only_refs = 0;
}
