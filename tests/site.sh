#!/bin/sh
# tests/site.sh: the manual's web site and PDF, run by make check after
# make html pdf.
#
#	links		every link of the site (tests/linkcheck.awk), and
#			the checker finds links broken on purpose
#	search index	the same names and keys as mandoc's apropos database
#			(tests/indexcheck.awk)
#	PDF		one run of sheets per page, in the order of the tree,
#			each page starting on a sheet of its own (pdftotext)
#	install-html	the site under DESTDIR/HTMLDIR, and removed again
#	browser		headless Chromium (tests/browser.py); screenshots in
#			tests/out/site/; skipped only where chromium is absent
#
# Usage: sh tests/site.sh HTMLDIR PDF MANURL SRCURL COMMIT
# Ends with "N passed, N failed, N skipped".

[ $# -eq 5 ] || { echo "usage: site.sh HTMLDIR PDF MANURL SRCURL COMMIT" >&2
	exit 2; }
html=$1 pdf=$2 manurl=$3 srcurl=$4 commit=$5
top=$(pwd)
out=$top/tests/out/site
tmp=$(mktemp -d "${TMPDIR:-/tmp}/md2mdoc-site.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

pages=$(ls man/man[1-9]/ | grep '\.[1-9]$' | LC_ALL=C sort | tr '\n' ' ')
npages=$(echo $pages | wc -w)
linkcheck() {
	awk -v manurl="$manurl" -v srcurl="$srcurl" -v commit="$commit" \
	    -v pages="$pages" -f "$top/tests/linkcheck.awk" "$1"/*.html
}

# 1. links
[ -f "$html/index.html" ] && ok || bad "no $html/index.html: run make html"
n=$(ls "$html"/*.html 2>/dev/null | wc -l)
[ "$n" -eq "$npages" ] && ok ||
    bad "$html has $n pages, man/ has $npages"
if linkcheck "$html" >"$tmp/links"; then ok; else
	bad "broken links in $html"
	head -20 "$tmp/links"
fi
tail -1 "$tmp/links"
# the checker itself: a missing page, a fragment without its id, a .Pa
# at another commit, an .Xr to a page of ours that leaves the site
cp -R "$html" "$tmp/broken"
first=$(echo $pages | cut -d' ' -f2)
rm "$tmp/broken/$first.html"
sed -e 's/href="#DESCRIPTION"/href="#NO_SUCH_SECTION"/' \
    -e "s/$commit/0000000/" \
    -e 's|class="Xr" href="lwkt\.9\.html"|class="Xr" href="https://example.org/lwkt"|' \
    "$html/index.html" >"$tmp/broken/index.html"
linkcheck "$tmp/broken" >"$tmp/blinks"
for what in "no file $first.html" "no id NO_SUCH_SECTION" \
    "does not follow the source template" "lwkt(9) leaves the site"; do
	grep -qF "$what" "$tmp/blinks" && ok ||
	    bad "the link checker missed: $what"
done

# 2. the search index holds what apropos knows
if command -v makewhatis >/dev/null 2>&1 && command -v mapropos >/dev/null 2>&1
then
	cp -R man "$tmp/man"
	makewhatis "$tmp/man"
	for t in Fn Vt Dv Va Pa Xr; do
		mapropos -M "$tmp/man" -O $t 'Nm~.' >"$tmp/db.$t"
	done
	if awk -f "$top/tests/indexcheck.awk" "$html/search-index.js" \
	    "$tmp"/db.Fn "$tmp"/db.Vt "$tmp"/db.Dv "$tmp"/db.Va \
	    "$tmp"/db.Pa "$tmp"/db.Xr >"$tmp/index"; then ok; else
		bad "the search index differs from mandoc.db"
		head -20 "$tmp/index"
	fi
	tail -1 "$tmp/index"
else
	skip=$((skip + 1))
	echo "SKIP: no makewhatis/mapropos: search index not compared"
fi

# 3. the PDF: sheets in runs, one run per page in the order of the tree
if command -v pdftotext >/dev/null 2>&1; then
	# the headers the pages should have, in order: .Dt TITLE SECTION
	sh src/site/tree.sh pages | awk -v mode=order -f src/site/nav.awk |
	    while read -r p; do
		sed -n 's/^\.Dt \([^ ]*\) \([0-9]\).*/\1(\2)/p' \
		    "man/man${p##*.}/$p"
	    done >"$tmp/want"
	pdftotext -layout "$pdf" "$tmp/pdf.txt" 2>"$tmp/pdf.err" ||
	    bad "pdftotext $pdf: $(cat "$tmp/pdf.err")"
	# per sheet: its header's first word, and whether NAME starts there
	awk 'BEGIN { RS = "\f" }
	    NF { n = split($0, l, "\n"); h = ""; name = 0
		for (i = 1; i <= n; i++) {
			if (h == "" && l[i] ~ /[^ ]/) {
				h = l[i]; sub(/^ */, "", h); sub(/ .*/, "", h)
			}
			if (l[i] ~ /^NAME *$/) name++
		}
		print h, name }' "$tmp/pdf.txt" >"$tmp/sheets"
	# runs of the same header; NAME on each run's first sheet only
	awk '$1 != prev { print $1; if ($2 != 1) bad = 1; prev = $1; next }
	    $2 != 0 { bad = 1 }
	    END { exit bad }' "$tmp/sheets" >"$tmp/runs" && ok ||
	    bad "$pdf: a page whose NAME is not alone at the top of its first sheet"
	if cmp -s "$tmp/want" "$tmp/runs"; then ok; else
		bad "$pdf: pages not one per run of sheets in the order of the tree"
		diff "$tmp/want" "$tmp/runs" | head -10
	fi
	echo "pdf: $(wc -l <"$tmp/sheets" | tr -d ' ') sheets," \
	    "$(wc -l <"$tmp/runs" | tr -d ' ') pages"
else
	skip=$((skip + 1))
	echo "SKIP: no pdftotext (poppler-utils): $pdf not checked"
fi

# 4. make install-html into a DESTDIR, and uninstall-html
dest=$tmp/dest
make -s install-html DESTDIR="$dest" HTMLDIR=/share/site >/dev/null 2>&1
if diff -r "$html" "$dest/share/site" >/dev/null; then ok; else
	bad "make install-html did not install $html"
fi
perm=$(ls -l "$dest/share/site/index.html" 2>/dev/null | cut -c1-10)
[ "$perm" = "-r--r--r--" ] && ok || bad "install-html: mode $perm"
make -s uninstall-html DESTDIR="$dest" HTMLDIR=/share/site >/dev/null 2>&1
[ ! -d "$dest/share/site" ] && ok || bad "uninstall-html left files"

# 5. a real browser
if ! command -v chromium >/dev/null 2>&1 &&
    ! command -v chromium-browser >/dev/null 2>&1; then
	skip=$((skip + 1))
	echo "SKIP: browser test: chromium is not installed (make deps)"
else
	py=
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import selenium' 2>/dev/null; then py=$p; break; fi
	done
	if [ -z "$py" ] || ! command -v chromedriver >/dev/null 2>&1; then
		bad "browser test: chromium without chromedriver or" \
		    "python3-selenium (make deps installs both)"
	else
		rm -rf "$out"
		"$py" "$top/tests/browser.py" "$html" man "$out" "$srcurl" \
		    "$commit" >"$tmp/browser" 2>&1
		rc=$?
		n=$(grep -c '^ok:' "$tmp/browser")
		pass=$((pass + n))
		grep -v '^ok:' "$tmp/browser"
		if [ $rc -ne 0 ] && ! grep -q '^FAIL:' "$tmp/browser"; then
			bad "browser test: status $rc"
		fi
		fail=$((fail + $(grep -c '^FAIL:' "$tmp/browser")))
	fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
