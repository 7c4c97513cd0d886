/* Ethica: progressive enhancement only; every page works without it. */
(function () {
	"use strict";
	/* Submit the language form as soon as a language is chosen. */
	var sel = document.getElementById("lang-select");
	if (sel && sel.form) {
		sel.addEventListener("change", function () {
			/* Come back to the same place on the page too. */
			var next = sel.form.elements.next;
			if (next && location.hash && next.value.indexOf("#") < 0) {
				next.value += location.hash;
			}
			sel.form.submit();
		});
	}
	/* Ask before leaving a form with unsaved changes. */
	var dirty = false;
	document.querySelectorAll("form[data-warn-unsaved]").forEach(function (f) {
		f.addEventListener("input", function () { dirty = true; });
		f.addEventListener("submit", function () { dirty = false; });
	});
	/* Let keyboard users scroll wide tables on small screens. */
	document.querySelectorAll("main table, .table-wrap").forEach(function (t) {
		if (t.scrollWidth > t.clientWidth + 1 && !t.hasAttribute("tabindex")) {
			t.setAttribute("tabindex", "0");
		}
	});
	/* Close the account menu on Escape or a click outside it. */
	document.addEventListener("click", function (e) {
		document.querySelectorAll("details.menu[open]").forEach(function (d) {
			if (!d.contains(e.target)) { d.open = false; }
		});
	});
	document.addEventListener("keydown", function (e) {
		if (e.key !== "Escape") { return; }
		document.querySelectorAll("details.menu[open]").forEach(function (d) {
			d.open = false;
			d.querySelector("summary").focus();
		});
	});
	window.addEventListener("beforeunload", function (e) {
		if (dirty) { e.preventDefault(); e.returnValue = ""; }
	});
}());
