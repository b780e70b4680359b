#!/bin/sh
# conventions.sh -- one page in each other tool's convention, as md2mdoc
# renders it (left, through mandoc) and as the convention's own tool does
# (right, through man(1)): go-md2man, ronn and pandoc, where installed.
# The pages are the golden tests tests/golden/{gomd2man,ronn,pandoc}.md.
#
# Usage: sh tests/bench/conventions.sh ./md2mdoc [width]

md2mdoc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
w=${2:-56}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-conv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1790000000 LC_ALL=C.UTF-8
cd "$(dirname "$0")/../golden" || exit 1

# side LEFT RIGHT: the two files as columns; the left one is padded by
# characters, not bytes (a UTF-8 continuation byte takes no column)
side() {
	LC_ALL=C awk -v W="$w" '
	    function width(s) { gsub(/[\200-\277]/, "", s); return length(s) }
	    NR == FNR { l[FNR] = $0; n = FNR; next }
	    { r[FNR] = $0; m = FNR }
	    END { k = n > m ? n : m
		for (i = 1; i <= k; i++) {
			printf "%s", l[i]
			for (j = width(l[i]); j < W; j++)
				printf " "
			printf "  %s\n", r[i]
		} }' "$1" "$2" | sed 's/ *$//'
}

for c in gomd2man ronn pandoc; do
	case $c in
	gomd2man) tool=go-md2man ;;
	*) tool=$c ;;
	esac
	command -v $tool >/dev/null || { echo "($tool is not installed)"; continue; }
	"$md2mdoc" $c.md 2>/dev/null | mandoc -T utf8 -O width="$w" |
	    col -bx >"$tmp/left"
	case $c in
	gomd2man) go-md2man -in $c.md -out "$tmp/page.1" ;;
	ronn)	cp $c.md "$tmp/tool.1.ronn"
		ronn --roff --pipe "$tmp/tool.1.ronn" >"$tmp/page.1" 2>/dev/null ;;
	pandoc)	pandoc -s -t man $c.md -o "$tmp/page.1" ;;
	esac
	MANWIDTH=$w man -l "$tmp/page.1" 2>/dev/null | col -bx >"$tmp/right"
	printf '%-*s  %s\n' "$w" "md2mdoc $c.md | mandoc" "$tool, then man -l"
	side "$tmp/left" "$tmp/right"
	echo
done
