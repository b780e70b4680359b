/*
 * search.js -- the search box of every page, over search-index.js.
 *
 * MANINDEX lists each page: n name, s section, u file, d description,
 * m the names of its NAME section, k its semantic keys as [type, key,
 * count] (Fn function, Vt type, Dv constant, Va variable, Pa path, Xr
 * cross reference).  Pages rank by, in turn:
 *   1. a name equal to the query,
 *   2. keys equal to the query (a path also by its last components, a
 *      function also with "()", a reference as "name(section)"), by
 *      how often the page uses them,
 *   3. names, descriptions and keys that contain the query, by count;
 * then by name.  No framework, no network: it runs from file://.
 */
(function () {
	"use strict";

	var form = document.getElementById("search");
	var box = document.getElementById("search-box");
	var list = document.getElementById("search-results");
	var MAX = 25;

	if (!form || !box || !list || typeof MANINDEX === "undefined")
		return;
	form.hidden = false;

	var KIND = { Fn: "function", Vt: "type", Dv: "constant",
	    Va: "variable", Pa: "file", Xr: "see also" };

	function exact(type, key, q) {
		if (key === q)
			return true;
		if (type === "Fn")
			return key + "()" === q;
		if (type === "Pa")
			return key.length > q.length &&
			    key.slice(-q.length - 1) === "/" + q;
		return false;
	}

	function search(query) {
		var q = query.trim().toLowerCase();
		var hits = [];
		if (q === "")
			return hits;
		MANINDEX.forEach(function (p) {
			var tier = 0, score = 0, why = null, whycount = 0;
			var i, k, key;
			for (i = 0; i < p.m.length; i++)
				if (p.m[i].toLowerCase() === q)
					tier = 3;
			if (p.n.toLowerCase() === q)
				tier = 3;
			var ex = 0, sub = 0;
			for (i = 0; i < p.k.length; i++) {
				k = p.k[i];
				key = k[1].toLowerCase();
				if (exact(k[0], key, q)) {
					ex += k[2];
					if (k[2] > whycount || why === null) {
						why = k;
						whycount = k[2];
					}
				} else if (key.indexOf(q) >= 0) {
					sub += k[2];
				}
			}
			for (i = 0; i < p.m.length; i++)
				if (p.m[i].toLowerCase().indexOf(q) >= 0)
					sub++;
			if (p.d.toLowerCase().indexOf(q) >= 0)
				sub++;
			if (tier === 3) {
				score = ex + sub;
			} else if (ex > 0) {
				tier = 2;
				score = ex;
			} else if (sub > 0) {
				tier = 1;
				score = sub;
			}
			if (tier > 0)
				hits.push({ page: p, tier: tier, score: score,
				    why: why });
		});
		hits.sort(function (a, b) {
			if (a.tier !== b.tier)
				return b.tier - a.tier;
			if (a.score !== b.score)
				return b.score - a.score;
			return a.page.n < b.page.n ? -1 :
			    a.page.n > b.page.n ? 1 : 0;
		});
		return hits;
	}

	function show() {
		var hits = search(box.value);
		while (list.firstChild)
			list.removeChild(list.firstChild);
		if (box.value.trim() === "") {
			list.hidden = true;
			return;
		}
		hits.slice(0, MAX).forEach(function (h) {
			var li = document.createElement("li");
			var a = document.createElement("a");
			a.href = h.page.u;
			a.textContent = h.page.n + "(" + h.page.s + ")";
			li.appendChild(a);
			var d = document.createElement("span");
			d.className = "desc";
			d.textContent = h.page.d;
			li.appendChild(d);
			if (h.why) {
				var w = document.createElement("span");
				w.className = "why";
				w.textContent = KIND[h.why[0]] + " " + h.why[1] +
				    (h.why[2] > 1 ? " \u00d7" + h.why[2] : "");
				li.appendChild(w);
			}
			list.appendChild(li);
		});
		if (hits.length === 0) {
			var none = document.createElement("li");
			none.className = "none";
			none.textContent = "No page mentions \u201c" +
			    box.value.trim() + "\u201d.";
			list.appendChild(none);
		} else if (hits.length > MAX) {
			var more = document.createElement("li");
			more.className = "none";
			more.textContent = (hits.length - MAX) +
			    " more pages; be more precise.";
			list.appendChild(more);
		}
		list.hidden = false;
	}

	function links() {
		return list.querySelectorAll("a");
	}

	box.addEventListener("input", show);
	box.addEventListener("focus", function () {
		if (box.value.trim() !== "")
			show();
	});
	form.addEventListener("submit", function (e) {
		var a = links();
		e.preventDefault();
		if (a.length > 0)
			window.location.href = a[0].href;
	});
	form.addEventListener("keydown", function (e) {
		var a = Array.prototype.slice.call(links());
		var i = a.indexOf(document.activeElement);
		if (e.key === "ArrowDown" && a.length > 0) {
			a[Math.min(i + 1, a.length - 1)].focus();
			e.preventDefault();
		} else if (e.key === "ArrowUp" && i >= 0) {
			(i === 0 ? box : a[i - 1]).focus();
			e.preventDefault();
		} else if (e.key === "Escape") {
			list.hidden = true;
			box.focus();
		}
	});
	document.addEventListener("click", function (e) {
		if (!form.contains(e.target))
			list.hidden = true;
	});
	document.addEventListener("keydown", function (e) {
		if (e.key === "/" && document.activeElement !== box &&
		    !e.ctrlKey && !e.metaKey && !e.altKey) {
			box.focus();
			e.preventDefault();
		}
	});
}());
