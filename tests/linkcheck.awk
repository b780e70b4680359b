# linkcheck.awk -- check every link of the manual's web site.
#
# Usage: awk -v manurl=TEMPLATE -v srcurl=TEMPLATE -v commit=HASH \
#	    -v pages="lwkt.9 md2mdoc.1 ..." -f tests/linkcheck.awk html/*.html
#
#   - a link without a scheme (href, src) names a file that exists, and
#     its #fragment an id in that file;
#   - an .Xr link to a page of this manual (pages) stays on the site;
#     any other is manurl with %N and %S from the link's text;
#   - a .Pa link is srcurl with %C the commit and %P the link's text, and
#     no path under sys/ is left without one;
#   - no other link leaves the site, except .Lk and .Mt links.
# Prints one line per broken link and "links: N checked, N broken".

function fail(msg) { printf "%s: %s\n", FILENAME_, msg; bad++ }
function exists(p,    r, l) { r = (getline l < p); close(p); return r >= 0 }
function unesc(s) {
	gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
	gsub(/&amp;/, "\\&", s)
	return s
}
function fillin(tpl, a, b, c,    out, n, k) {
	out = ""
	while ((n = index(tpl, "%")) > 0) {
		k = substr(tpl, n + 1, 1)
		out = out substr(tpl, 1, n - 1) (k == "N" ? a : k == "S" ? b : \
		    k == "C" ? commit : k == "P" ? c : "%" k)
		tpl = substr(tpl, n + 2)
	}
	return out tpl
}
function dirof(p) { return p ~ /\// ? substr(p, 1, match(p, /\/[^\/]*$/)) : "" }

BEGIN {
	n = split(pages, pl, " ")
	for (i = 1; i <= n; i++)
		ours[pl[i]] = 1
}
{ text[FILENAME] = text[FILENAME] "\n" $0 }
END {
	for (f in text) {
		s = text[f]
		while (match(s, / id="[^"]*"/)) {
			ids[f, unesc(substr(s, RSTART + 5, RLENGTH - 6))] = 1
			s = substr(s, RSTART + RLENGTH)
		}
	}
	for (f in text) {
		FILENAME_ = f
		s = text[f]
		while (match(s, /<(a|link|script)[^>]*>/)) {
			tag = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
			if (!match(tag, / (href|src)="[^"]*"/))
				continue
			url = substr(tag, RSTART + 1, RLENGTH - 2)
			sub(/^[a-z]*="/, "", url)
			url = unesc(url)
			cls = ""
			if (match(tag, / class="[^"]*"/))
				cls = substr(tag, RSTART + 8, RLENGTH - 9)
			# the link text, up to the end of the element
			label = ""
			if (tag ~ /^<a/ && match(s, /<\/a>/))
				label = substr(s, 1, RSTART - 1)
			gsub(/<[^>]*>/, "", label)
			label = unesc(label)
			checked++
			if (url ~ /^[a-zA-Z][a-zA-Z0-9+.-]*:/) {
				if (cls == "Xr") {
					nm = label; sub(/\(.*/, "", nm)
					sc = label; sub(/^[^(]*\(/, "", sc); sub(/\).*/, "", sc)
					if ((nm "." sc) in ours)
						fail(label " leaves the site: " url)
					else if (url != fillin(manurl, nm, sc))
						fail(label " does not follow the manual template: " url)
				} else if (cls == "Pa") {
					if (url != fillin(srcurl, "", "", label))
						fail(label " does not follow the source template: " url)
				} else if (cls != "Lk" && cls != "Mt")
					fail("unexpected external link: " url)
				continue
			}
			file = url; frag = ""
			if (index(url, "#") > 0) {
				file = substr(url, 1, index(url, "#") - 1)
				frag = substr(url, index(url, "#") + 1)
			}
			path = file == "" ? f : dirof(f) file
			if (!(path in text) && !exists(path)) {
				fail("no file " file)
				continue
			}
			if (frag != "" && !((path, frag) in ids))
				fail("no id " frag " in " (file == "" ? "this page" : file))
			if (cls == "Xr") {
				nm = label; sub(/\(.*/, "", nm)
				sc = label; sub(/^[^(]*\(/, "", sc); sub(/\).*/, "", sc)
				if (!((nm "." sc) in ours))
					fail(label " links into the site but is not a page of it")
			}
		}
		# source paths that should have been links
		s = text[f]
		while (match(s, /<span class="Pa">sys\/[^<]*<\/span>/)) {
			fail("unlinked source path " substr(s, RSTART + 17, RLENGTH - 24))
			s = substr(s, RSTART + RLENGTH)
		}
	}
	printf "links: %d checked, %d broken\n", checked, bad
	exit (bad > 0 || checked == 0)
}
