#!/bin/sh
# pagestat.sh -- size of manual pages: rendered words and distinct source
# references (the arguments of .Fn .Fo .Vt .Dv .Va .Pa), one line a page.
#
# Usage: sh tests/pagestat.sh [-m md2mdoc] page.md|page.9 ...
# A .md file is compiled with md2mdoc first (no whole-set checks).
md2mdoc=./md2mdoc
if [ "$1" = -m ]; then md2mdoc=$2; shift 2; fi
tmp=${TMPDIR:-/tmp}/pagestat.$$
trap 'rm -f "$tmp"' 0 1 2 15
printf '%6s %5s  %s\n' words refs page
for f in "$@"; do
	case $f in
	*.md)	"$md2mdoc" -W error "$f" >"$tmp" 2>/dev/null ||
		    { echo "pagestat: $f does not compile" >&2; exit 1; } ;;
	*)	cp "$f" "$tmp" ;;
	esac
	w=$(mandoc -T ascii "$tmp" | col -b | wc -w)
	r=$(awk '
		/^\./ {
			for (i = 1; i < NF; i++) {
				m = $i; sub(/^\./, "", m)
				if (m !~ /^(Fn|Fo|Vt|Dv|Va|Pa)$/) continue
				a = $(i + 1)
				if (m == "Vt" && a ~ /^(struct|union|enum)$/ && i + 2 <= NF)
					a = a " " $(i + 2)
				seen[a] = 1
			}
		}
		END { n = 0; for (k in seen) n++; print n }' "$tmp")
	printf '%6d %5d  %s\n' "$w" "$r" "$f"
done
