# indexcheck.awk -- the site's search index against mandoc's own database.
#
# Usage: awk -f tests/indexcheck.awk html/search-index.js DIR/db.Fn ...
#
# Each DIR/db.TYPE is `apropos -O TYPE Nm~.` over the same pages: one
# line per page, "name, other names(section) - key # key # ...".  For
# every page the index must hold the same names, and the same functions
# (Fn), constants (Dv), paths (Pa) and cross references (Xr); its types
# (Vt) and variables (Va) must be among apropos's (mandoc also files a
# few multi-word types under Va and keeps punctuation in some).
# Prints each difference, then "index: N keys compared, N differences".

function differ(msg) { print "index: " msg; bad++ }
FNR == 1 { type = FILENAME; sub(/.*\./, "", type) }
FILENAME ~ /\.js$/ {
	if (!match($0, /^,?\{"n":"[^"]*","s":"[^"]*"/))
		next
	s = substr($0, RSTART, RLENGTH)
	sub(/^,?\{"n":"/, "", s)
	page = s; sub(/".*/, "", page)
	sect = s; sub(/.*"s":"/, "", sect); sub(/"$/, "", sect)
	page = page "." sect
	pages[page] = 1
	m = $0; sub(/.*"m":\[/, "", m); sub(/\].*/, "", m)
	gsub(/"/, "", m)
	n = split(m, a, ",")
	for (i = 1; i <= n; i++)
		ourname[page, a[i]] = 1
	k = $0; sub(/.*"k":\[/, "", k)
	while (match(k, /\["[A-Z][a-z]","([^"\\]|\\.)*",[0-9]+\]/)) {
		e = substr(k, RSTART + 2, RLENGTH - 3)
		k = substr(k, RSTART + RLENGTH)
		t = substr(e, 1, 2)
		v = substr(e, 6)
		sub(/",[0-9]+$/, "", v)
		ours[page, t, v] = 1
		oursk[page, t] = oursk[page, t] SUBSEP v
	}
	next
}
{
	head = $0; sub(/\) - .*/, "", head)
	vals = $0; sub(/^[^)]*\) - /, "", vals); sub(/ $/, "", vals)
	sect = head; sub(/.*\(/, "", sect)
	sub(/\([^(]*$/, "", head)
	n = split(head, nm, ", ")
	page = nm[1] "." sect
	if (!(page in pages)) {
		differ("apropos knows " page ", the index does not")
		next
	}
	if (!(page in namesdone)) {
		namesdone[page] = 1
		for (i = 1; i <= n; i++) {
			dbname[page, nm[i]] = 1
			compared++
			if (!((page, nm[i]) in ourname))
				differ(page ": name " nm[i] " missing")
		}
	}
	n = vals == "" ? 0 : split(vals, vl, " # ")
	for (i = 1; i <= n; i++) {
		db[page, type, vl[i]] = 1
		compared++
		if ((type == "Fn" || type == "Dv" || type == "Pa" ||
		    type == "Xr") && !((page, type, vl[i]) in ours))
			differ(page ": " type " " vl[i] " missing")
	}
	# what the index has that apropos has not
	n = split(substr(oursk[page, type], 2), o, SUBSEP)
	for (i = 1; i <= n; i++)
		if (!((page, type, o[i]) in db))
			differ(page ": " type " " o[i] " is not apropos's")
	seen[page, type] = 1
}
END {
	for (page in pages)
		if (!((page, "Fn") in seen))
			differ("the index has " page ", apropos does not")
	printf "index: %d keys compared, %d differences\n", compared, bad
	exit (bad > 0 || compared == 0)
}
