#!/bin/sh
# html.sh -- the manual as a static web site, from the mdoc pages.
#
# Usage: sh src/site/html.sh MANDIR PAGESDIR OUTDIR MANURL SRCURL COMMIT
#
# One page per manual page, rendered by mandoc -T html and finished by
# page.awk: NAME.SECTION.html, the entry page (pages/index.md's) as
# index.html.  An .Xr to a page of MANDIR links to its page here, any
# other to MANURL (%N name, %S section); a .Pa under sys/ links to SRCURL
# (%C commit, %P path).  The site's tree, breadcrumbs and page order come
# from PAGESDIR (tree.sh); search-index.js from the pages' names,
# descriptions and semantic keys (searchindex.awk).  OUTDIR is replaced
# only when the whole site has been written.
set -e
[ $# -eq 6 ] || {
	echo "usage: html.sh MANDIR PAGESDIR OUTDIR MANURL SRCURL COMMIT" >&2
	exit 2
}
mandir=$1 pages=$2 out=$3 manurl=$4 srcurl=$5 commit=$6
site=$(cd "$(dirname "$0")" && pwd)
say() { printf 'html: %s\n' "$*" >&2; }

command -v mandoc >/dev/null 2>&1 || { say "mandoc is needed (make deps)"; exit 1; }
# mandoc -O separates options with commas and the two man= formats with a
# semicolon
case $manurl in *[,\;]*)
	say "the manual URL template may not contain , or ;: $manurl"; exit 1 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-html.XXXXXX")
new=$out.new
trap 'rm -rf "$tmp" "$new"' EXIT
trap 'exit 1' INT TERM
rm -rf "$new"

sh "$site/tree.sh" "$pages" >"$tmp/tree"
awk -v mode=order -f "$site/nav.awk" "$tmp/tree" >"$tmp/order"
awk -v mode=crumbs -f "$site/nav.awk" "$tmp/tree" >"$tmp/crumbs"
awk -v mode=tree -f "$site/nav.awk" "$tmp/tree" >"$tmp/tree.html"
root=$(head -n 1 "$tmp/order")

# The pages are those of MANDIR; the tree must name each exactly once.
mandir=$(cd "$mandir" && pwd)
ls "$mandir"/man[1-9]/ | grep '\.[1-9]$' | LC_ALL=C sort >"$tmp/man"
LC_ALL=C sort "$tmp/order" >"$tmp/sorted"
if ! cmp -s "$tmp/man" "$tmp/sorted"; then
	comm -23 "$tmp/sorted" "$tmp/man" | sed 's/^/html: no manual page for /' >&2
	comm -13 "$tmp/sorted" "$tmp/man" | sed 's/^/html: not in the tree of pages\/: /' >&2
	uniq -d "$tmp/sorted" | sed 's/^/html: two pages named /' >&2
	say "$mandir and $pages do not match: run make"
	exit 1
fi

# mandoc links an .Xr with the first man= format when a file NAME.SECTION
# exists in the directory it runs in.
mkdir "$tmp/names" "$new"
while read -r p; do
	: >"$tmp/names/$p"
done <"$tmp/order"

tab=$(printf '\t')
while IFS=$tab read -r p crumbs; do
	sect=${p##*.}
	dest=$new/$p.html
	tree=
	if [ "$p" = "$root" ]; then
		dest=$new/index.html
		tree=$tmp/tree.html
	fi
	(cd "$tmp/names" && mandoc -T html \
	    -O "style=style.css,man=%N.%S.html;$manurl" \
	    "$mandir/man$sect/$p") </dev/null >"$tmp/page.html" ||
	    { say "mandoc failed on $mandir/man$sect/$p"; exit 1; }
	awk -v root="$root" -v crumbs="$crumbs" -v tree="$tree" \
	    -v srcurl="$srcurl" -v commit="$commit" -f "$site/page.awk" \
	    "$tmp/page.html" "$tmp/page.html" >"$dest"
done <"$tmp/crumbs"

# shellcheck disable=SC2046
awk -v root="$root" -f "$site/searchindex.awk" \
    $(sed 's|.*\.\([1-9]\)$|'"$mandir"'/man\1/&|' "$tmp/order") \
    >"$new/search-index.js"
cp "$site/style.css" "$site/search.js" "$new/"

rm -rf "$out"
mv "$new" "$out"
printf "html: %s pages in %s/; open %s/index.html\n" \
    "$(wc -l <"$tmp/order" | tr -d ' ')" "$out" "$out"
