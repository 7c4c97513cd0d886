// offline.js: the offline edition of a course (ethica course pack), run
// from a folder, a zip or a USB stick with no network. It checks a quiz's
// answers on this device (nothing is ever sent), keeps the lessons the
// learner marks as read in this browser, and builds the link that records
// them on the site when the learner is online again. Every page works
// without it: quizzes then show each answer on request.
'use strict';

(function () {
	var body = document.body;
	var course = body.getAttribute('data-course') || '';
	var online = body.getAttribute('data-online') || '';
	var KEY = 'ethica-offline:' + course + ':read';

	function readSet() {
		try {
			var v = JSON.parse(localStorage.getItem(KEY) || '[]');
			return Array.isArray(v) ? v : [];
		} catch (e) {
			return [];
		}
	}

	function saveSet(list) {
		try {
			localStorage.setItem(KEY, JSON.stringify(list));
		} catch (e) {
			// Storage off (private mode): marks last for this page.
		}
	}

	// Digits of the scripts our learners type, and full-width forms.
	var ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xff10];

	function asciiNumber(s) {
		var out = '';
		var i, c, k;
		s = s.normalize('NFKC').trim();
		for (i = 0; i < s.length; i++) {
			c = s.charCodeAt(i);
			for (k = 0; k < ZEROS.length; k++) {
				if (c >= ZEROS[k] && c <= ZEROS[k] + 9) {
					break;
				}
			}
			if (k < ZEROS.length) {
				out += String(c - ZEROS[k]);
			} else if (c === 0x66b || s[i] === ',') {
				out += '.';
			} else if (c === 0x2212) {
				out += '-';
			} else {
				out += s[i];
			}
		}
		return /^[-+]?[0-9]+(\.[0-9]+)?$/.test(out) ? Number(out) : NaN;
	}

	function normText(s) {
		return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')
		    .trim();
	}

	function checked(set) {
		var out = [];
		set.querySelectorAll('input:checked').forEach(function (i) {
			out.push(i.value);
		});
		return out;
	}

	// answered(set): whether the learner gave any answer to the question.
	function answered(set) {
		if (set.querySelector('input:checked') !== null) {
			return true;
		}
		return Array.prototype.some.call(set.querySelectorAll(
		    'input[type=text], select'), function (e) {
			return e.value.trim() !== '';
		});
	}

	function gradeQuestion(set) {
		var type = set.getAttribute('data-type');
		var input, want, got, n;
		if (type === 'single' || type === 'multiple') {
			want = [];
			set.querySelectorAll('input[data-correct]').forEach(
			    function (i) { want.push(i.value); });
			got = checked(set);
			return got.length === want.length && got.every(
			    function (v) { return want.indexOf(v) >= 0; });
		}
		if (type === 'truefalse') {
			got = checked(set);
			return got.length === 1 &&
			    got[0] === set.getAttribute('data-answer');
		}
		input = set.querySelector('input[type=text]');
		if (type === 'numeric') {
			n = asciiNumber(input.value);
			return !isNaN(n) && Math.abs(n -
			    Number(set.getAttribute('data-number'))) <=
			    Number(set.getAttribute('data-tolerance')) + 1e-9;
		}
		if (type === 'text') {
			got = normText(input.value);
			return got !== '' && set.getAttribute('data-accept')
			    .split('\n').some(function (a) {
				    return normText(a) === got;
			    });
		}
		// ordering: option i (in the answer's order) at position i+1
		return Array.prototype.every.call(set.querySelectorAll('select'),
		    function (s) {
			    return Number(s.value) ===
				Number(s.getAttribute('data-position')) + 1;
		    });
	}

	function setupQuiz(form) {
		var sets = form.querySelectorAll('fieldset.quiz-q');
		form.querySelector('.offline-check').hidden = false;
		form.addEventListener('submit', function (ev) {
			var right = 0;
			var pct, pass, msg;
			ev.preventDefault();
			sets.forEach(function (set) {
				var given = answered(set);
				var ok = given && gradeQuestion(set);
				right += ok ? 1 : 0;
				set.classList.toggle('q-ok', ok);
				set.classList.toggle('q-bad', !ok);
				set.querySelector('.offline-mark').textContent =
				    (ok ? '\u2713 ' : '\u2717 ') + form.getAttribute(
				    ok ? 'data-ok' : given ? 'data-bad' : 'data-none');
				set.querySelector('details').open = true;
			});
			pct = sets.length ? Math.round(100 * right /
			    sets.length) : 0;
			pass = form.getAttribute('data-pass');
			msg = form.getAttribute('data-score')
			    .replace('{points}', right)
			    .replace('{max}', sets.length)
			    .replace('{percent}', pct)
			    .replace('{mark}', pass);
			form.querySelector('.offline-result').textContent = msg;
		});
	}

	function setupLesson(box) {
		var key = box.getAttribute('data-lesson');
		box.checked = readSet().indexOf(key) >= 0;
		box.closest('.offline-read').hidden = false;
		box.addEventListener('change', function () {
			var list = readSet().filter(function (k) {
				return k !== key;
			});
			if (box.checked) {
				list.push(key);
			}
			saveSet(list);
		});
	}

	function setupIndex(p) {
		var list = readSet();
		var link = p.querySelector('a');
		document.querySelectorAll('a[data-lesson]').forEach(function (a) {
			if (list.indexOf(a.getAttribute('data-lesson')) >= 0) {
				a.parentNode.classList.add('done');
				a.parentNode.querySelector('.tag-done')
				    .hidden = false;
			}
		});
		if (list.length === 0) {
			return;
		}
		link.href = online + '/courses/' + course +
		    '/offline-read?lessons=' + list.join('.');
		p.hidden = false;
	}

	document.querySelectorAll('form.offline-quiz').forEach(setupQuiz);
	document.querySelectorAll('.offline-read input').forEach(setupLesson);
	document.querySelectorAll('.offline-sync').forEach(setupIndex);
}());
