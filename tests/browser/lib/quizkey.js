'use strict';
// quizkey.js: the right answers of a starter-course quiz, read from the
// course's own quiz.yaml (its fixed layout, docs/course-format.md), and
// an attempt page answered with them. Shared by module_journey.test.js
// and the screenshot walk (walk/issue20.js).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

// answerKey(lang, mod): by question id, {type, options: [ids in listed
// order], correct: [ids], answer, accept: the first accepted text in lang}.
function answerKey(lang, mod = 'm01') {
	const file = path.join(ROOT, 'content', 'courses', 'ethics-of-ai',
	    mod, 'quiz.yaml');
	const key = {};
	let q = null, inAccept = false;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		let m;
		if ((m = /^ {2}- id: (\S+)$/.exec(line))) {
			q = { type: '', options: [], correct: [], accept: null };
			key[m[1]] = q;
			inAccept = false;
		} else if (q && (m = /^ {4}type: (\S+)$/.exec(line))) {
			q.type = m[1];
		} else if (q && (m = /^ {6}- id: (\S+)$/.exec(line))) {
			q.options.push(m[1]);
		} else if (q && /^ {8}correct: true$/.test(line)) {
			q.correct.push(q.options[q.options.length - 1]);
		} else if (q && (m = /^ {4}answer: (\S+)$/.exec(line))) {
			q.answer = m[1];
		} else if (q && /^ {4}accept:$/.test(line)) {
			inAccept = true;
		} else if (q && inAccept && (m = new RegExp(
		    `^ {6}${lang}: \\["([^"]+)"`).exec(line))) {
			q.accept = m[1];
		} else if (/^ {4}\S/.test(line)) {
			inAccept = false;
		}
	}
	return key;
}

// answerAll(page, key, lang, digits): fills the attempt form on page with
// the key's answers (numbers written by digits(n)); returns how many
// questions it answered.
async function answerAll(page, key, lang, digits = String) {
	const hidden = page.locator('form.quiz-form input[type="hidden"]');
	const n = await hidden.count();
	let answered = 0;
	for (let i = 0; i < n; i++) {
		const name = await hidden.nth(i).getAttribute('name');
		if (!/^q[0-9]+$/.test(name))
			continue;
		const a = 'a' + name.slice(1);
		const q = key[await hidden.nth(i).getAttribute('value')];
		assert.ok(q, `question ${name} not in quiz.yaml`);
		if (q.type === 'single' || q.type === 'multiple') {
			for (const id of q.correct)
				await page.locator(`input[name="${a}"][value="${id}"]`)
				    .check();
		} else if (q.type === 'truefalse') {
			await page.locator(`input[name="${a}"][value="${q.answer}"]`)
			    .check();
		} else if (q.type === 'numeric') {
			await page.locator(`#${a}`).fill(digits(q.answer));
		} else if (q.type === 'text') {
			assert.ok(q.accept, `no ${lang} answer for ${name}`);
			await page.locator(`#${a}`).fill(q.accept);
		} else if (q.type === 'ordering') {
			for (const [j, id] of q.options.entries())
				await page.locator(`#${a}-${id}`).selectOption(
				    { label: String(j + 1) });
		}
		answered++;
	}
	return answered;
}

module.exports = { answerKey, answerAll };
