#!/bin/sh
# tests/apropos.sh: the searches pages/index.md documents, as a reader
# types them, after a plain `make install` into a temporary root.
#
# "Finding a page" in pages/index.md has two command blocks: the first
# for DragonFly and the BSDs (mandoc's man and apropos), the second for
# Debian and Linux (man-db's man and apropos, mandoc's as mapropos).
# Each command runs as written with MANPATH set to the root; on Debian
# the BSD block runs with mandoc's programs under Debian's names (mman,
# mapropos).  Each must find the page this test expects of it, and the
# README must show the same commands.
#
# Usage: sh tests/apropos.sh    (from the top of the tree)
# Ends with "N passed, N failed, N skipped".

top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-apropos.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
set -f

# the code blocks of the section, numbered: "N<TAB>command"
awk '
	/^## / { insec = ($0 == "## Finding a page") }
	insec && /^```/ { if (inblock) inblock = 0; else { inblock = 1; n++ }
	    next }
	insec && inblock && NF { print n "\t" $0 }
' "$top/pages/index.md" >"$tmp/blocks"
nblocks=$(cut -f1 "$tmp/blocks" | sort -u | wc -l)
if [ "$nblocks" -ne 2 ]; then
	bad "pages/index.md, Finding a page: $nblocks command blocks, not 2"
	echo "$pass passed, $fail failed, $skip skipped"
	exit 1
fi

# What a documented command must print: a pattern for grep -E.
# A command without an entry here is a failure: add what it should find.
want() {
	case $1 in
	"9 internals")		echo 'INTERNALS\(9\)' ;;
	"9 lwkt_switch")	echo 'LWKT\(9\)' ;;
	"-k lwkt")		echo '^lwkt[ ,(]' ;;
	"-s 9 token")		echo '^lwkt_token[ ,(]' ;;
	"Fn=lwkt_switch")	echo '^lwkt[ ,(]' ;;
	"Pa~lwkt_thread.c")	echo '^lwkt[ ,(]' ;;
	*)			return 1 ;;
	esac
}

dest=$tmp/dest
mdir=$dest/usr/local/share/man
make -s install DESTDIR="$dest" >"$tmp/install.out" 2>&1 ||
    { bad "make install"; cat "$tmp/install.out"; }
command -v mandb >/dev/null 2>&1 && { [ -f "$mdir/index.db" ] && ok ||
    bad "make install built no man-db index ($mdir/index.db)"; }
command -v makewhatis >/dev/null 2>&1 && { [ -f "$mdir/mandoc.db" ] && ok ||
    bad "make install built no mandoc.db"; }

# run BLOCK SYSTEM PROGRAM-MAP: each command of the block
run() {
	block=$1 system=$2
	grep "^$block	" "$tmp/blocks" | cut -f2- >"$tmp/cmds"
	while read -r prog args; do
		cmd="$prog $args"
		if ! pat=$(want "$args"); then
			bad "$system: no expectation for \"$cmd\" in tests/apropos.sh"
			continue
		fi
		sed 's/^[[:space:]]*//' "$top/README" | grep -qxF -- "$cmd" &&
		    ok || bad "README does not show \"$cmd\""
		case $system:$prog in
		bsd:man) exe=mman ;;
		bsd:apropos) exe=mapropos ;;
		*) exe=$prog ;;
		esac
		command -v "$exe" >/dev/null 2>&1 || exe=$prog
		# shellcheck disable=SC2086
		MANPATH=$mdir $exe $args </dev/null >"$tmp/out" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && grep -Eq "$pat" "$tmp/out"; then
			ok
		else
			bad "$system: \"$cmd\" (as $exe): status $rc, no $pat"
			head -5 "$tmp/out"
		fi
	done <"$tmp/cmds"
}

# DragonFly and the BSDs: mandoc's man and apropos (Debian: mman, mapropos)
if command -v mapropos >/dev/null 2>&1 || command -v makewhatis >/dev/null 2>&1
then
	run 1 bsd
else
	skip=$((skip + 1))
	echo "SKIP: no mandoc apropos here: the BSD searches were not run"
fi
# Debian and Linux: man-db, with mandoc's apropos as mapropos
if command -v mandb >/dev/null 2>&1 && command -v mapropos >/dev/null 2>&1
then
	run 2 debian
	# what the page says of man-db's apropos: no semantic keys
	out=$(MANPATH=$mdir apropos Fn=lwkt_switch 2>&1)
	case $out in
	*"nothing appropriate"*) ok ;;
	*) bad "man-db's apropos Fn=lwkt_switch found something;" \
	    "pages/index.md says it finds nothing: $out" ;;
	esac
else
	skip=$((skip + 1))
	echo "SKIP: no man-db and mapropos here: the Debian searches were not run"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
