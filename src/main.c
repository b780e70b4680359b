/*
 * md2mdoc: compile Markdown pages into mdoc(7) manuals, checking each
 * page with libmandoc before it is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "md2mdoc.h"
#include "manual.h"
#include "srcindex.h"

enum outmode {
	OUT_MDOC,	/* write pages */
	OUT_LINT	/* check only */
};

struct opts {
	enum outmode	 mode;
	const char	*outfile;
	const char	*outdir;
	const char	*os;
	int		 defsec;
	enum level	 fail;		/* a page this bad is not written */
	struct convopts	 conv;
};

static void
usage(void)
{
	fprintf(stderr, "usage: md2mdoc [-W level] [-I os=name] [-j jobs] "
	    "[-T lint | -T mdoc] [-s section]\n"
	    "\t[-m manual-dir] [-k known-names] [-x source-index] "
	    "[-r entry-page]\n"
	    "\t[-o file | -d dir] [file ...]\n");
}

static char *
dest_path(const struct opts *op, const struct page *pg)
{
	struct buf	b = { NULL, 0, 0 };

	if (op->outfile != NULL)
		return xstrdup(op->outfile);
	if (op->outdir == NULL)
		return NULL;
	buf_printf(&b, "%s/man%d", op->outdir, pg->section);
	if (!mkdirs(b.p)) {
		buf_free(&b);
		return NULL;
	}
	buf_printf(&b, "/%s.%d", pg->name, pg->section);
	return buf_take(&b);
}

/*
 * Does this page fail?  As in mandoc, the worst message decides: ERROR
 * by default, or the level given with -W.  A failed page still goes
 * to standard output; it is only not written to a file.
 */
static int
page_fails(const struct opts *op)
{
	return msg_page_worst() >= op->fail;
}

/* Write, lint, and (if it passed) commit one converted page. */
static void
deliver(const struct opts *op, const struct page *pg,
    const struct olines *o)
{
	struct buf	 name = { NULL, 0, 0 };
	const char	*tmpdir;
	char		*dest, *tmp;
	FILE		*f;
	int		 to_stdout;

	buf_printf(&name, "%s.%d", pg->name, pg->section);
	dest = NULL;
	to_stdout = op->mode == OUT_MDOC && op->outfile == NULL &&
	    op->outdir == NULL;
	if (op->mode == OUT_MDOC && !to_stdout) {
		if ((dest = dest_path(op, pg)) == NULL)
			goto out;
	} else {
		if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
			tmpdir = "/tmp";
		dest = xmalloc(strlen(tmpdir) + name.len + 2);
		sprintf(dest, "%s/%s", tmpdir, name.p);
	}
	if (!output_open(dest, &tmp, &f))
		goto out;
	if (emit_write(f, o) == -1 || fflush(f) == EOF) {
		msg_sys("write", tmp);
		output_abort(tmp, f);
		free(tmp);
		goto out;
	}
	lint_fd(fileno(f), name.p, pg->path, o);
	if (op->mode == OUT_LINT || to_stdout || page_fails(op) ||
	    output_same(dest, o)) {
		if (to_stdout && emit_write(stdout, o) == -1)
			msg_sys("write", "<stdout>");
		output_abort(tmp, f);
	} else
		output_commit(tmp, dest, f);
	free(tmp);
out:
	free(dest);
	buf_free(&name);
}

static void
do_file(const struct opts *op, const char *path)
{
	struct page	pg;
	struct olines	o = { NULL, 0, 0 };

	msg_page_reset();
	if (page_read(&pg, path, op->defsec)) {
		if (op->conv.manual != NULL)
			manual_page(op->conv.manual, &pg);
		convert_page(&pg, &o, &op->conv);
		deliver(op, &pg, &o);
	}
	olines_free(&o);
	page_free(&pg);
}

/* do_file() as a jobs_run() callback */
static void
do_job(const char *path, void *arg)
{
	do_file(arg, path);
}

int
main(int argc, char *argv[])
{
	struct opts	 op;
	struct srcindex	*idx;
	enum level	 l;
	const char	*root, *known[8];
	int		 ch, i, nknown, whole, njobs;
	char		*end;

	msg_setprog("md2mdoc");
	memset(&op, 0, sizeof(op));
	op.defsec = 9;
	op.fail = LVL_ERROR;
	idx = NULL;
	root = NULL;
	nknown = whole = 0;
	njobs = 1;
	while ((ch = getopt(argc, argv, "d:I:j:k:mo:r:s:T:W:x:")) != -1) {
		switch (ch) {
		case 'd':
			op.outdir = optarg;
			break;
		case 'I':
			if (strncmp(optarg, "os=", 3) != 0 ||
			    optarg[3] == '\0') {
				msg(LVL_BADARG, NULL, 0, 0,
				    "-I takes os=name: %s", optarg);
				return LVL_BADARG;
			}
			op.os = optarg + 3;
			break;
		case 'j':
			njobs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || njobs < 1 || njobs > 64) {
				msg(LVL_BADARG, NULL, 0, 0,
				    "-j takes a number of jobs, 1 to 64: %s",
				    optarg);
				return LVL_BADARG;
			}
			break;
		case 'k':
			if (nknown == (int)(sizeof(known) / sizeof(*known))) {
				msg(LVL_BADARG, NULL, 0, 0, "too many -k");
				return LVL_BADARG;
			}
			known[nknown++] = optarg;
			whole = 1;
			break;
		case 'm':
			whole = 1;
			break;
		case 'o':
			op.outfile = optarg;
			break;
		case 'r':
			root = optarg;
			whole = 1;
			break;
		case 's':
			if (optarg[0] < '1' || optarg[0] > '9' ||
			    optarg[1] != '\0') {
				msg(LVL_BADARG, NULL, 0, 0,
				    "-s takes a section 1 to 9: %s", optarg);
				return LVL_BADARG;
			}
			op.defsec = optarg[0] - '0';
			break;
		case 'T':
			if (strcmp(optarg, "lint") == 0)
				op.mode = OUT_LINT;
			else if (strcmp(optarg, "mdoc") == 0)
				op.mode = OUT_MDOC;
			else {
				msg(LVL_BADARG, NULL, 0, 0,
				    "-T takes lint or mdoc: %s", optarg);
				return LVL_BADARG;
			}
			break;
		case 'W':
			if (!msg_parselevel(optarg, &l)) {
				msg(LVL_BADARG, NULL, 0, 0,
				    "-W takes style, warning, error, unsupp "
				    "or all: %s", optarg);
				return LVL_BADARG;
			}
			msg_setmin(l);
			op.fail = l;
			break;
		case 'x':
			whole = 1;
			if ((idx = srcindex_load(optarg)) == NULL)
				return msg_worst();
			break;
		default:
			usage();
			return LVL_BADARG;
		}
	}
	argc -= optind;
	argv += optind;
	if (op.outfile != NULL && (op.outdir != NULL || argc > 1)) {
		msg(LVL_BADARG, NULL, 0, 0,
		    "-o names one output: use -d for several pages");
		return LVL_BADARG;
	}
	if (whole) {
		op.conv.manual = manual_new();
		for (i = 0; i < nknown; i++)
			if (!manual_known(op.conv.manual, known[i]))
				return msg_worst();
		if (idx != NULL)
			manual_set_index(op.conv.manual, idx);
		if (root != NULL)
			manual_set_root(op.conv.manual, root);
	}
	op.conv.os = op.os;
	lint_init(op.os);
	if (argc == 0)
		do_file(&op, "-");
	else if (njobs > 1 && argc > 1 &&
	    (op.outdir != NULL || op.mode == OUT_LINT))
		jobs_run(njobs, argv, argc, do_job, &op, op.conv.manual);
	else
		for (i = 0; i < argc; i++)
			do_file(&op, argv[i]);
	if (op.conv.manual != NULL) {
		manual_check(op.conv.manual, stdout);
		manual_free(op.conv.manual);
	}
	if (idx != NULL)
		srcindex_free(idx);
	/*
	 * The last page's syntax tree stays: freeing it node by node
	 * costs a tenth of the run on a large page, and exit frees it.
	 */
	if (fflush(stdout) == EOF)
		msg_sys("write", "<stdout>");
	return msg_worst();
}
