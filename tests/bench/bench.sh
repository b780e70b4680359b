#!/bin/sh
# tests/bench/bench.sh: md2mdoc against its peers, measured in one run
# on the same inputs (make bench).  Each figure is the median wall time
# of RUNS runs (tests/runstat.c).  The ratio is against cmark-gfm -t man,
# which parses the Markdown and writes man(7) without any checks; the
# second ratio is against cmark-gfm with the options md2mdoc parses with
# (--smart and the table, strikethrough and autolink extensions).
# pandoc reads the pages without their YAML front matter, which it
# would reject (descriptions contain colons).
#
#	pages	the pages/ tree: md2mdoc as make runs it (one process,
#		whole-set checks and lint; and with -j 2), and every tool
#		once per page
#	one	5 MB of Markdown made from the pages, as one file
#	many	the same as 500 files: every tool once per file, and
#		md2mdoc once for all of them (and with -j 2)
#
# Peers that are not installed are left out.  Usage:
#	sh tests/bench/bench.sh ./md2mdoc ./runstat

md2mdoc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runstat=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
RUNS=${RUNS:-5}
SLOWRUNS=${SLOWRUNS:-1}		# for pandoc, once per file
DFLY=${DFLY:-../shared/dragonfly}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

sh tests/bench/gencorpus.sh "$tmp/corpus" || exit 1
find pages -name '*.md' | LC_ALL=C sort >"$tmp/pages.list"
ls "$tmp"/corpus/many/*.md >"$tmp/many.list"

k="-k src/xrefs.txt"
[ -d "$DFLY" ] && k="$k -k $DFLY -x $DFLY"

# measure NAME RUNS command...: print and remember the median
measure() {
	name=$1 runs=$2
	shift 2
	set -- $("$runstat" -n "$runs" -- "$@" 2>/dev/null)
	t=$1 rc=$3
	[ "$rc" -eq 0 ] || t="failed($rc)"
	echo "$name $t" >>"$tmp/results"
	echo "$t"
}

# each TOOL LIST: run a converter once per file of LIST (sh -c loop)
each() {
	printf 'for f in $(cat %s); do %s "$f" >/dev/null || exit 1; done' \
	    "$2" "$1"
}

have() { command -v "$1" >/dev/null 2>&1; }
EXT="--smart -e table -e strikethrough -e autolink"

printf '%s\n' "md2mdoc bench: median of $RUNS runs (pandoc per file: $SLOWRUNS)"
uname -srm
grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'
printf '%-30s %9s %7s %9s\n' "case / tool" "seconds" "ratio" "ratio-ext"

# ratio BASELINE TIME
ratio() {
	awk -v c="$1" -v b="$2" '$1 == c { a = $2 } END {
	    if (a + 0 > 0 && b + 0 > 0) printf "%.2f", b / a; else print "-" }' \
	    "$tmp/results"
}

row() {
	case_=$1 tool=$2 runs=$3
	shift 3
	t=$(measure "$case_.$tool" "$runs" "$@")
	printf '%-30s %9s %7s %9s\n' "$case_: $tool" "$t" \
	    "$(ratio "$case_.cmark-gfm" "$t")" \
	    "$(ratio "$case_.cmark-gfm-ext" "$t")"
}

# 1. the pages
row pages cmark-gfm "$RUNS" sh -c "$(each 'cmark-gfm -t man' \
    "$tmp/pages.list")"
row pages cmark-gfm-ext "$RUNS" sh -c "$(each "cmark-gfm $EXT -t man" \
    "$tmp/pages.list")"
row pages md2mdoc-make "$RUNS" sh -c "\"$md2mdoc\" -W style -m \
    -r pages/index.md $k -d \"$tmp/man\" \$(cat \"$tmp/pages.list\")"
row pages md2mdoc-make-j2 "$RUNS" sh -c "\"$md2mdoc\" -j 2 -W style -m \
    -r pages/index.md $k -d \"$tmp/manj\" \$(cat \"$tmp/pages.list\")"
row pages md2mdoc-each "$RUNS" sh -c "$(each "\"$md2mdoc\" -W style" \
    "$tmp/pages.list")"
have lowdown && row pages lowdown "$RUNS" sh -c "$(each 'lowdown -tman' \
    "$tmp/pages.list")"
have pandoc && row pages pandoc "$SLOWRUNS" sh -c "$(each \
    'pandoc -f gfm-yaml_metadata_block -t man' "$tmp/pages.list")"

# 2. one 5 MB file
one=$tmp/corpus/one/corpus.md
row one cmark-gfm "$RUNS" cmark-gfm -t man "$one"
row one cmark-gfm-ext "$RUNS" cmark-gfm $EXT -t man "$one"
row one md2mdoc "$RUNS" "$md2mdoc" -W style -o "$tmp/one.9" "$one"
have lowdown && row one lowdown "$RUNS" lowdown -tman "$one"
have pandoc && row one pandoc "$SLOWRUNS" pandoc -f gfm-yaml_metadata_block -t man "$one"

# 3. the same as 500 files
row many cmark-gfm "$RUNS" sh -c "$(each 'cmark-gfm -t man' \
    "$tmp/many.list")"
row many cmark-gfm-ext "$RUNS" sh -c "$(each "cmark-gfm $EXT -t man" \
    "$tmp/many.list")"
row many md2mdoc-one-run "$RUNS" sh -c "\"$md2mdoc\" -W style \
    -d \"$tmp/many.man\" \$(cat \"$tmp/many.list\")"
row many md2mdoc-one-run-j2 "$RUNS" sh -c "\"$md2mdoc\" -j 2 -W style \
    -d \"$tmp/many.manj\" \$(cat \"$tmp/many.list\")"
row many md2mdoc-each "$RUNS" sh -c "$(each "\"$md2mdoc\" -W style" \
    "$tmp/many.list")"
have lowdown && row many lowdown "$RUNS" sh -c "$(each 'lowdown -tman' \
    "$tmp/many.list")"
have pandoc && row many pandoc "$SLOWRUNS" sh -c "$(each \
    'pandoc -f gfm-yaml_metadata_block -t man' "$tmp/many.list")"
exit 0
