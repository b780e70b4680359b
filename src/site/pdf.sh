#!/bin/sh
# pdf.sh -- the whole manual as one PDF, pages in the order of the tree.
#
# Usage: sh src/site/pdf.sh MANDIR PAGESDIR OUT.pdf
#
# mandoc -T pdf starts each input file on a new page.
set -e
[ $# -eq 3 ] || { echo "usage: pdf.sh MANDIR PAGESDIR OUT.pdf" >&2; exit 2; }
mandir=$1 pages=$2 out=$3
site=$(dirname "$0")
command -v mandoc >/dev/null 2>&1 || {
	echo "pdf: mandoc is needed (make deps)" >&2; exit 1; }
files=$(sh "$site/tree.sh" "$pages" | awk -v mode=order -f "$site/nav.awk" |
    sed 's|.*\.\([1-9]\)$|'"$mandir"'/man\1/&|')
[ -n "$files" ] || { echo "pdf: no pages in the tree of $pages" >&2; exit 1; }
for f in $files; do
	[ -f "$f" ] || { echo "pdf: no $f: run make" >&2; exit 1; }
done
# shellcheck disable=SC2086
mandoc -T pdf $files >"$out.tmp" || { rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
