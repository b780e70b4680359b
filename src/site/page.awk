# page.awk -- turn one page of mandoc -T html output into a page of the site.
#
# Usage: awk -v root=internals.9 -v crumbs=HTML -v tree=FILE \
#	    -v srcurl=TEMPLATE -v commit=HASH -f page.awk PAGE.html PAGE.html
#
# The file is read twice: first for its ids and headings, then to write
# it out with
#   - the site header: the breadcrumb trail (crumbs) and the search box;
#   - a table of contents of the sections and subsections;
#   - the tree of the manual (the contents of the file tree) on the
#     entry page;
#   - every heading with an id (mandoc gives none to a heading that holds
#     a macro), and each link to a section pointing at its heading's id
#     (mandoc writes a hyphen in .Sh text but an underscore in .Sx, and
#     may take a heading's id from its first word alone);
#   - each .Pa under sys/ linked to the source browser: srcurl with %C
#     replaced by commit and %P by the path;
#   - links to the root page going to index.html.

function attresc(s) { gsub(/&/, "\\&amp;", s); gsub(/"/, "\\&quot;", s); return s }
function untag(s) { gsub(/<[^>]*>/, "", s); gsub(/[ \t\n]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
# the letters and digits of s, entities left out, in upper case (.Sx
# repeats a heading in capitals, code spans in it too)
function alnum(s) {
	gsub(/&[#a-zA-Z0-9]+;/, "", s)
	gsub(/[^A-Za-z0-9]/, "", s)
	return toupper(s)
}
# an id from heading text, with the characters mandoc keeps in ids
function mkid(s,    out, i, c) {
	gsub(/&[#a-zA-Z0-9]*;/, "_", s)
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		out = out (c ~ /[A-Za-z0-9!$&'()*+,.\/:;=?@_-]/ ? c : "_")
	}
	return out
}
function fillin(tpl, path,    out, n) {
	out = ""
	while ((n = index(tpl, "%")) > 0) {
		out = out substr(tpl, 1, n - 1)
		if (substr(tpl, n + 1, 1) == "C")
			out = out commit
		else if (substr(tpl, n + 1, 1) == "P")
			out = out path
		else
			out = out substr(tpl, n, 2)
		tpl = substr(tpl, n + 2)
	}
	return out tpl
}

# pass 1: ids, and the headings for the table of contents
FNR == NR {
	s = $0
	while (match(s, / id="[^"]*"/)) {
		ids[substr(s, RSTART + 5, RLENGTH - 6)] = 1
		s = substr(s, RSTART + RLENGTH)
	}
	if ($0 ~ /<h[12] class="S[hs]"/) {
		inhead = 1; htext = ""; nhead++
		hlevel[nhead] = $0 ~ /<h1/ ? 1 : 2
		if (match($0, /<h[12] class="S[hs]" id="[^"]*"/))
			hid[nhead] = substr($0, RSTART + 19, RLENGTH - 20)
	}
	if (inhead) {
		htext = htext " " $0
		if ($0 ~ /<\/h[12]>/) {
			inhead = 0
			sub(/.*<h[12][^>]*>/, "", htext)
			sub(/<\/h[12]>.*/, "", htext)
			hlabel[nhead] = untag(htext)
		}
	}
	next
}

FNR == 1 {
	# ids for headings without one, unique in the page
	for (i = 1; i <= nhead; i++) {
		if (hid[i] != "")
			continue
		id = mkid(hlabel[i])
		for (n = 2; id in ids; n++)
			id = mkid(hlabel[i]) "~" n
		hid[i] = id
		ids[id] = 1
		added[i] = 1
	}
	# link targets that name a heading differently from its id (mandoc
	# makes an .Sx target from all of its text, a heading's id sometimes
	# from its first word; \& and - become & and _ in one, not the
	# other): matched on letters and digits alone, headings first
	for (i = 1; i <= nhead; i++)
		if (!((k = alnum(hlabel[i])) in near))
			near[k] = hid[i]
	for (id in ids)
		if (!((k = alnum(id)) in near))
			near[k] = id
	ihead = 0
}

/<\/head>/ {
	print "  <meta name=\"color-scheme\" content=\"light dark\"/>"
	print "  <script src=\"search-index.js\" defer></script>"
	print "  <script src=\"search.js\" defer></script>"
}

/<body>/ {
	print
	print "<header class=\"site\">"
	print "<nav class=\"crumbs\" aria-label=\"Where this page is in the manual\">" crumbs "</nav>"
	print "<form class=\"search\" role=\"search\" id=\"search\" hidden>"
	print "<input type=\"search\" id=\"search-box\" name=\"q\" autocomplete=\"off\""
	print "    placeholder=\"Search: lwkt_gettoken, vm_fault.c\""
	print "    aria-label=\"Search the manual\" aria-controls=\"search-results\"/>"
	print "<ol id=\"search-results\" hidden></ol>"
	print "</form>"
	print "</header>"
	print "<div class=\"site-page\">"
	ntoc = 0
	for (i = 1; i <= nhead; i++)
		if (hlabel[i] != "NAME")
			ntoc++
	if (ntoc > 2) {
		print "<nav class=\"toc\" aria-label=\"Sections of this page\">"
		print "<ul>"
		prev = 0
		for (i = 1; i <= nhead; i++) {
			if (hlabel[i] == "NAME")
				continue
			if (prev == 1 && hlevel[i] == 2)
				print "<ul>"
			else if (prev == 2 && hlevel[i] == 1)
				print "</li></ul></li>"
			else if (prev)
				print "</li>"
			printf "<li><a href=\"#%s\">%s</a>", attresc(hid[i]), hlabel[i]
			prev = hlevel[i]
		}
		print (prev == 2 ? "</li></ul></li>" : "</li>")
		print "</ul>"
		print "</nav>"
	}
	print "<main>"
	next
}

/<\/body>/ {
	print "</main>"
	print "</div>"
	print
	next
}

/<div class="manual-text">/ && tree != "" {
	print "<nav class=\"tree\" id=\"tree\" aria-label=\"The manual by source directory\">"
	print "<h1>The manual by source directory</h1>"
	while ((getline l < tree) > 0)
		print l
	close(tree)
	print "</nav>"
}

{
	line = $0
	if (line ~ /<h[12] class="S[hs]"/) {
		ihead++
		if (added[ihead] && match(line, /<h[12] class="S[hs]"/))
			line = substr(line, 1, RSTART + RLENGTH - 1) " id=\"" \
			    attresc(hid[ihead]) "\"" substr(line, RSTART + RLENGTH)
	}
	out = ""
	# fragment links to an id that exists, or nearly
	while (match(line, /href="#[^"]*"/)) {
		f = substr(line, RSTART + 7, RLENGTH - 8)
		if (!(f in ids) && ((k = alnum(f)) in near))
			f = near[k]
		out = out substr(line, 1, RSTART - 1) "href=\"#" f "\""
		line = substr(line, RSTART + RLENGTH)
	}
	line = out line
	out = ""
	while (match(line, /<span class="Pa">[^<]*<\/span>/)) {
		p = substr(line, RSTART + 17, RLENGTH - 24)
		out = out substr(line, 1, RSTART - 1)
		if (p ~ /^sys\//)
			out = out "<a class=\"Pa\" href=\"" attresc(fillin(srcurl, p)) \
			    "\">" p "</a>"
		else
			out = out substr(line, RSTART, RLENGTH)
		line = substr(line, RSTART + RLENGTH)
	}
	line = out line
	out = ""
	rl = "href=\"" root ".html\""
	while ((n = index(line, rl)) > 0) {
		out = out substr(line, 1, n - 1) "href=\"index.html\""
		line = substr(line, n + length(rl))
	}
	print out line
}
