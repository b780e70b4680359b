#!/bin/sh
# spec-peers.sh -- md2mdoc and its peers on the examples of the GFM
# specification, one file each: how many write a page, how many pages
# draw mandoc style messages or groff warnings, and how many lose words
# of the example's visible text (what w3m shows of cmark-gfm's HTML;
# see tests/spec.sh).  The peers are run when installed: cmark-gfm
# (-t man, with md2mdoc's extensions), lowdown (-s -Tman) and pandoc
# (-f gfm -t man -s).
#
# Usage: sh tests/bench/spec-peers.sh ./md2mdoc deps/spec.txt

md2mdoc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
spec=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-peers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8
mkdir "$tmp/ex"
. "$(dirname "$0")/../speclib.sh"
spec_split "$spec" "$tmp/ex"

for md in "$tmp"/ex/*.md; do
	spec_want "$md" >"${md%.md}.want"
done

# run TOOL MD OUT: convert with a tool; its exit status
run() {
	case $1 in
	md2mdoc)	"$md2mdoc" -o "$3" "$2" 2>/dev/null ;;
	cmark-gfm)	cmark-gfm -t man -e table -e strikethrough \
			    -e autolink "$2" >"$3" 2>/dev/null ;;
	lowdown)	lowdown -s -Tman "$2" >"$3" 2>/dev/null ;;
	pandoc)		pandoc -f gfm -t man -s "$2" -o "$3" 2>/dev/null ;;
	esac
}

printf '%-10s %8s %8s %8s %8s %8s %8s\n' tool examples written \
    lintpages lintmsgs groffwarn wordloss
for tool in md2mdoc cmark-gfm lowdown pandoc; do
	case $tool in md2mdoc) ;; *) command -v $tool >/dev/null || continue ;;
	esac
	n=0 written=0 lintpages=0 lintmsgs=0 groffwarn=0 wordloss=0
	for md in "$tmp"/ex/*.md; do
		n=$((n + 1))
		out=$tmp/out.page
		rm -f "$out"
		run $tool "$md" "$out"
		[ -s "$out" ] || continue
		written=$((written + 1))
		m=$(mandoc -T lint -W style "$out" 2>&1 |
		    grep -v 'referenced manual not found' |
		    grep -vc 'outdated mandoc.db')
		[ "$m" -gt 0 ] && lintpages=$((lintpages + 1))
		lintmsgs=$((lintmsgs + m))
		[ -n "$(groff -t -mandoc -Tutf8 -ww -z "$out" 2>&1)" ] &&
		    groffwarn=$((groffwarn + 1))
		if [ -s "${md%.md}.want" ]; then
			mandoc -T utf8 "$out" 2>/dev/null | col -b | words \
			    >"$tmp/have"
			[ -n "$(comm -23 "${md%.md}.want" "$tmp/have")" ] &&
			    wordloss=$((wordloss + 1))
		fi
	done
	printf '%-10s %8d %8d %8d %8d %8d %8d\n' $tool $n $written \
	    $lintpages $lintmsgs $groffwarn $wordloss
done
