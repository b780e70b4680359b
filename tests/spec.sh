#!/bin/sh
# spec.sh -- the examples of the GitHub Flavored Markdown specification,
# each as a page of its own, through md2mdoc.  Every example must:
#
#   1. write a page (md2mdoc -o; nothing it reports stops a page at the
#      default failure level);
#   2. draw no message from mandoc -T lint -W style and no warning from
#      groff -mdoc -ww;
#   3. pass the fuzzing harness's checks (fuzz-replay): no mandoc message
#      in process, no roff request or escape that the input could have
#      made, every word of the input's text in mandoc's syntax tree;
#   4. keep every word of its visible text: what w3m shows of
#      cmark-gfm's HTML for it (raw HTML kept, same extensions) must all
#      be in the page as mandoc renders it.  w3m is told to show struck
#      text plainly and no made-up names for images without alt text;
#      a link ends a word, since the page prints each link's address
#      after its text.
#
# Excepted, by rule: examples whose visible text is empty (link
# reference definitions alone, HTML comments alone, and the like) skip
# check 4, which has nothing to compare.
#
# Usage: sh tests/spec.sh ./md2mdoc ./fuzz-replay deps/spec.txt
# Ends with "spec: N examples, N passed, N failed".

md2mdoc=$1 replay=$2 spec=$3
[ -f "$spec" ] || { echo "spec: no $spec (make deps fetches it)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-spec.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8
mkdir "$tmp/ex"

. "$(dirname "$0")/speclib.sh"
spec_split "$spec" "$tmp/ex"

# The harness's checks, all at once; one by one only if some fail.
if "$replay" "$tmp/ex" >/dev/null 2>&1; then replayed=1; else replayed=0; fi

n=0 pass=0 fail=0 skipped=0
for md in "$tmp"/ex/ex*.md; do
	n=$((n + 1))
	ex=$(basename "$md" .md)
	why=
	rm -f "$tmp/$ex.9"
	"$md2mdoc" -o "$tmp/$ex.9" "$md" 2>"$tmp/msgs"
	if [ ! -s "$tmp/$ex.9" ]; then
		why="no page written"
	else
		mandoc -T lint -W style "$tmp/$ex.9" 2>&1 |
		    grep -v 'referenced manual not found' |
		    grep -v 'outdated mandoc.db' >"$tmp/lint"
		groff -mdoc -Tutf8 -ww -z "$tmp/$ex.9" >>"$tmp/lint" 2>&1
		if [ -s "$tmp/lint" ]; then
			why="lint: $(head -1 "$tmp/lint")"
		elif [ $replayed -eq 0 ] &&
		    ! "$replay" "$md" >"$tmp/replay" 2>&1; then
			why="fuzz checks: $(grep -m1 '^fuzz:' "$tmp/replay")"
		else
			spec_want "$md" >"$tmp/want"
			if [ ! -s "$tmp/want" ]; then
				skipped=$((skipped + 1))
			else
				mandoc -T utf8 "$tmp/$ex.9" | col -b | words \
				    >"$tmp/have"
				lost=$(comm -23 "$tmp/want" "$tmp/have" |
				    tr '\n' ' ')
				[ -n "$lost" ] && why="words lost: $lost"
			fi
		fi
	fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL: spec example ${ex#ex}: $why"
	else
		pass=$((pass + 1))
	fi
done
echo "spec: $n examples, $pass passed, $fail failed" \
    "($skipped with no visible text to compare)"
[ "$fail" -eq 0 ]
