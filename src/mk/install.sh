#!/bin/sh
# install.sh -- install or uninstall the committed man/ tree, the BSD way.
#
# Usage: sh src/mk/install.sh install|uninstall DESTDIR MANDIR MANCOMPRESS \
#            WHATIS KNOWN9
#
# Every page goes to DESTDIR/MANDIR/manN/ with mode 444 (gzipped when
# MANCOMPRESS=yes), with a hard link for each of its extra .Nm names
# that the base system does not already install (KNOWN9: DragonFly's
# man9.txt/mlinks9.tsv directory, and /usr/share/man/man9 itself).
# Then the whatis databases of that tree are updated: WHATIS=auto builds
# every one whose tool is here, man-db's (mandb: man -k, man NAME) and
# mandoc's (makewhatis: mandoc.db, which semantic searches such as
# apropos Fn=lwkt_switch need), or says that neither tool exists;
# WHATIS=mandb or makewhatis builds only that one.
set -e
op=$1 destdir=$2 mandir=$3 compress=$4 whatis=$5 known9=$6
root=$destdir$mandir
say() { printf 'install: %s\n' "$*"; }

# the names a page gives in its NAME section
names() {
	sed -n '/^\.Sh NAME/,/^\.Nd/s/^\.Nm \([^ ]*\).*/\1/p' "$1"
}

taken9() {
	[ -f "/usr/share/man/man9/$1.9" ] ||
	    [ -f "/usr/share/man/man9/$1.9.gz" ] && return 0
	[ -d "$known9" ] || return 1
	cut -f1,2 "$known9/man9.txt" "$known9/mlinks9.tsv" 2>/dev/null |
	    tr '\t,' '\n\n' | sed 's/\.9$//' | grep -qx "$1"
}

ext=
[ "$compress" = yes ] && ext=.gz

# the list of files this install owns: "page-file target"
plan() {
	for f in man/man[1-9]/*.[1-9]; do
		[ -f "$f" ] || continue
		sec=${f##*.}
		base=$(basename "$f")
		echo "$f man$sec/$base$ext"
		for n in $(names "$f"); do
			[ "$n.$sec" = "$base" ] && continue
			if [ "$sec" = 9 ] && taken9 "$n"; then
				continue
			fi
			echo "$f man$sec/$n.$sec$ext"
		done
	done
}

update_db() {
	case $whatis in
	auto)
		tools=
		command -v mandb >/dev/null 2>&1 && tools=mandb
		command -v makewhatis >/dev/null 2>&1 &&
		    tools="${tools:+$tools }makewhatis"
		if [ -z "$tools" ]; then
			say "no makewhatis or mandb here: the whatis database" \
			    "of $root was not updated"
			return 0
		fi ;;
	mandb|makewhatis) tools=$whatis ;;
	none) return 0 ;;
	*) say "unknown WHATIS=$whatis"; exit 1 ;;
	esac
	for t in $tools; do
		case $t in
		mandb) mandb -q -c "$root" >/dev/null 2>&1 ||
		    mandb -q "$root" ;;
		makewhatis) makewhatis "$root" ;;
		esac
	done
	case $tools in
	*" "*) say "updated the whatis databases of $root with" \
	    "$(echo "$tools" | sed 's/ / and /')" ;;
	*) say "updated the whatis database of $root with $tools" ;;
	esac
}

case $op in
install)
	prev=
	plan | while read -r src dst; do
		mkdir -p "$root/$(dirname "$dst")"
		if [ "$src" != "$prev" ]; then
			first=$root/$dst
			rm -f "$first"
			if [ -n "$ext" ]; then
				gzip -cn "$src" >"$first"
			else
				cp "$src" "$first"
			fi
			chmod 444 "$first"
			prev=$src
		else
			rm -f "$root/$dst"
			ln "$first" "$root/$dst"
		fi
	done
	update_db
	;;
uninstall)
	# remove both forms: the tree may have been installed compressed
	plan | while read -r src dst; do
		rm -f "$root/${dst%.gz}" "$root/${dst%.gz}.gz"
	done
	update_db
	;;
*)
	echo "usage: install.sh install|uninstall ..." >&2
	exit 2
	;;
esac
