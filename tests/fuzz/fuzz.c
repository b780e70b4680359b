/*
 * The fuzzing harness: one input through the whole of md2mdoc (page
 * checks, cmark-gfm, conversion, emitter, libmandoc), then checks on
 * what came out.  Built for libFuzzer (make fuzz) and, with REPLAY
 * defined, as a plain program that runs the same checks over files
 * (make check replays the corpus that way, under ASan and UBSan).
 *
 * For every input, abort() unless:
 *  1. libmandoc reports no message at all, not even a STYLE one, for
 *     the mdoc written (md2mdoc writes a page for any input);
 *  2. every line that starts with a control character names a macro
 *     from the emitter's vocabulary (so no roff request can appear),
 *     and every escape is one the emitter writes: \& \e \~ \c, \(xx
 *     and \[uXXXX] (none reads a file, a string or a register, none
 *     changes the font);
 *  3. every word of the input's text, as cmark-gfm parses it (text,
 *     code spans and code blocks; not raw HTML or link targets),
 *     appears in the text of libmandoc's syntax tree.  Allowed for:
 *     what the SYNOPSIS leaves out of C declarations (see
 *     declarations()), and words at the edge of an inline node, which
 *     print joined to the text beside them and so may be part of a
 *     longer word.
 * Crashes, leaks and undefined behaviour are the sanitizers' part.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include <mandoc.h>
#include <roff.h>

#include "../../src/md2mdoc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define	BOUNDARY '\001'	/* in input_text(): an inline node's edge */

static FILE	*out;		/* scratch file the page is written to */

/* Macros the emitter writes at the start of a line. */
static const char *const vocabulary[] = {
	"Dd", "Dt", "Os", "Sh", "Ss", "Pp", "Bl", "El", "It", "Bd", "Ed",
	"D1", "Dl", "Nm", "Nd", "Fn", "Fo", "Fa", "Fc", "Ft", "In", "Vt",
	"Dv", "Va", "Pa", "Xr", "Fl", "Ar", "Ql", "Em", "Sy", "Lk", "Mt",
	"Dx", "Fx", "Nx", "Ox", "Bsx", "Bx", "Ux", "Op", "Ta", "Ns", "Sx",
	"No", "Li", "Cm", "Fd", "Pq", "So", "An", "br", NULL
};

static void
fail(const char *what, const char *detail, const struct olines *o)
{
	size_t	i;

	fprintf(stderr, "fuzz: %s: %s\n--- mdoc ---\n", what, detail);
	for (i = 0; o != NULL && i < o->n; i++)
		fprintf(stderr, "%s\n", o->v[i].s);
	abort();
}

static int
known_macro(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; vocabulary[i] != NULL; i++)
		if (strlen(vocabulary[i]) == n &&
		    strncmp(vocabulary[i], s, n) == 0)
			return 1;
	return 0;
}

/* Check 2: control lines and escapes. */
static void
check_lines(const struct olines *o)
{
	const char	*s, *p;
	size_t		 i, n;

	for (i = 0; i < o->n; i++) {
		s = o->v[i].s;
		if (*s == '\'')
			fail("line starts with the no-break control", s, o);
		if (*s == '.') {
			n = strcspn(s + 1, " ");
			if (!known_macro(s + 1, n))
				fail("request or unknown macro", s, o);
		}
		for (p = s; (p = strchr(p, '\\')) != NULL; ) {
			switch (p[1]) {
			case '&':
			case 'e':
			case '~':
				p += 2;
				break;
			case 'c':
				if (p[2] != '\0')
					fail("\\c not at end of line", s, o);
				p += 2;
				break;
			case '(':
				if (p[2] == '\0' || p[3] == '\0')
					fail("short \\( escape", s, o);
				p += 4;
				break;
			case '[':
				n = strspn(p + 2, "u0123456789ABCDEF");
				if (p[2] != 'u' || n < 5 || n > 7 ||
				    p[2 + n] != ']')
					fail("unexpected \\[ escape", s, o);
				p += 3 + n;
				break;
			default:
				fail("unexpected escape", s, o);
			}
		}
	}
}

/* The printable text of the syntax tree, escapes removed. */
static void
tree_text(struct buf *b, const struct roff_meta *meta,
    const struct roff_node *n)
{
	static const struct { enum roff_tok tok; const char *s; } os[] = {
		{ MDOC_Dx, "DragonFly" }, { MDOC_Fx, "FreeBSD" },
		{ MDOC_Nx, "NetBSD" }, { MDOC_Ox, "OpenBSD" },
		{ MDOC_Bsx, "BSD/OS" }, { MDOC_Bx, "BSD" },
		{ MDOC_Ux, "UNIX" }
	};
	const char	*p;
	size_t		 i;

	for (; n != NULL; n = n->next) {
		for (i = 0; i < sizeof(os) / sizeof(os[0]); i++)
			if (n->tok == os[i].tok && n->type != ROFFT_TEXT)
				buf_printf(b, " %s ", os[i].s);
		if (n->tok == MDOC_In && n->type != ROFFT_TEXT)
			buf_adds(b, " #include ");
		if (n->tok == MDOC_Nm && n->child == NULL &&
		    meta->name != NULL)
			buf_printf(b, " %s ", meta->name);
		if (n->type == ROFFT_TEXT && n->string != NULL) {
			buf_addc(b, ' ');
			for (p = n->string; *p != '\0'; p++) {
				if (*p != '\\') {
					buf_addc(b, *p);
					continue;
				}
				/*
				 * \& and \c print nothing; \e, \~, \(xx
				 * and \[name] print a character that is
				 * not an ASCII letter.
				 */
				if (p[1] == '&' || p[1] == 'c') {
					p++;
					continue;
				}
				buf_addc(b, ' ');
				if (p[1] == '(' && p[2] != '\0' &&
				    p[3] != '\0')
					p += 3;
				else if (p[1] == '[' &&
				    strchr(p, ']') != NULL)
					p = strchr(p, ']');
				else if (p[1] != '\0')
					p++;
			}
			buf_addc(b, ' ');
		}
		tree_text(b, meta, n->child);
	}
}

/* Is the text of this heading s, ignoring case? */
static int
heading_is(cmark_node *h, const char *s)
{
	struct buf	 b = { NULL, 0, 0 };
	cmark_node	*c;
	const char	*t;
	int		 yes;

	for (c = cmark_node_first_child(h); c != NULL;
	    c = cmark_node_next(c))
		if ((t = cmark_node_get_literal(c)) != NULL)
			buf_adds(&b, t);
	buf_addc(&b, '\0');
	yes = strcasecmp(b.p, s) == 0;
	buf_free(&b);
	return yes;
}

/*
 * A SYNOPSIS code block is C declarations, which md2mdoc rewrites as
 * .In/.Ft/.Fn/.Vt/.Fd: comments, storage classes and inline, and
 * attributes (__name, __name((...))) are left out by design.
 */
static void
declarations(struct buf *b, const char *s)
{
	static const char *const dropped[] = { "extern", "static", "inline",
	    NULL };
	const char	*e;
	size_t		 n, i;
	int		 depth;

	while (*s != '\0') {
		if (s[0] == '/' && s[1] == '*') {
			e = strstr(s + 2, "*/");
			s = e == NULL ? s + strlen(s) : e + 2;
		} else if (s[0] == '/' && s[1] == '/') {
			s += strcspn(s, "\n");
		} else if (isalpha((unsigned char)*s) || *s == '_') {
			n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			for (i = 0; dropped[i] != NULL; i++)
				if (strlen(dropped[i]) == n &&
				    strncmp(s, dropped[i], n) == 0)
					break;
			if (s[0] == '_' && s[1] == '_') {
				s += n;
				while (*s == ' ' || *s == '\t')
					s++;
				if (*s != '(')
					continue;
				for (depth = 0; *s != '\0'; s++) {
					if (*s == '(')
						depth++;
					else if (*s == ')' && --depth == 0) {
						s++;
						break;
					}
				}
				continue;
			}
			if (dropped[i] == NULL)
				buf_add(b, s, n);
			buf_addc(b, ' ');
			s += n;
		} else
			buf_addc(b, *s++);
	}
}

/* The text of the input as cmark-gfm sees it. */
static void
input_text(struct buf *b, const struct page *pg)
{
	static const char *const exts[] = { "table", "strikethrough",
	    "autolink", NULL };
	cmark_parser	*parser;
	cmark_node	*doc, *n;
	cmark_iter	*it;
	cmark_event_type ev;
	const char	*s;
	size_t		 i;
	int		 synopsis;

	synopsis = 0;
	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	for (i = 0; exts[i] != NULL; i++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(parser, pg->body, pg->bodylen);
	doc = cmark_parser_finish(parser);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_ENTER)
				synopsis = heading_is(n, "synopsis");
			break;
		case CMARK_NODE_CODE_BLOCK:
			if ((s = cmark_node_get_literal(n)) == NULL)
				break;
			if (synopsis)
				declarations(b, s);
			else
				buf_adds(b, s);
			buf_addc(b, ' ');
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			/*
			 * Text between inline nodes (links, emphasis,
			 * dropped inline HTML) may come out joined to
			 * its neighbours: BOUNDARY marks its ends.
			 */
			if ((s = cmark_node_get_literal(n)) != NULL) {
				buf_addc(b, BOUNDARY);
				buf_adds(b, s);
				buf_addc(b, BOUNDARY);
			}
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_ITEM:
			buf_addc(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(parser);
}

/*
 * Next word: a run of ASCII letters, lower-cased in place.  If edge is
 * not NULL, it tells whether the word touches a BOUNDARY.
 */
static char *
next_word(char **pp, int *edge)
{
	char	*p, *w;

	for (p = *pp; *p != '\0' && !isalpha((unsigned char)*p); p++)
		continue;
	if (*p == '\0')
		return NULL;
	if (edge != NULL)
		*edge = p > *pp && p[-1] == BOUNDARY;
	for (w = p; isalpha((unsigned char)*p); p++)
		*p = (char)tolower((unsigned char)*p);
	if (edge != NULL && *p == BOUNDARY)
		*edge = 1;
	if (*p != '\0')
		*p++ = '\0';
	*pp = p;
	return w;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Check 3: every input word is in the tree's text. */
static void
check_retention(const struct page *pg, const struct olines *o)
{
	struct buf	 in = { NULL, 0, 0 }, tree = { NULL, 0, 0 };
	struct roff_meta *meta;
	char		**words, *p, *w, *joined;
	size_t		 n, cap;
	int		 edge;

	if ((meta = lint_tree()) == NULL)
		fail("no syntax tree", pg->path, o);
	tree_text(&tree, meta, meta->first);
	buf_addc(&tree, '\0');
	joined = xstrdup(tree.p);
	for (p = joined; *p != '\0'; p++)
		*p = isalpha((unsigned char)*p) ?
		    (char)tolower((unsigned char)*p) : ' ';
	words = NULL;
	n = cap = 0;
	for (p = tree.p; (w = next_word(&p, NULL)) != NULL; ) {
		if (n == cap)
			words = xrealloc(words,
			    (cap = cap ? cap * 2 : 64) * sizeof(*words));
		words[n++] = w;
	}
	if (n > 0)
		qsort(words, n, sizeof(*words), cmpstr);
	input_text(&in, pg);
	buf_addc(&in, '\0');
	/*
	 * A word at an inline boundary may have been joined to the
	 * text beside it, as it prints joined: look for it inside the
	 * words of the tree then.
	 */
	for (p = in.p; (w = next_word(&p, &edge)) != NULL; )
		if ((n == 0 || bsearch(&w, words, n, sizeof(*words),
		    cmpstr) == NULL) && (!edge || strstr(joined, w) == NULL))
			fail("input word lost", w, o);
	free(joined);
	free(words);
	buf_free(&in);
	buf_free(&tree);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page	 pg;
	struct olines	 o = { NULL, 0, 0 };
	struct convopts	 conv;
	enum level	 l;
	const char	*path;
	char		 name[16];

	if (out == NULL) {
		msg_setquiet(1);
		msg_setmin(LVL_STYLE);
		lint_init(NULL);
		if ((out = tmpfile()) == NULL) {
			perror("tmpfile");
			abort();
		}
	}
	/* Odd first byte: a page of the manual, with its strict rules. */
	path = size > 0 && (data[0] & 1) ? "pages/fuzz.md" : "fuzz.md";
	msg_page_reset();
	memset(&conv, 0, sizeof(conv));
	if (page_mem(&pg, path, (const char *)data, size, 9)) {
		convert_page(&pg, &o, &conv);
		rewind(out);
		if (ftruncate(fileno(out), 0) == -1 ||
		    emit_write(out, &o) == -1 || fflush(out) == EOF) {
			perror("scratch file");
			abort();
		}
		snprintf(name, sizeof(name), "fuzz.%d", pg.section);
		l = lint_fd(fileno(out), name, pg.path, &o);
		if (l != LVL_OK) {
			msg_setquiet(0);	/* say what it reports */
			(void)lint_fd(fileno(out), name, pg.path, &o);
			fail("libmandoc reports", msg_levelname(l), &o);
		}
		check_lines(&o);
		check_retention(&pg, &o);
	}
	olines_free(&o);
	page_free(&pg);
	return 0;
}

#ifdef REPLAY
static int
replay(const char *path)
{
	FILE	*f;
	char	*data;
	size_t	 len, cap, n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return 1;
	}
	data = NULL;
	len = cap = 0;
	do {
		if (len == cap)
			data = xrealloc(data, cap = cap ? cap * 2 : 4096);
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(data);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 0;
}

/* Replay a file, or every file under a directory; count them in *n. */
static int
replay_path(const char *path, int *n)
{
	DIR		*d;
	struct dirent	*e;
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	if ((d = opendir(path)) == NULL) {
		(*n)++;
		return replay(path);
	}
	rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		b.len = 0;
		buf_printf(&b, "%s/%s", path, e->d_name);
		rc |= replay_path(b.p, n);
	}
	closedir(d);
	buf_free(&b);
	return rc;
}

/* Replay the files and directories named on the command line. */
int
main(int argc, char *argv[])
{
	int	i, n, rc;

	rc = n = 0;
	for (i = 1; i < argc; i++)
		rc |= replay_path(argv[i], &n);
	if (out != NULL) {
		fclose(out);
		lint_free();
	}
	if (rc == 0)
		printf("fuzz-replay: %d inputs, all checks held\n", n);
	return rc;
}
#endif
