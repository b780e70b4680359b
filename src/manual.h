/*
 * manual.c: the whole set of pages a build compiles, checked at once:
 * names unique and not DragonFly's own, every .Xr resolving, every page
 * reachable from the entry page, and every semantic name found in the
 * source index (srcindex.c).
 */
struct manual;
struct srcindex;

struct manual	*manual_new(void);
void	 manual_free(struct manual *);
int	 manual_known(struct manual *, const char *);
void	 manual_page(struct manual *, const struct page *);
void	 manual_link(struct manual *, const struct page *, const char *,
	    int, int);
void	 manual_ref(struct manual *, const struct page *, const char *,
	    const char *, int, int);
void	 manual_line(struct manual *, const struct page *, const char *,
	    int, int);
void	 manual_set_index(struct manual *, struct srcindex *);
void	 manual_set_root(struct manual *, const char *);
int	 manual_check(struct manual *, FILE *);
void	 manual_dump(struct manual *, FILE *, size_t [3]);
int	 manual_undump(struct manual *, char *);
