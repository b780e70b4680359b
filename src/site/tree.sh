#!/bin/sh
# tree.sh -- the tree of the manual, as pages/ mirrors the source tree.
#
# Usage: sh src/site/tree.sh PAGESDIR
#
# Prints one line per node, parents before children, tab-separated:
#
#	depth  kind  dir  name  section  file  description
#
# kind is "dir" for a directory (its index.md gives name, section and
# description; "-" where it has none) and "page" for any other page.
# dir is the directory under PAGESDIR ("." for PAGESDIR itself), file
# the Markdown file under PAGESDIR.  A directory's children (its pages
# and subdirectories) come in the order its index page links them, list
# items first, then other links; a directory without an index page uses
# the nearest index above it; children no index links come last, sorted.
set -e
top=${1:-pages}
[ -d "$top" ] || { echo "tree.sh: no directory $top" >&2; exit 1; }
cd "$top"
files=$(find . -name '*.md' | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$files" ] || { echo "tree.sh: no pages in $top" >&2; exit 1; }

# shellcheck disable=SC2086
awk '
function dirof(p) { return p ~ /\// ? substr(p, 1, match(p, /\/[^\/]*$/) - 1) : "." }
function baseof(p) { sub(/.*\//, "", p); return p }
# resolve a link target relative to directory d; "" if not a page
function resolve(d, t,    n, i, parts, out, k, o) {
	sub(/#.*/, "", t)
	if (t == "" || t ~ /^[a-zA-Z][a-zA-Z0-9+.-]*:/ || t ~ /^\//)
		return ""
	if (t !~ /\.md$/)
		return ""
	if (d != ".")
		t = d "/" t
	n = split(t, parts, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "" || parts[i] == ".")
			continue
		if (parts[i] == "..") {
			if (k > 0)
				k--
			continue
		}
		out[++k] = parts[i]
	}
	o = ""
	for (i = 1; i <= k; i++)
		o = o (i > 1 ? "/" : "") out[i]
	return o
}
function adddir(d,    p) {
	while (!(d in isdir)) {
		isdir[d] = 1
		if (d == ".")
			break
		p = dirof(d)
		kids[p] = kids[p] SUBSEP "d" d
		d = p
	}
}
FNR == 1 {
	file = FILENAME; infm = 0; fence = 0; pending = 0
	d = dirof(file)
	adddir(d)
	sect[file] = 9
	if (baseof(file) == "index.md")
		index_of[d] = file
	else
		kids[d] = kids[d] SUBSEP "p" file
	if ($0 == "---") { infm = 1; next }
}
infm {
	if ($0 == "---") { infm = 0; next }
	k = $0; sub(/:.*/, "", k)
	v = $0; sub(/^[^:]*:[ \t]*/, "", v); sub(/[ \t]+$/, "", v)
	if (k == "name") name[file] = v
	else if (k == "section") sect[file] = v
	else if (k == "description") desc[file] = v
	next
}
/^[ \t]*(```|~~~)/ { fence = !fence; next }
fence || baseof(file) != "index.md" { next }
{
	line = $0
	if (line ~ /^[ \t]*([-*+]|[0-9]+[.)])[ \t]+\[/)
		pending = 1
	while (match(line, /\]\([^) \t]*[) \t]/)) {
		t = substr(line, RSTART + 2, RLENGTH - 3)
		line = substr(line, RSTART + RLENGTH)
		t = resolve(d, t)
		if (t == "") { pending = 0; continue }
		if (pending)
			prim[file] = prim[file] SUBSEP t
		all[file] = all[file] SUBSEP t
		pending = 0
	}
}
# the rank of child c (a "p" page file or "d" directory) among the links
# of index page ix; 0 if it links neither c nor anything inside c
function rank(ix, c,    n, i, l, what) {
	what = substr(c, 2)
	n = split(substr(prim[ix] all[ix], 2), l, SUBSEP)
	for (i = 1; i <= n; i++) {
		if (substr(c, 1, 1) == "p" && l[i] == what)
			return i
		if (substr(c, 1, 1) == "d" && index(l[i], what == "." ? "" : what "/") == 1)
			return i
	}
	return 0
}
function label(c) {
	return substr(c, 1, 1) == "p" ? name[substr(c, 2)] : baseof(substr(c, 2))
}
function walk(d, depth,    ix, e, n, i, j, c, r, ord, rk, lb, t, f) {
	if (d in index_of) {
		f = index_of[d]
		printf "%d\tdir\t%s\t%s\t%s\t%s\t%s\n", depth, d,
		    name[f], sect[f], f, desc[f]
	} else
		printf "%d\tdir\t%s\t-\t-\t-\t-\n", depth, d
	# the index page whose links order this directory
	for (e = d; !(e in index_of) && e != "."; e = dirof(e))
		;
	ix = (e in index_of) ? index_of[e] : ""
	n = split(substr(kids[d], 2), c, SUBSEP)
	for (i = 1; i <= n; i++) {
		ord[i] = c[i]
		rk[i] = ix == "" ? 0 : rank(ix, c[i])
		lb[i] = label(c[i])
	}
	# insertion sort: linked children by rank, then the rest by label
	for (i = 2; i <= n; i++)
		for (j = i; j > 1; j--) {
			if (rk[j-1] == 0 && rk[j] == 0) {
				if (lb[j-1] <= lb[j])
					break
			} else if (rk[j] == 0 || (rk[j-1] != 0 && rk[j-1] <= rk[j]))
				break
			t = ord[j]; ord[j] = ord[j-1]; ord[j-1] = t
			t = rk[j]; rk[j] = rk[j-1]; rk[j-1] = t
			t = lb[j]; lb[j] = lb[j-1]; lb[j-1] = t
		}
	for (i = 1; i <= n; i++) {
		if (substr(ord[i], 1, 1) == "d") {
			walk(substr(ord[i], 2), depth + 1)
			continue
		}
		f = substr(ord[i], 2)
		printf "%d\tpage\t%s\t%s\t%s\t%s\t%s\n", depth + 1, d,
		    name[f], sect[f], f, desc[f]
	}
}
END {
	for (f in sect)
		if (name[f] == "") {
			printf "tree.sh: %s: no name: in its front matter\n", f \
			    >"/dev/stderr"
			bad = 1
		}
	if (bad)
		exit 1
	walk(".", 0)
}
' $files
