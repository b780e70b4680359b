#!/bin/sh
# tests/patho.sh: pathological inputs, each converted at two sizes, 1x
# and 10x; the time must grow linearly (the 10x run may take at most
# LIMIT times as long as the 1x run, plus 50 ms of noise), and md2mdoc
# must neither crash nor run out of its memory bound.  Prints one line
# per case with sizes, times, the ratio and the peak resident size.
#
# Usage: sh tests/patho.sh ./md2mdoc ./runstat   (make check runs it)
# Ends with "N passed, N failed".

md2mdoc=$1
runstat=$2
LIMIT=${LIMIT:-25}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-patho.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# gen CASE N: write a case of size N to standard output
gen() {
	awk -v n="$2" -v c="$1" 'BEGIN {
	if (c == "quotes") {		# n nested block quotes
		for (i = 0; i < n; i++) printf ">"
		print " deep"; print ""; print "after"
	} else if (c == "lists") {	# n nested lists
		for (i = 0; i < n; i++) printf "- "
		print "item"; print ""; print "after"
	} else if (c == "brackets" || c == "stars" || c == "backticks") {
		ch = c == "brackets" ? "[" : c == "stars" ? "*" : "`"
		s = "x"; for (i = 0; i < n; i++) s = s ch
		print s
	} else if (c == "paragraph") {	# n bytes, one paragraph
		w = "The quick *brown* fox `jumps()` over the lazy dog. "
		l = w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w
		l = substr(l, 1, 79)
		for (i = 0; i < n; i += 80) print l
	} else if (c == "line") {	# n bytes on one line
		w = "word _emph_ more text, "
		for (i = 0; i < n; i += length(w)) printf "%s", w
		print ""
	} else if (c == "columns") {	# a table with n columns
		for (r = 0; r < 4; r++) {
			for (i = 0; i < n; i++)
				printf "| %s ", r == 1 ? "---" : "c" i
			print "|"
		}
	} else if (c == "widetable") {	# n rows of 64 columns
		for (r = 0; r < n; r++) {
			for (i = 0; i < 64; i++)
				printf "| %s ", r == 1 ? "---" : "c" i
			print "|"
		}
	} else if (c == "items") {	# n list items
		for (i = 0; i < n; i++) print "- item " i
	} else if (c == "headings") {	# n sections, each linked to
		for (i = 0; i < n; i++) {
			print "## Part " i; print ""
			print "[back](#part-" (n - 1 - i) ")"; print ""
			if (i % 10 == 0) {	# a standard one, merged
				print "## DESCRIPTION"; print ""
				print "more"; print ""
			}
		}
	} else if (c == "seealso") {	# n references, unsorted
		print "## SEE ALSO"; print ""
		for (i = n; i > 0; i--)
			printf "name%d(%d),\n", i % 997, i % 9 + 1
		print "and more text."
	} else if (c == "tags") {	# n words, each emphasized once
		for (i = 0; i < n; i++) printf "x *w%d* [**-%d**]\n", i, i
	} else if (c == "glued") {	# the same, all glued together
		for (i = 0; i < n; i++) printf "x*w%d*", i
		print ""
	} else if (c == "rows") {	# a table of n rows
		print "| a | b |"; print "|---|---|"
		for (i = 0; i < n; i++) print "| x" i " | y |"
	} else if (c == "names") {	# n names, each cited in the text
		printf "---\nname: p\nnames: "
		for (i = 0; i < n; i++) printf "%sn%d", (i ? ", " : ""), i
		print "\ndescription: many names\ndate: 2026-12-05\n---\n"
		for (i = 0; i < n; i++) print "see x" i "(9) and n" i "(9)."
	}
	}'
}

# size CASE: the 10x size
size() {
	case $1 in
	quotes|lists)	echo 100000 ;;
	brackets|stars|backticks) echo 1000000 ;;
	paragraph)	echo 50000000 ;;
	line)		echo 10000000 ;;
	columns)	echo 20000 ;;
	widetable)	echo 640 ;;
	items)		echo 1000000 ;;
	headings|seealso|names|rows|tags|glued) echo 100000 ;;
	esac
}

printf '%-10s %9s %9s %8s %8s %6s %8s\n' case 1x 10x t1x t10x ratio peakKB
for c in quotes lists brackets stars backticks paragraph line columns \
    widetable items rows headings seealso names tags glued; do
	n=$(size $c)
	gen $c $((n / 10)) >"$tmp/small.md"
	gen $c "$n" >"$tmp/big.md"
	# -W unsupp: flattening warnings must not stop the page
	set -- $("$runstat" -n 3 -- "$md2mdoc" -W unsupp -o "$tmp/small.9" \
	    "$tmp/small.md" 2>/dev/null)
	t1=$1 rc1=$3
	set -- $("$runstat" -n 1 -- "$md2mdoc" -W unsupp -o "$tmp/big.9" \
	    "$tmp/big.md" 2>/dev/null)
	t10=$1 rss=$2 rc10=$3
	ratio=$(awk -v a="$t1" -v b="$t10" 'BEGIN {
	    printf "%.1f", b / (a > 0.001 ? a : 0.001) }')
	printf '%-10s %9s %9s %8s %8s %6s %8s\n' $c $((n / 10)) "$n" \
	    "$t1" "$t10" "$ratio" "$rss"
	if [ "$rc1" -ne 0 ] || [ "$rc10" -ne 0 ] || [ ! -s "$tmp/big.9" ]
	then
		fail=$((fail + 1))
		echo "FAIL: $c: status $rc1 and $rc10"
		"$md2mdoc" -W unsupp -o /dev/null "$tmp/big.md" 2>&1 | head -5
	elif awk -v a="$t1" -v b="$t10" -v k="$LIMIT" \
	    'BEGIN { exit !(b > k * a + 0.05) }'; then
		fail=$((fail + 1))
		echo "FAIL: $c: 10x the input took $ratio times as long"
	else
		pass=$((pass + 1))
	fi
	# mandoc can render what was written, and was not handed nesting
	# deeper than md2mdoc allows
	if command -v mandoc >/dev/null &&
	    ! mandoc -T lint -W warning "$tmp/small.9" >"$tmp/lint" 2>&1
	then
		fail=$((fail + 1))
		echo "FAIL: $c: mandoc -T lint"
		head -5 "$tmp/lint"
	else
		pass=$((pass + 1))
	fi
	rm -f "$tmp/small.md" "$tmp/big.md" "$tmp/small.9" "$tmp/big.9"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
