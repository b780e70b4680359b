# md2mdoc and the DragonFly BSD kernel internals manual.
# Works with GNU make and BSD make (bmake): no pattern rules, no $(shell).

PREFIX ?=	/usr/local
MANDIR ?=	$(PREFIX)/share/man
HTMLDIR ?=	$(PREFIX)/share/doc/md2mdoc/html
DESTDIR ?=
DEPS ?=		deps
# Where cmark-gfm and libmandoc live (headers in include/, libraries
# in lib/).  make deps puts libmandoc in deps/ on Debian.
CMARK_PREFIX ?=	/usr
MANDOC_PREFIX ?=	$(DEPS)
# DragonFly's own manual names and the source index (derived data).
DFLY ?=		../shared/dragonfly

CC ?=		cc
CFLAGS ?=	-O2 -g
WARNFLAGS =	-std=c99 -Wall -Wextra
MYCPPFLAGS =	-D_XOPEN_SOURCE=700 -I$(CMARK_PREFIX)/include \
		-I$(MANDOC_PREFIX)/include
LIBS =		-L$(MANDOC_PREFIX)/lib -L$(CMARK_PREFIX)/lib -lmandoc \
		-lcmark-gfm-extensions -lcmark-gfm -lz
SANFLAGS =	-fsanitize=address,undefined -fno-omit-frame-pointer

LIBSRCS =	src/assemble.c src/buf.c src/command.c \
		src/convention.c src/convert.c src/deflist.c \
		src/emit.c src/hash.c src/inline.c src/html.c \
		src/jobs.c src/links.c src/lint.c src/manual.c \
		src/msg.c src/output.c src/page.c src/srcindex.c \
		src/synopsis.c src/table.c
SRCS =		$(LIBSRCS) src/main.c
OBJS =		src/assemble.o src/buf.o src/command.o \
		src/convention.o src/convert.o src/deflist.o \
		src/emit.o src/hash.o src/inline.o src/html.o \
		src/jobs.o src/links.o src/lint.o src/main.o \
		src/manual.o src/msg.o src/output.o src/page.o \
		src/srcindex.o src/synopsis.o src/table.o
HDRS =		src/convert.h src/md2mdoc.h src/manual.h src/srcindex.h

PAGES !=	find pages -name '*.md' | LC_ALL=C sort
MANPAGES !=	find man -name '*.[1-9]' | LC_ALL=C sort

# How the manual is compiled: strict lint, whole-set checks.
MANFLAGS =	-W style -m -r pages/index.md -k src/xrefs.txt

all: md2mdoc man/.stamp

.SUFFIXES: .c .o
.c.o:
	$(CC) $(CFLAGS) $(WARNFLAGS) $(MYCPPFLAGS) $(CPPFLAGS) -c $< -o $@

$(OBJS): $(HDRS)

md2mdoc: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

md2mdoc-asan: $(SRCS) $(HDRS)
	$(CC) -g -O1 $(SANFLAGS) $(WARNFLAGS) $(MYCPPFLAGS) -o $@ $(SRCS) \
	    $(LIBS)

# The committed man/ tree; md2mdoc leaves unchanged pages untouched.
# One md2mdoc run compiles them all (the whole-set checks need every
# page); it runs as many worker processes as make -jN allows.
man/.stamp: md2mdoc $(PAGES) src/xrefs.txt
	@k=; if [ -d "$(DFLY)" ]; then k="-k $(DFLY) -x $(DFLY)"; fi; \
	    j=$$(echo " $$MAKEFLAGS" | sed -n 's/.* -j *\([0-9][0-9]*\).*/\1/p'); \
	    ./md2mdoc -j $${j:-1} $(MANFLAGS) $$k -d man $(PAGES)
	@touch $@

deps:
	sh src/mk/deps.sh $(DEPS)

# The manual as a web site (html/) and as one PDF, from the committed
# man/ tree and the tree of pages/; needs mandoc, not md2mdoc.  Links to
# DragonFly's own manual pages and to its source at the pinned commit
# follow these templates (%N name, %S section; %C commit, %P path).
DFLY_COMMIT ?=	f86fcbe23f8a8a01df1f4105d5c566861111e6cc
DFLY_MAN_URL ?=	https://man.dragonflybsd.org/?command=%N&section=%S
DFLY_SRC_URL ?=	https://github.com/DragonFlyBSD/DragonFlyBSD/blob/%C/%P
PDF ?=		internals.pdf

# html/ is rebuilt each time (about a second): it depends on the
# templates as much as on the files.
html:
	@sh src/site/html.sh man pages html "$(DFLY_MAN_URL)" \
	    "$(DFLY_SRC_URL)" "$(DFLY_COMMIT)"

pdf: $(PDF)
$(PDF): $(MANPAGES) $(PAGES) src/site/pdf.sh src/site/tree.sh src/site/nav.awk
	@sh src/site/pdf.sh man pages $(PDF)

install-html: html
	@mkdir -p "$(DESTDIR)$(HTMLDIR)"
	@for f in html/*; do d="$(DESTDIR)$(HTMLDIR)/$${f#html/}"; \
	    rm -f "$$d" && cp "$$f" "$$d" && chmod 444 "$$d" || exit 1; done
	@echo "install-html: the site is in $(DESTDIR)$(HTMLDIR)"

uninstall-html:
	@cd "$(DESTDIR)$(HTMLDIR)" 2>/dev/null && rm -f index.html \
	    *.[1-9].html style.css search.js search-index.js || true
	@rmdir "$(DESTDIR)$(HTMLDIR)" 2>/dev/null || true

# Check every source name the pages use against a real source tree:
#	make refcheck SRC=/usr/src
SRC ?=		/usr/src
refcheck: md2mdoc
	@k=; if [ -d "$(DFLY)" ]; then k="-k $(DFLY)"; fi; \
	    ./md2mdoc -T lint -W warning -r pages/index.md -k src/xrefs.txt \
	    $$k -x $(SRC) $(PAGES)

# Installs the committed man/ tree; needs neither cmark-gfm nor libmandoc
# and never rebuilds.  MANCOMPRESS=yes gzips; WHATIS=auto|mandb|makewhatis.
MANCOMPRESS ?=	no
WHATIS ?=	auto
install:
	sh src/mk/install.sh install "$(DESTDIR)" "$(MANDIR)" \
	    "$(MANCOMPRESS)" "$(WHATIS)" "$(DFLY)"

uninstall:
	sh src/mk/install.sh uninstall "$(DESTDIR)" "$(MANDIR)" \
	    "$(MANCOMPRESS)" "$(WHATIS)" "$(DFLY)"

# The fuzzing harness: fuzz-replay (any compiler, ASan and UBSan) runs
# it over the corpus in make check; make fuzz runs libFuzzer (clang) for
# FUZZTIME seconds, adding what it finds to tests/fuzz/found/.
FUZZCC ?=	clang
FUZZTIME ?=	600
FUZZSEEDS =	tests/fuzz/corpus tests/golden tests/errors pages
fuzz-replay: tests/fuzz/fuzz.c $(LIBSRCS) $(HDRS)
	$(CC) -g -O1 $(SANFLAGS) $(WARNFLAGS) $(MYCPPFLAGS) -DREPLAY \
	    -o $@ tests/fuzz/fuzz.c $(LIBSRCS) $(LIBS)

fuzz-md2mdoc: tests/fuzz/fuzz.c $(LIBSRCS) $(HDRS)
	$(FUZZCC) -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined $(WARNFLAGS) $(MYCPPFLAGS) \
	    -o $@ tests/fuzz/fuzz.c $(LIBSRCS) $(LIBS)

fuzz: fuzz-md2mdoc
	mkdir -p tests/fuzz/found
	./fuzz-md2mdoc -max_total_time=$(FUZZTIME) -print_final_stats=1 \
	    -timeout=10 -rss_limit_mb=2048 tests/fuzz/found $(FUZZSEEDS)

runstat: tests/runstat.c
	$(CC) $(CFLAGS) $(WARNFLAGS) -D_XOPEN_SOURCE=700 -o $@ tests/runstat.c

# md2mdoc against cmark-gfm, lowdown and pandoc (where installed).
bench: md2mdoc runstat
	sh tests/bench/bench.sh ./md2mdoc ./runstat

check: all md2mdoc-asan fuzz-replay runstat html $(PDF)
	sh tests/run.sh ./md2mdoc
	sh tests/apropos.sh
	sh tests/site.sh html $(PDF) "$(DFLY_MAN_URL)" "$(DFLY_SRC_URL)" \
	    "$(DFLY_COMMIT)"
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	    ./fuzz-replay $(FUZZSEEDS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	    sh tests/spec.sh ./md2mdoc ./fuzz-replay $(DEPS)/spec.txt
	sh tests/patho.sh ./md2mdoc ./runstat
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	    sh tests/run.sh ./md2mdoc-asan

check-asan: md2mdoc-asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
	    sh tests/run.sh ./md2mdoc-asan

clean:
	rm -f md2mdoc md2mdoc-asan fuzz-replay fuzz-md2mdoc runstat $(OBJS) \
	    man/.stamp $(PDF)
	rm -rf html html.new

.PHONY: all deps check check-asan clean install uninstall refcheck fuzz \
		bench html pdf install-html uninstall-html
