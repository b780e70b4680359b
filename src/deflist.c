/*
 * deflist.c: definition lists, found in the tree before the walk and
 * marked so that the walk writes them as .Bl -tag lists.  The forms:
 *
 *	- `term` - text		a bullet list whose every item starts with
 *	- **term**: text	code or strong text (maybe several, with
 *	- `-o` <file>: text	commas, = and arguments between them) and
 *				a separator: " - ", " -- ", a dash, ":"
 *	term			pandoc: a paragraph whose second line starts
 *	:   text		with ": " (or a paragraph of just ": text"
 *				after one of just the term)
 *	**-a**, **--all**	command pages (sections 1, 6, 8): a paragraph
 *	    text		that starts with an option, its description
 *				on the next lines or in the paragraphs after
 *	#### **--all**		command pages: a heading that starts with an
 *				option, the blocks up to the next heading
 *
 * Marks (cmark user data): the list and its items, the text node whose
 * leading separator ends the term (dl_sep), or the line break that ends
 * it (dl_end); in an option's term, emphasis is an argument (dl_arg).
 * Strong text that is an option becomes a code span, which inline.c
 * already writes as .Fl.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>

#include "md2mdoc.h"
#include "convert.h"

const char	 dl_list[] = "list", dl_item[] = "item", dl_sep[] = "sep",
		 dl_end[] = "end", dl_arg[] = "arg";

static int
marked(cmark_node *n, const char *m)
{
	return n != NULL && cmark_node_get_user_data(n) == (void *)m;
}

int
dl_marked(cmark_node *n, const char *m)
{
	return marked(n, m);
}

/* Does the text start with a separator?  Its length, or 0. */
size_t
sep_len(const char *s)
{
	if (strncmp(s, " - ", 3) == 0)
		return 3;
	if (strncmp(s, " -- ", 4) == 0)
		return 4;
	if (strncmp(s, " \xe2\x80\x94 ", 5) == 0 ||
	    strncmp(s, " \xe2\x80\x93 ", 5) == 0)
		return 5;
	if (s[0] == ':' && (s[1] == ' ' || s[1] == '\0'))
		return s[1] == ' ' ? 2 : 1;
	return 0;
}

static int
is_type(cmark_node *n, cmark_node_type t)
{
	return n != NULL && cmark_node_get_type(n) == t;
}

/* The plain text of an inline node and its children. */
static char *
inline_text(cmark_node *n)
{
	return node_text(n);
}

/* -a, --all, -o: an option as a term starts with one */
static int
is_option(const char *s)
{
	if (s[0] != '-')
		return 0;
	if (s[1] == '-')
		s++;
	return isalnum((unsigned char)s[1]);
}

/* Text between the parts of a term: commas, =, |, brackets, blanks. */
static int
term_glue(const char *s)
{
	if (*s == '\0')
		return 0;
	return strspn(s, " ,=|[]") == strlen(s) ||
	    strcmp(s, " or ") == 0 || strcmp(s, ", ") == 0;
}

/* May this inline be part of a term? */
static int
term_part(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_CODE:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	case CMARK_NODE_TEXT:
		return term_glue(cmark_node_get_literal(n));
	default:
		return 0;
	}
}

/* A new code span before n. */
static void
code_before(cmark_node *n, const char *s, size_t len)
{
	cmark_node	*code;
	char		*t;

	t = xstrndup(s, len);
	code = cmark_node_new(CMARK_NODE_CODE);
	cmark_node_set_literal(code, t);
	cmark_node_insert_before(n, code);
	free(t);
}

/*
 * Options written as plain text in a term ("-v, --verbose") become code
 * spans, which inline.c writes as .Fl: the text node is cut around them.
 */
static void
text_options(cmark_node *n)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s, *p;
	cmark_node	*t;
	size_t		 w;

	s = cmark_node_get_literal(n);
	for (p = s; *p != '\0'; ) {
		w = 0;
		if ((p == s || strchr(" ,[|", p[-1]) != NULL) && *p == '-')
			w = strcspn(p, " ,=[]|");
		if (w > 1 && is_option(p)) {
			if (b.len > 0) {
				t = cmark_node_new(CMARK_NODE_TEXT);
				buf_adds(&b, "");
				cmark_node_set_literal(t, b.p);
				cmark_node_insert_before(n, t);
				b.len = 0;
			}
			code_before(n, p, w);
			p += w;
		} else
			buf_addc(&b, *p++);
	}
	buf_adds(&b, "");
	if (strcmp(b.p, s) != 0) {
		if (b.len > 0)
			cmark_node_set_literal(n, b.p);
		else {
			cmark_node_unlink(n);
			cmark_node_free(n);
		}
	}
	buf_free(&b);
}

/*
 * In a term, strong text that is an option becomes a code span, and so
 * do options in plain text; emphasis is an argument.
 */
static void
term_markup(cmark_node *first, cmark_node *stop)
{
	cmark_node	*n, *next, *code;
	char		*t;

	for (n = first; n != NULL && n != stop; n = next) {
		next = cmark_node_next(n);
		if (is_type(n, CMARK_NODE_TEXT) && !marked(n, dl_sep)) {
			text_options(n);
			continue;
		}
		if (is_type(n, CMARK_NODE_EMPH))
			cmark_node_set_user_data(n, (void *)dl_arg);
		if (!is_type(n, CMARK_NODE_STRONG))
			continue;
		t = inline_text(n);
		if (is_option(t) && strchr(t, ' ') == NULL) {
			code = cmark_node_new(CMARK_NODE_CODE);
			cmark_node_set_literal(code, t);
			cmark_node_insert_before(n, code);
			cmark_node_unlink(n);
			cmark_node_free(n);
		}
		free(t);
	}
}

/*
 * A bullet item in the first form?  Only with apply set is it marked
 * (and its term's options made code spans): the whole list must pass
 * first.  A separator inside a text node of the term's words (`-o`
 * FILE: text) is then split off into a node of its own.
 */
static int
bullet_item(cmark_node *item, int apply)
{
	cmark_node	*p, *n, *pre;
	const char	*lit;
	char		*head;
	size_t		 k;

	p = cmark_node_first_child(item);
	if (!is_type(p, CMARK_NODE_PARAGRAPH))
		return 0;
	n = cmark_node_first_child(p);
	if (!is_type(n, CMARK_NODE_CODE) && !is_type(n, CMARK_NODE_STRONG))
		return 0;
	for (n = cmark_node_next(n); n != NULL; n = cmark_node_next(n)) {
		if (is_type(n, CMARK_NODE_TEXT)) {
			lit = cmark_node_get_literal(n);
			if (sep_len(lit) > 0)
				break;
			/* a few words, then the separator */
			for (k = 0; lit[k] != '\0' && lit[k] != '.' &&
			    sep_len(lit + k) == 0; k++)
				continue;
			if (lit[k] != '\0' && lit[k] != '.' && k < 24 &&
			    k > 0) {
				if (!apply)
					break;
				head = xstrndup(lit, k);
				pre = cmark_node_new(CMARK_NODE_TEXT);
				cmark_node_set_literal(pre, head);
				free(head);
				cmark_node_insert_before(n, pre);
				head = xstrdup(lit + k);
				cmark_node_set_literal(n, head);
				free(head);
				break;
			}
		}
		if (!term_part(n))
			return 0;
	}
	if (n == NULL)
		return 0;
	if (apply) {
		cmark_node_set_user_data(n, (void *)dl_sep);
		cmark_node_set_user_data(item, (void *)dl_item);
		term_markup(cmark_node_first_child(p), n);
	}
	return 1;
}

static void
bullet_list(cmark_node *list)
{
	cmark_node	*it;

	if (cmark_node_get_list_type(list) != CMARK_BULLET_LIST ||
	    cmark_node_first_child(list) == NULL)
		return;
	for (it = cmark_node_first_child(list); it != NULL;
	    it = cmark_node_next(it))
		if (!bullet_item(it, 0))
			return;		/* not every item: a plain list */
	for (it = cmark_node_first_child(list); it != NULL;
	    it = cmark_node_next(it))
		(void)bullet_item(it, 1);
	cmark_node_set_user_data(list, (void *)dl_list);
}

/* The first line break of a paragraph, or NULL. */
static cmark_node *
first_break(cmark_node *p)
{
	cmark_node	*n;

	for (n = cmark_node_first_child(p); n != NULL; n = cmark_node_next(n))
		if (is_type(n, CMARK_NODE_SOFTBREAK) ||
		    is_type(n, CMARK_NODE_LINEBREAK))
			return n;
	return NULL;
}

/* pandoc: is this a text node that starts a definition (": text")? */
static int
colon_def(cmark_node *n)
{
	const char	*lit;

	if (!is_type(n, CMARK_NODE_TEXT))
		return 0;
	lit = cmark_node_get_literal(n);
	return lit[0] == ':' && (lit[1] == ' ' || lit[1] == '\t');
}

/* A term's first line holds only term parts. */
static int
term_line(cmark_node *p, cmark_node *brk, int option)
{
	cmark_node	*n;
	char		*t;
	int		 ok;

	n = cmark_node_first_child(p);
	if (n == NULL || n == brk)
		return 0;
	if (option) {
		t = inline_text(n);
		ok = is_option(t);
		free(t);
		if (!ok)
			return 0;
		for (; n != NULL && n != brk; n = cmark_node_next(n))
			if (!term_part(n) && !is_type(n, CMARK_NODE_TEXT))
				return 0;
	}
	return 1;
}

/* A new definition list, put where n is. */
static cmark_node *
new_list(cmark_node *n)
{
	cmark_node	*l;

	l = cmark_node_new(CMARK_NODE_LIST);
	cmark_node_set_list_type(l, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(l, 0);
	cmark_node_set_user_data(l, (void *)dl_list);
	cmark_node_insert_before(n, l);
	return l;
}

static cmark_node *
new_item(cmark_node *list, cmark_node *first)
{
	cmark_node	*it;

	it = cmark_node_new(CMARK_NODE_ITEM);
	cmark_node_set_user_data(it, (void *)dl_item);
	cmark_node_append_child(list, it);
	cmark_node_unlink(first);
	cmark_node_append_child(it, first);
	return it;
}

static void
move_into(cmark_node *it, cmark_node *n)
{
	cmark_node_unlink(n);
	cmark_node_append_child(it, n);
}

/*
 * A paragraph that is the term of a definition: pandoc's "term" and
 * ": text" on the next line, or (in command pages) one that starts
 * with an option.  Returns what ends the term, marked, or NULL.
 */
static cmark_node *
para_term(cmark_node *p, int command, int *described)
{
	cmark_node	*brk, *next;

	brk = first_break(p);
	next = brk != NULL ? cmark_node_next(brk) : NULL;
	*described = 0;
	if (brk != NULL && colon_def(next) && term_line(p, brk, 0)) {
		cmark_node_set_user_data(next, (void *)dl_sep);
		term_markup(cmark_node_first_child(p), brk);
		*described = 1;
		return next;
	}
	if (!command || !term_line(p, brk, 1))
		return NULL;
	term_markup(cmark_node_first_child(p), brk);
	if (brk == NULL) {
		/* the paragraph is the term; mark its end */
		return p;
	}
	cmark_node_set_user_data(brk, (void *)dl_end);
	*described = 1;
	return brk;
}

/* A heading that starts with an option (command pages). */
static int
option_heading(cmark_node *h)
{
	cmark_node	*n;
	char		*t;
	int		 ok;

	if (cmark_node_get_heading_level(h) < 3 ||
	    (n = cmark_node_first_child(h)) == NULL)
		return 0;
	t = inline_text(n);
	ok = is_option(t);
	free(t);
	for (; ok && n != NULL; n = cmark_node_next(n))
		if (!term_part(n) && !is_type(n, CMARK_NODE_TEXT))
			ok = 0;
	return ok;
}

/* A heading that is an option's term becomes a paragraph. */
static cmark_node *
heading_para(cmark_node *h)
{
	cmark_node_set_type(h, CMARK_NODE_PARAGRAPH);
	term_markup(cmark_node_first_child(h), NULL);
	return h;
}

/*
 * The blocks of one container: find definitions and gather them into
 * lists.  Headings end a list; what a definition owns is decided by
 * its form (see the top of this file).
 */
struct work {
	cmark_node	**v;
	size_t		  n, cap;
};

static void
push(struct work *w, cmark_node *first)
{
	if (first == NULL)
		return;
	w->v = xgrow(w->v, &w->cap, w->n, sizeof(*w->v));
	w->v[w->n++] = first;
}

static void
blocks(struct work *w, cmark_node *first, int command)
{
	cmark_node	*n, *next, *list, *item, *end;
	int		 described, hlevel, indent, lvl;

	list = item = NULL;
	described = hlevel = indent = 0;
	for (n = first; n != NULL; n = next) {
		next = cmark_node_next(n);
		if (is_type(n, CMARK_NODE_LIST)) {
			/* the list first, then what its items hold */
			bullet_list(n);
			for (end = cmark_node_first_child(n); end != NULL;
			    end = cmark_node_next(end))
				push(w, marked(end, dl_item) ?
				    cmark_node_next(cmark_node_first_child(
				    end)) : cmark_node_first_child(end));
		} else if (is_type(n, CMARK_NODE_BLOCK_QUOTE))
			push(w, cmark_node_first_child(n));
		if (command && is_type(n, CMARK_NODE_HEADING) &&
		    option_heading(n)) {
			lvl = cmark_node_get_heading_level(n);
			if (list == NULL || hlevel != lvl)
				list = new_list(n);
			n = heading_para(n);
			item = new_item(list, n);
			hlevel = lvl;
			described = 0;
			continue;
		}
		if (is_type(n, CMARK_NODE_HEADING) ||
		    is_type(n, CMARK_NODE_THEMATIC_BREAK)) {
			if (hlevel == 0 ||
			    (is_type(n, CMARK_NODE_HEADING) &&
			    cmark_node_get_heading_level(n) <= hlevel))
				list = item = NULL, hlevel = 0;
			if (item != NULL)
				move_into(item, n);
			continue;
		}
		if (is_type(n, CMARK_NODE_PARAGRAPH)) {
			/* pandoc: ": text" after a paragraph of a term */
			if (item != NULL && !described &&
			    colon_def(cmark_node_first_child(n))) {
				cmark_node_set_user_data(
				    cmark_node_first_child(n), (void *)dl_sep);
				move_into(item, n);
				described = 1;
				continue;
			}
			if (!described && next != NULL &&
			    is_type(next, CMARK_NODE_PARAGRAPH) &&
			    colon_def(cmark_node_first_child(next)) &&
			    first_break(n) == NULL && hlevel == 0) {
				if (list == NULL)
					list = new_list(n);
				item = new_item(list, n);
				described = 0;
				continue;
			}
			if ((end = para_term(n, command, &described)) !=
			    NULL) {
				if (list == NULL || hlevel != 0)
					list = new_list(n);
				hlevel = 0;
				indent = cmark_node_get_start_column(n);
				item = new_item(list, n);
				continue;
			}
		}
		/* the body of the last definition, or the list ends */
		if (item != NULL && (hlevel != 0 || !described ||
		    cmark_node_get_start_column(n) > indent)) {
			move_into(item, n);
			described = 1;
		} else if (item != NULL)
			list = item = NULL;
	}
}

/*
 * Every container of blocks, the document's and those inside lists and
 * block quotes: a work list, not recursion, as nesting has no bound.
 */
void
deflist_find(cmark_node *doc, int command)
{
	struct work	w = { NULL, 0, 0 };

	push(&w, cmark_node_first_child(doc));
	while (w.n > 0)
		blocks(&w, w.v[--w.n], command);
	free(w.v);
}
