#!/bin/sh
# tests/run.sh: the md2mdoc test suite, run by make check.
#
#	tests/golden/NAME.md	converted with -W style (or the level in
#				NAME.args); compared with NAME.out (mdoc)
#				and NAME.err (messages, status on line 1)
#	tests/errors/NAME.md	bad input: compared with NAME.err
#	tests/set/CASE/		whole-set checks: compared with CASE.err
#	man/			lint-clean and not stale
#
# Usage: sh tests/run.sh ./md2mdoc    (UPDATE=1 rewrites expected files)
# Ends with "N passed, N failed".

md2mdoc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(pwd)
dfly=${DFLY:-../shared/dragonfly}
case $dfly in /*) ;; *) dfly=$top/$dfly ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
skip=0
export SOURCE_DATE_EPOCH=1790000000

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# compare EXPECTED ACTUAL NAME
same() {
	if [ -n "$UPDATE" ]; then
		cp "$2" "$1"
		ok
	elif cmp -s "$1" "$2"; then
		ok
	else
		bad "$3"
		diff -u "$1" "$2" | head -20
	fi
}

# mandoc's own lint at style level: nothing but cross references to
# manuals this machine lacks (and its note about its own database).
lint_clean() {
	mandoc -T lint -W style "$1" 2>&1 |
	    grep -v 'referenced manual not found' |
	    grep -v 'outdated mandoc.db' >"$tmp/lint"
	if [ -s "$tmp/lint" ]; then
		bad "$2: mandoc -T lint -W style"
		cat "$tmp/lint"
	else
		ok
	fi
}

# groff formats it without a warning (at 80 columns, as man(1) does on
# systems whose man uses groff).
groff_clean() {
	command -v groff >/dev/null || return 0
	groff -mdoc -Tutf8 -ww -z "$1" >"$tmp/groff" 2>&1
	if [ -s "$tmp/groff" ]; then
		bad "$2: groff -mdoc -ww"
		head -5 "$tmp/groff"
	else
		ok
	fi
}

# Run md2mdoc; the status goes on the first line of the messages.
run() {
	out=$1 err=$2
	shift 2
	"$md2mdoc" "$@" >"$out" 2>"$err.raw"
	rc=$?
	{ echo "rc $rc"; cat "$err.raw"; } >"$err"
}

# 1. golden cases
cd "$top/tests/golden" || exit 1
for md in *.md; do
	n=${md%.md}
	args="-W style"
	[ -f "$n.args" ] && args=$(cat "$n.args")
	# shellcheck disable=SC2086
	run "$tmp/$n.out" "$tmp/$n.err" $args "$md"
	same "$n.out" "$tmp/$n.out" "golden $n (mdoc)"
	same "$n.err" "$tmp/$n.err" "golden $n (messages)"
	# what md2mdoc wrote must lint clean in mandoc itself too
	if [ -s "$tmp/$n.out" ] && command -v mandoc >/dev/null; then
		lint_clean "$tmp/$n.out" "golden $n"
	fi
	[ -s "$tmp/$n.out" ] && groff_clean "$tmp/$n.out" "golden $n"
done

# 2. bad input: one clear message and the documented status
cd "$top/tests/errors" || exit 1
for md in *.md; do
	n=${md%.md}
	run "$tmp/$n.out" "$tmp/$n.err" -W warning "$md"
	same "$n.err" "$tmp/$n.err" "errors $n"
done

# 3. nothing half-written: a failing page leaves the old output alone
echo "old content" >"$tmp/keep.9"
"$md2mdoc" -o "$tmp/keep.9" "$top/tests/errors/unknown-key.md" 2>/dev/null
if [ "$(cat "$tmp/keep.9")" = "old content" ] &&
    [ -z "$(find "$tmp" -name '.keep.9.*')" ]; then ok; else
	bad "failed page overwrote its output or left a temporary file"
fi
"$md2mdoc" -o "$tmp/keep.9" "$top/tests/golden/other.md" 2>/dev/null
if grep -q '^\.Dt OTHER 9' "$tmp/keep.9"; then ok; else
	bad "good page was not written with -o"
fi
# a write that fails part way, as on a full disk (here: past the file
# size limit, with SIGXFSZ ignored so that write(2) returns EFBIG)
awk 'BEGIN { print "---\nname: big\nsection: 9"
    print "description: a page larger than the file size limit"
    print "date: 2026-11-24\n---\n"
    for (i = 0; i < 3000; i++) print "Line " i " of a long page." }' \
    >"$tmp/big.md"
echo "old content" >"$tmp/keep.9"
(trap '' XFSZ; ulimit -f 4; "$md2mdoc" -o "$tmp/keep.9" "$tmp/big.md") \
    2>"$tmp/full.err"
rc=$?
if [ $rc -eq 6 ] && [ "$(cat "$tmp/keep.9")" = "old content" ] &&
    [ -z "$(find "$tmp" -name '.keep.9.*')" ] &&
    grep -q 'SYSERR: write' "$tmp/full.err"; then ok; else
	bad "failed write: status $rc, or output touched, or temporary left"
	cat "$tmp/full.err"
fi
if "$md2mdoc" -o "$tmp/nodir/x.9" "$top/tests/golden/other.md" 2>/dev/null
then bad "write into a missing directory succeeded"
elif [ $? -eq 6 ]; then ok; else bad "unwritable output: status not 6"; fi
"$md2mdoc" "$tmp/no-such-file.md" 2>/dev/null
[ $? -eq 6 ] && ok || bad "unreadable input: status not 6"
"$md2mdoc" -W loud "$top/tests/golden/other.md" >/dev/null 2>&1
[ $? -eq 5 ] && ok || bad "bad -W argument: status not 5"
"$md2mdoc" -Z >/dev/null 2>&1
[ $? -eq 5 ] && ok || bad "unknown option: status not 5"
"$md2mdoc" <"$top/tests/golden/synopsis.md" | grep -q "^\.Dt SYNOPSIS 9" &&
    ok || bad "stdin to stdout"

# 4. whole-set checks
cd "$top/tests/set" || exit 1
for d in */; do
	d=${d%/}
	case $d in collision|unknown-source|clean)
		if [ ! -d "$dfly" ]; then skip=$((skip + 1)); continue; fi ;;
	esac
	kd=
	[ -d "$dfly" ] && kd="-k $dfly -x $dfly"
	# shellcheck disable=SC2086
	(cd "$d" && "$md2mdoc" -T lint -W style -r index.md \
	    -k "$top/src/xrefs.txt" $kd *.md \
	    >"$tmp/$d.report" 2>"$tmp/$d.msgs"; echo "rc $?" >"$tmp/$d.err")
	cat "$tmp/$d.msgs" >>"$tmp/$d.err"
	same "$d.err" "$tmp/$d.err" "set $d"
	# the same with two worker processes: same messages, same order
	# shellcheck disable=SC2086
	(cd "$d" && "$md2mdoc" -j 2 -T lint -W style -r index.md \
	    -k "$top/src/xrefs.txt" $kd *.md \
	    >"$tmp/$d.jreport" 2>"$tmp/$d.jmsgs"; echo "rc $?" >"$tmp/$d.jerr")
	cat "$tmp/$d.jmsgs" >>"$tmp/$d.jerr"
	if [ -z "$UPDATE" ]; then
		same "$d.err" "$tmp/$d.jerr" "set $d with -j 2"
		same "$tmp/$d.report" "$tmp/$d.jreport" "set $d report, -j 2"
	fi
done

# 5. the committed manual: lint-clean, and not stale
cd "$top" || exit 1
if command -v mandoc >/dev/null; then
	for f in man/man*/*.[1-9]; do
		lint_clean "$f" "$f"
		groff_clean "$f" "$f"
	done
fi
k=
[ -d "$dfly" ] && k="-k $dfly -x $dfly"
# shellcheck disable=SC2046,SC2086
"$md2mdoc" -W style -r pages/index.md -k src/xrefs.txt $k -d "$tmp/man" \
    $(find pages -name '*.md' | LC_ALL=C sort) >"$tmp/report" 2>"$tmp/msgs"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/msgs" ]; then ok; else
	bad "pages/ do not compile cleanly (status $rc)"
	head -20 "$tmp/msgs"
fi
# two worker processes write the same pages and the same report
# shellcheck disable=SC2046,SC2086
"$md2mdoc" -j 2 -W style -r pages/index.md -k src/xrefs.txt $k \
    -d "$tmp/manj" $(find pages -name '*.md' | LC_ALL=C sort) \
    >"$tmp/jreport" 2>"$tmp/jmsgs"
if [ $? -eq $rc ] && diff -r "$tmp/man" "$tmp/manj" >/dev/null &&
    cmp -s "$tmp/report" "$tmp/jreport" && cmp -s "$tmp/msgs" "$tmp/jmsgs"
then ok; else bad "md2mdoc -j 2 differs from one process"; fi
# without DragonFly's data the same pages come out (src/xrefs.txt
# lists the DragonFly pages they cite)
# shellcheck disable=SC2046
if "$md2mdoc" -W style -r pages/index.md -k src/xrefs.txt -d "$tmp/man0" \
    $(find pages -name '*.md' | LC_ALL=C sort) >/dev/null 2>"$tmp/msgs0" &&
    diff -r "$tmp/man" "$tmp/man0" >/dev/null; then ok; else
	bad "pages/ do not compile the same without $dfly"
	head -5 "$tmp/msgs0"
fi
if diff -r -x .stamp man "$tmp/man" >"$tmp/stale"; then ok; else
	bad "man/ is stale: run make and commit man/"
	head -20 "$tmp/stale"
fi
grep -q ', 0 unresolved' "$tmp/report" && ok ||
    { [ -d "$dfly" ] && bad "unresolved source references" ||
    skip=$((skip + 1)); }
cat "$tmp/report"

# 6. make install into a DESTDIR, then look pages up as a user would
cd "$top" || exit 1
dest=$tmp/dest
mdir=$dest/usr/local/share/man
if command -v mapropos >/dev/null && command -v makewhatis >/dev/null; then
	make -s install DESTDIR="$dest" WHATIS=makewhatis >/dev/null
	for q in lwkt lwkt_switch Fn=lwkt_switch Pa~lwkt_thread.c \
	    Dv=TDF_RUNNING "-s 9 token" Nd~scheduler; do
		# shellcheck disable=SC2086
		if mapropos -M "$mdir" $q 2>/dev/null | grep -q '^lwkt'; then
			ok
		else
			bad "apropos $q does not find an lwkt page"
		fi
	done
	for p in lwkt lwkt_switch; do
		mman -M "$mdir" 9 "$p" 2>/dev/null | grep -q 'LWKT(9)' && ok ||
		    bad "man 9 $p"
	done
	# every page under every name it declares (front matter name:
	# and names:, the .Nm lines of its NAME section)
	missed=0 names=0
	for f in man/man9/*.9; do
		page=$(basename "$f" .9)
		for nm in $(sed -n '/^\.Sh NAME/,/^\.Nd/s/^\.Nm \([^ ]*\).*/\1/p' \
		    "$f"); do
			names=$((names + 1))
			mapropos -M "$mdir" -s 9 "Nm=$nm" 2>/dev/null |
			    grep -qw "$page" && continue
			missed=$((missed + 1))
			echo "apropos Nm=$nm does not find $page"
		done
	done
	# every page has at least its own name
	if [ $missed -eq 0 ] && [ $names -ge "$(ls man/man9 | wc -l)" ]; then
		ok
	else
		bad "$missed of $names names not found by apropos"
	fi
	# every page by each file of its FILES section and by the first
	# function it names
	missed=0 keys=0
	for f in man/man9/*.9; do
		page=$(basename "$f" .9)
		fn=$(awk '/^\.Fn / { for (i = 2; i <= NF; i++)
		    if ($i ~ /^[A-Za-z_][A-Za-z0-9_]*$/) { print $i; exit } }' \
		    "$f")
		[ -n "$fn" ] || { missed=$((missed + 1))
			echo "$page names no function"; }
		files=$(sed -n '/^\.Sh FILES$/,/^\.Sh [^F]/s/^\.Pa \([^ ]*\).*/\1/p' \
		    "$f")
		for q in ${fn:+Fn=$fn} $(printf 'Pa~%s\n' $files); do
			keys=$((keys + 1))
			mapropos -M "$mdir" -s 9 "$q" 2>/dev/null |
			    grep -Eq "(^|, )$page[(,]" && continue
			missed=$((missed + 1))
			echo "apropos $q does not find $page"
		done
	done
	if [ $missed -eq 0 ] && [ $keys -gt "$(ls man/man9 | wc -l)" ]; then
		ok
	else
		bad "$missed of $keys files and functions not found by apropos"
	fi
	# the pages by their source files and key functions, as the
	# issues that asked for them name them
	for q in Fn=nlookup:namecache Pa~vfs_bio.c:vfs_bio Fn=sosend:sockets \
	    Fn=kmalloc:slaballoc Fn=hammer2_chain_lookup:hammer2_chain \
	    Pa~vm_fault.c:vm_fault Fn=vm_fault:vm_fault \
	    Pa~kern_sig.c:signals Fn=fork1:proc Pa~usched_dfly.c:usched \
	    Fn=pmap_enter:x86_64_pmap Pa~pmap.h:pmap Pa~swtch.s:swtch \
	    Fn=mi_startup:init_main Pa~lapic.c:apic Fn=kmem_alloc:vm_kern \
	    Pa~vm_zone.c:vm_zone Fn=callout_reset:kern_clock; do
		mapropos -M "$mdir" -s 9 "${q%%:*}" 2>/dev/null |
		    grep -qw "${q#*:}" && ok ||
		    bad "apropos ${q%%:*} does not find ${q#*:}"
	done
	perm=$(ls -l "$mdir/man9/lwkt.9" | cut -c1-10)
	[ "$perm" = "-r--r--r--" ] && ok || bad "installed mode is $perm"
	make -s install DESTDIR="$dest" WHATIS=makewhatis >/dev/null &&
	    ok || bad "install twice"
	make -s uninstall DESTDIR="$dest" WHATIS=makewhatis >/dev/null
	left=$(find "$dest" -type f ! -name mandoc.db | wc -l)
	[ "$left" -eq 0 ] && ok || bad "uninstall left $left files"
	make -s uninstall DESTDIR="$dest" WHATIS=makewhatis >/dev/null &&
	    ok || bad "uninstall twice"
else
	skip=$((skip + 1))
fi
if command -v mandb >/dev/null && command -v apropos >/dev/null; then
	rm -rf "$dest"
	make -s install DESTDIR="$dest" MANCOMPRESS=yes WHATIS=mandb \
	    >/dev/null 2>&1
	[ -f "$mdir/man9/lwkt.9.gz" ] && ok || bad "MANCOMPRESS=yes"
	MANPATH=$mdir apropos -s 9 lwkt_switch 2>/dev/null | grep -q lwkt &&
	    ok || bad "man-db apropos lwkt_switch"
	MANPATH=$mdir man -P cat 9 lwkt_switch 2>/dev/null | grep -q LWKT &&
	    ok || bad "man-db man 9 lwkt_switch"
else
	skip=$((skip + 1))
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
