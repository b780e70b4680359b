/*
 * convert.h: the state of one page's conversion, shared by the stages
 * of the tree walk:
 *
 *	convert.c	the walk: one handler per block node, inline tokens
 *	links.c		headings and links: .Sx, .Xr, .Lk, .Mt
 *	html.c		raw HTML: the tags with an mdoc meaning
 *	command.c	command pages: SYNOPSIS and option lists
 *	assemble.c	the page around the body: sections in mdoc's
 *			order, the prologue, NAME, FILES, SEE ALSO, AUTHORS
 */

/* mdoc's section order (assemble.c); custom sections rank RANK_CUSTOM */
#define	RANK_SYNOPSIS	2
#define	RANK_DESC	3
#define	RANK_CUSTOM	4
#define	RANK_FILES	9
#define	RANK_SEEALSO	15
#define	NRANKS		22	/* the standard sections, RANK_CUSTOM's slot too */

struct section {
	char		*title;
	int		 rank;
	struct olines	 lines;
};

struct heading {
	char	*slug;
	char	*title;		/* as .Sx must name it */
};

struct xref {
	char	*name;
	char	*sec;
};

struct link {
	size_t		 start;
	char		*url;
	int		 line;
	int		 col;
	int		 html;		/* opened by <a href>, closed by </a> */
};

struct listst {
	int	tight;
	int	def;
	int	flat;		/* deeper than MAXNEST: items are paragraphs */
	size_t	itend;		/* output lines after the current .It */
	int	number;		/* an ordered list not from 1: the next;
				   -1 for the others */
	char	delim;		/* and what follows it, . or ) */
};

/*
 * Block quotes and lists nest as .Bl lists.  Each level indents the
 * text further, and past MAXNEST levels there is no room left on a
 * terminal; deeper containers are flattened into the last level.
 */
#define	MAXNEST	8

struct convert {
	struct page		*pg;
	const struct convopts	*opt;
	struct section		*secs;
	size_t			 nsecs, seccap;
	size_t			 stdsec[NRANKS];	/* index + 1, by rank */
	struct section		*cur;
	struct toks		 toks;
	int			 em, sy, ar, space;
	int			 pline, pbreaks;
	int			 need_par;
	cmark_node		*title;		/* the title heading */
	int			 command;	/* a page of section 1, 6, 8 */
	int			 rowwise;	/* a table too wide: by rows */
	size_t			 ncols;		/* of the table */
	struct strlist		 colnames;	/* of a table by rows */
	const char		*rowptr;	/* the body at line rowline, */
	int			 rowline;	/* for the source of a row */
	struct buf		*html_code;	/* text of <code> ... </code> */
	struct link		*links;
	size_t			 nlinks, linkcap;
	struct heading		*heads;
	size_t			 nheads, headcap;
	struct heading		**byslug;	/* heads sorted by slug */
	struct listst		*lists;
	size_t			 nlists;
	size_t			 listcap;
	int			 term_pending;	/* deflist item: term next */
	size_t			 term_end;
	int			 in_header_row;
	size_t			 cells;
	int			 shift;		/* h1 used as sections */
	struct xref		*xrefs;		/* SEE ALSO collection */
	size_t			 nxrefs, xrefcap;
	struct strset		*xrefset;	/* "name\037sec" of each */
	int			 see_only_refs;
	int			 depth;		/* open block quotes and lists */
	int			 flattened;	/* warned about depth */
};


/* convert.c */
int	 srcline(struct convert *, cmark_node *);
int	 srccol(cmark_node *);
enum font curfont(struct convert *);
char	*node_text(cmark_node *);
void	 upcase(char *);

/* assemble.c */
int	 section_rank(const char *);
int	 section_typo(const char *);
struct section *section_find(struct convert *, const char *);
struct section *section_new(struct convert *, const char *);
struct olines *out(struct convert *, int);
void	 paragraph_break(struct convert *, int);
void	 container_end(struct convert *);
int	 in_section(struct convert *, int);
void	 seealso_scan(struct convert *, const struct toks *);
void	 seealso_lead(struct convert *, struct toks *);
void	 seealso_finish(struct convert *);
void	 files_section(struct convert *);
void	 authors_section(struct convert *);
void	 prologue(struct convert *, struct olines *);
void	 assemble(struct convert *, struct olines *);
void	 note_refs(struct convert *, const struct olines *);

/* convention.c, on the tree */
void	 conv_tree(struct page *, cmark_node *);

/* links.c */
void	 collect_headings(struct convert *, cmark_node *);
const struct heading *heading_find(struct convert *, const char *);
void	 link_push(struct convert *, const char *, int, int, int);
void	 link_exit(struct convert *, cmark_node *);

/* table.c */
char	*table_guard(const struct page *, size_t *);
void	 table_enter(struct convert *, cmark_node *);
void	 table_row_enter(struct convert *, cmark_node *);
void	 table_cell_enter(struct convert *, cmark_node *);
void	 table_row_exit(struct convert *, cmark_node *);
void	 table_exit(struct convert *, cmark_node *);

/* command.c */
int	 synopsis_para(struct convert *, cmark_node *);

/* deflist.c */
extern const char dl_list[], dl_item[], dl_sep[], dl_end[], dl_arg[];
int	 dl_marked(cmark_node *, const char *);
size_t	 sep_len(const char *);
void	 deflist_find(cmark_node *, int);

/* html.c */
char	*html_decode(const char *, size_t);
void	 html_inline(struct convert *, cmark_node *, int);
void	 html_block(struct convert *, cmark_node *);
int	 html_code_text(struct convert *, const char *);
void	 html_code_end(struct convert *, int, int);
void	 html_para_end(struct convert *, int);
