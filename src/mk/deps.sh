#!/bin/sh
# deps.sh -- install what md2mdoc needs to build and test.
#
# On Debian: the cmark-gfm libraries and the test tools from the archive, and
# libmandoc built from Debian's own mdocml source package into deps/.
# Elsewhere (the BSDs): print what to install, since ports and base differ.
#
# Usage: sh src/mk/deps.sh DEPSDIR
set -e

deps=${1:-deps}
case $deps in /*) ;; *) deps=$(pwd)/$deps ;; esac

# Packages: build (cmark-gfm, zlib for libmandoc, dpkg-dev for apt-get
# source), the second make and compiler we test with, the two man
# systems the install tests exercise (mandoc and man-db), and what the
# web site and PDF tests use: headless Chromium driven by Selenium, a
# font for its screenshots, and pdftotext.
pkgs="libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm zlib1g-dev
	dpkg-dev gcc clang make bmake mandoc man-db ca-certificates
	groff-base w3m chromium chromium-driver python3-selenium
	fonts-dejavu-core poppler-utils"

say() { printf 'deps: %s\n' "$*"; }

if ! command -v apt-get >/dev/null 2>&1; then
	cat <<'MSG'
deps: this is not a Debian system; install these yourself:
  cmark-gfm (with its extensions library):
    DragonFly/FreeBSD: pkg install cmark-gfm    (or textproc/cmark-gfm in
    dports/ports); NetBSD: pkgin install cmark-gfm; OpenBSD: pkg_add cmark-gfm
  libmandoc (libmandoc.a and mandoc.h, roff.h, mandoc_parse.h):
    the textproc/mandoc port, or build it from the base system's copy:
      cd /usr/src/contrib/mdocml && echo INSTALL_LIBMANDOC=1 >configure.local
      ./configure && make libmandoc.a && make lib-install
Then point the Makefile at them if they are not under /usr/local:
  make CMARK_PREFIX=/usr/pkg MANDOC_PREFIX=/usr/local
For the web site and PDF tests of make check: chromium (with its
chromedriver), Python's selenium and poppler-utils (pdftotext).
MSG
	exit 0
fi

# A deb-src entry is needed for apt-get source.  Derive it from the
# machine's own deb entries; never name a mirror here.
has_src() {
	grep -Eqs '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list \
	    /etc/apt/sources.list.d/*.list && return 0
	grep -Eqs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources
}

add_src() {
	out=/etc/apt/sources.list.d/md2mdoc-deb-src
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		case $f in */md2mdoc-deb-src.sources) continue ;; esac
		# Keep each stanza whose Types has deb; rewrite Types to deb-src.
		awk '
			function flush() {
				if (isdeb) printf "%s\n", buf
				buf = ""; isdeb = 0
			}
			/^[[:space:]]*$/ { flush(); next }
			/^Types:/ {
				if ($0 ~ /[[:space:]]deb([[:space:]]|$)/) isdeb = 1
				buf = buf "Types: deb-src\n"; next
			}
			{ buf = buf $0 "\n" }
			END { flush() }
		' "$f"
	done >"$out.sources.tmp"
	if [ -s "$out.sources.tmp" ]; then
		mv "$out.sources.tmp" "$out.sources"
	else
		rm -f "$out.sources.tmp"
	fi
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
	    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' >"$out.list.tmp"
	if [ -s "$out.list.tmp" ]; then
		mv "$out.list.tmp" "$out.list"
	else
		rm -f "$out.list.tmp"
	fi
	has_src || { say "no deb entries to derive deb-src from"; exit 1; }
	say "added deb-src entries derived from the deb entries"
}

export DEBIAN_FRONTEND=noninteractive
if ! has_src; then
	add_src
fi
say "apt-get update"
apt-get update -qq
say "installing packages"
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $pkgs >/dev/null

# The GitHub Flavored Markdown specification, whose examples make check
# runs (tests/spec.sh): test/spec.txt of Debian's cmark-gfm source.
if [ -f "$deps/spec.txt" ]; then
	say "the GFM spec already in $deps"
else
	say "fetching the GFM spec from the cmark-gfm source package"
	rm -rf "$deps/src/cmark-gfm"
	mkdir -p "$deps/src/cmark-gfm"
	(cd "$deps/src/cmark-gfm" && apt-get source -qq cmark-gfm \
	    >/dev/null 2>&1) || { say "apt-get source cmark-gfm failed"; exit 1; }
	spec=$(find "$deps/src/cmark-gfm" -path '*/test/spec.txt' | head -n 1)
	[ -n "$spec" ] || { say "no test/spec.txt in cmark-gfm's source"; exit 1; }
	cp "$spec" "$deps/spec.txt"
fi

if [ -f "$deps/lib/libmandoc.a" ] && [ -f "$deps/include/mandoc_parse.h" ]; then
	say "libmandoc already in $deps"
	exit 0
fi

say "building libmandoc from the mdocml source package"
rm -rf "$deps/src"
mkdir -p "$deps/src"
(cd "$deps/src" && apt-get source -qq mdocml >/dev/null 2>&1) || {
	say "apt-get source mdocml failed"; exit 1; }
srcdir=$(find "$deps/src" -maxdepth 1 -type d -name 'mdocml-*' | head -n 1)
[ -n "$srcdir" ] || { say "no mdocml-* source directory"; exit 1; }
cat >"$srcdir/configure.local" <<CONF
PREFIX="$deps"
LIBDIR="$deps/lib"
INCLUDEDIR="$deps/include"
INSTALL_LIBMANDOC=1
CFLAGS="-g -O2 -fPIC"
CONF
(
	cd "$srcdir"
	./configure >configure.out 2>&1
	make libmandoc.a >make.out 2>&1
	make lib-install >>make.out 2>&1
) || { say "building libmandoc failed; see $srcdir/make.out"; exit 1; }
say "libmandoc installed in $deps"
