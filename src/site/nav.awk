# nav.awk -- navigation from the manual's tree (the output of tree.sh).
#
# Usage: sh tree.sh pages | awk -v mode=MODE -f nav.awk
#
#	mode=order	each page as NAME.SECTION, in the order of the tree
#	mode=crumbs	NAME.SECTION, a tab, and the page's breadcrumb trail:
#			where it sits in the tree, linked up to each index
#	mode=tree	the whole tree as nested HTML lists (the entry page)
#
# The root's page (pages/index.md) is the site's index.html.
BEGIN { FS = "\t" }
function esc(s) {
	gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
	gsub(/"/, "\\&quot;", s)
	return s
}
function url(n, s) { return n "." s == rootpage ? "index.html" : n "." s ".html" }
function base(d) { sub(/.*\//, "", d); return d }
{
	depth = $1 + 0; kind = $2; dir = $3; name = $4; sect = $5; desc = $7
	if (NR == 1)
		rootpage = name "." sect
	# the ancestors' crumbs: the directory nodes above this one
	if (kind == "dir") {
		label[depth] = depth == 0 ? name : base(dir)
		target[depth] = name == "-" ? "" : url(name, sect)
	}
}
mode == "order" && name != "-" { print name "." sect }
mode == "crumbs" && name != "-" {
	# the directories above the page; the nearest index is rel="up"
	last = depth - 1
	up = -1
	for (i = last; i >= 0; i--)
		if (target[i] != "") { up = i; break }
	out = ""
	for (i = 0; i <= last; i++) {
		if (target[i] == "")
			out = out "<span>" esc(label[i]) "</span>"
		else
			out = out "<a href=\"" target[i] "\"" \
			    (i == up ? " rel=\"up\"" : "") ">" esc(label[i]) "</a>"
		out = out " / "
	}
	out = out "<span aria-current=\"page\">" esc(name) "(" sect ")</span>"
	print name "." sect "\t" out
}
mode == "tree" {
	if (NR == 1) {
		print "<ul>"
	} else if (depth > prev) {
		print "<ul>"
	} else {
		print "</li>"
		for (i = prev; i > depth; i--)
			print "</ul></li>"
	}
	prev = depth
	line = "<li class=\"" kind "\">"
	if (kind == "dir" && depth > 0)
		line = line "<span class=\"path\">" esc(dir) "/</span> "
	if (name != "-")
		line = line "<a href=\"" url(name, sect) "\">" esc(name) "(" \
		    sect ")</a>"
	if (desc != "-" && desc != "")
		line = line " <span class=\"desc\">" esc(desc) "</span>"
	printf "%s", line
}
END {
	if (mode == "tree" && NR > 0) {
		print "</li>"
		for (i = prev; i > 0; i--)
			print "</ul></li>"
		print "</ul>"
	}
}
