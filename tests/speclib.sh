# speclib.sh -- shared by tests/spec.sh and tests/bench/spec-peers.sh
# (sourced): the examples of the GFM specification as files, and the
# words of an example's visible text.

# spec_split SPEC DIR: each example of SPEC as DIR/exNNN.md; the spec
# writes tabs as U+2192.
spec_split() {
	awk -v dir="$2" '
	/^```````````````````````````````` example/ {
		n++; f = sprintf("%s/ex%03d.md", dir, n); inex = 1
		printf "" > f
		next
	}
	inex == 1 && /^\.$/ { inex = 2; next }
	inex == 2 && /^````````````````````````````````$/ {
		inex = 0; close(f); next
	}
	inex == 1 { gsub(/\xe2\x86\x92/, "\t"); print >> f }
	' "$1"
}

# Words: runs of letters and digits, one a line, lower case.
words() {
	grep -o '[[:alnum:]]\+' | tr '[:upper:]' '[:lower:]' | sort -u
}

# spec_want MD: the words of what w3m shows of cmark-gfm's HTML for MD
# (raw HTML kept, md2mdoc's extensions).  w3m is told to show struck
# text plainly and no made-up names for images without alt text; a
# link ends a word, since a man page prints each link's address after
# its text.
spec_want() {
	cmark-gfm --unsafe -e table -e strikethrough -e autolink "$1" |
	    sed 's#</a>#</a> #g' | w3m -dump -T text/html -cols 200 \
	    -o display_ins_del=2 -o pseudo_inlines=0 | words
}
