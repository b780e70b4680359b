#!/bin/sh
# tests/bench/gencorpus.sh: make the synthetic benchmark corpus from the
# real pages: their bodies, front matter stripped, repeated until the
# total reaches SIZE bytes, written as one page (DIR/one/corpus.md) and
# as COUNT pages of about SIZE/COUNT bytes (DIR/many/pageN.md).  Each
# output page gets its own front matter, so md2mdoc compiles it as a
# page of the manual would be compiled.
#
# Usage: sh tests/bench/gencorpus.sh DIR [SIZE [COUNT]]

dir=$1
size=${2:-5000000}
count=${3:-500}
[ -n "$dir" ] || { echo "usage: gencorpus.sh DIR [SIZE [COUNT]]" >&2; exit 2; }
mkdir -p "$dir/one" "$dir/many" || exit 1

# The bodies of the pages, SEE ALSO sections and links left out (they
# name other pages, which the synthetic pages are not).
bodies() {
	find pages -name '*.md' | LC_ALL=C sort | while read -r f; do
		awk 'NR == 1 && $0 == "---" { fm = 1; next }
		    fm && $0 == "---" { fm = 0; next }
		    fm { next }
		    /^## / { see = tolower($0) ~ /^## see also/ }
		    /^# / { next }
		    !see { gsub(/\]\([^)]*\)/, "]"); print }' "$f"
	done
}
bodies >"$dir/bodies.md"

fm() {
	printf -- '---\nname: %s\nsection: 9\n' "$1"
	printf 'description: synthetic page %s for the benchmark\n' "$1"
	printf 'date: 2026-11-24\n---\n\n'
}

# one page of SIZE bytes
reps=$((size / $(wc -c <"$dir/bodies.md") + 1))
{ fm corpus; i=0; while [ $i -lt $reps ]; do cat "$dir/bodies.md"
    i=$((i + 1)); done; } | head -c "$size" >"$dir/one/corpus.md"
# cut at the last blank line so no block is left open
awk '{ l[NR] = $0 } /^$/ { last = NR } END {
    for (i = 1; i < last; i++) print l[i] }' "$dir/one/corpus.md" \
    >"$dir/one/tmp" && mv "$dir/one/tmp" "$dir/one/corpus.md"

# COUNT pages, each cut from the body stream at a blank line
awk -v dir="$dir/many" -v count="$count" -v per="$((size / count - 140))" '
    function fm(n) {
	f = dir "/page" n ".md"
	printf "---\nname: page%d\nsection: 9\n", n > f
	printf "description: synthetic page %d for the benchmark\n", n > f
	printf "date: 2026-11-24\n---\n\n## Description\n\n" > f
	bytes = 0
    }
    BEGIN { n = 0; fm(n) }
    {
	lines[NR] = $0
    }
    END {
	i = 1
	while (n < count) {
		print lines[i] > f
		bytes += length(lines[i]) + 1
		if (lines[i] == "" && bytes >= per && !incode) {
			close(f); n++
			if (n < count) fm(n)
		}
		if (lines[i] ~ /^```/) incode = !incode
		i = i % NR + 1
	}
    }' "$dir/bodies.md"
rm -f "$dir/bodies.md"
