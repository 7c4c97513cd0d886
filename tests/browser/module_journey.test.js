'use strict';
// module_journey.test.js: a learner completes the first module of the
// starter course "Ethics of AI" in Arabic (right to left) and in Chinese
// (issue 20.6), in a real browser, on a phone and a desktop, with
// JavaScript on and off: signs in, enrols, reads the module's four
// lessons in the language and marks each done, and passes the module's
// quiz with the answers of that language (a text answer typed in the
// language, the number in the language's digits where it has its own).
// Every page is in the language and direction asked, its texts say their
// language (no English fallback notice), and axe finds no violation.
// The answers come from the course's own quiz.yaml, so the test follows
// the content.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { it, before, after } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PASSWORD = 'a long enough passphrase';
const BASE = '/courses/ethics-of-ai';
const QUIZ = `${BASE}/quizzes/m01-quiz`;
const LESSONS = ['what-ai-systems-are', 'harms-and-benefits',
    'human-ai-interaction', 'the-recommendation'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
// Digits a learner of the language may type (Arabic-Indic in Arabic).
const DIGITS = {
	ar: (n) => String(n).replace(/[0-9]/g, (d) =>
	    String.fromCharCode(0x660 + Number(d))),
	zh: (n) => String(n),
};

let browser;

before(async () => {
	browser = await B.launch();
});

after(async () => {
	if (browser)
		await browser.close();
});

// answerKey(lang): the right answer of each question of m01's quiz.yaml,
// by question id: {type, options: [ids in listed order], correct: [ids],
// answer, accept: the first accepted text in lang}. Reads the fixed
// layout of the course's quiz files (docs/course-format.md).
function answerKey(lang) {
	const file = path.join(S.ROOT, 'content', 'courses', 'ethics-of-ai',
	    'm01', 'quiz.yaml');
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

async function answerAll(page, key, lang) {
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
			await page.locator(`#${a}`).fill(DIGITS[lang](q.answer));
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

T.serverSuite('a module of the starter course in Arabic and Chinese',
    (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	const runs = [
		{ lang: 'ar', dir: 'rtl', viewport: PHONE, js: false },
		{ lang: 'ar', dir: 'rtl', viewport: DESKTOP, js: true },
		{ lang: 'zh', dir: 'ltr', viewport: PHONE, js: true },
		{ lang: 'zh', dir: 'ltr', viewport: DESKTOP, js: false },
	];
	for (const run of runs) {
		const what = `${run.lang}, ${run.viewport === PHONE ? 'phone' :
		    'desktop'}, JavaScript ${run.js ? 'on' : 'off'}`;
		it(`a learner completes module 1 (${what})`, async () => {
			const seen = [];
			const ctx = await browser.newContext({
			    viewport: run.viewport, javaScriptEnabled: run.js });
			const axeCtx = run.js ? null : await browser.newContext(
			    { bypassCSP: true, viewport: run.viewport });
			const axePage = axeCtx ? await axeCtx.newPage() : null;
			const page = await ctx.newPage();
			const problems = run.js ? B.watch(page) : [];
			const where = () => new URL(page.url()).pathname;
			const check = async (label) => {
				assert.equal(await page.getAttribute('html', 'lang'),
				    run.lang, label);
				assert.equal(await page.getAttribute('html', 'dir'),
				    run.dir, label);
				seen.push({ label, url: page.url(), violations:
				    run.js ? await B.axeHere(page) :
				    await B.axeSnapshot(axePage, page.url(),
				    await page.content()) });
			};
			try {
				const email = S.uniqueEmail(`mj-${run.lang}`);
				await srv().addUser(email, 'learner', PASSWORD);
				await ctx.addCookies([{ name: 'lang',
				    value: run.lang, url: srv().url('/') }]);
				await page.goto(srv().url('/login'));
				const li = page.locator('form[action^="/login"]')
				    .first();
				await li.locator('[name="email"]').fill(email);
				await li.locator('[name="password"]').fill(PASSWORD);
				await B.navigate(page, () =>
				    B.submitButton(li).click());

				await page.goto(srv().url(BASE));
				assert.equal(await page.locator(
				    `h1[lang="${run.lang}"]`).count(), 1);
				await check('course page');
				const enrol = page.locator(
				    `form[action="${BASE}/enrol"]`);
				await B.navigate(page, () =>
				    B.submitButton(enrol).click());
				for (const l of LESSONS) {
					await page.goto(srv().url(
					    `${BASE}/lessons/${l}`));
					assert.equal(await page.locator(
					    `article.lesson[lang="${run.lang}"]` +
					    `[dir="${run.dir}"]`).count(), 1, l);
					assert.equal(await page.locator(
					    'article.lesson > .notice').count(), 0,
					    `${l}: shown in another language`);
					if (l === LESSONS[0])
						await check(`lesson ${l}`);
					const done = page.locator(
					    `form[action="${BASE}/lessons/${l}/done"]`);
					await B.navigate(page, () =>
					    B.submitButton(done).click());
				}
				assert.equal(where(), QUIZ);
				await check('quiz page');
				const start = page.locator(
				    `form[action="${QUIZ}/attempts"]`);
				await B.navigate(page, () =>
				    B.submitButton(start).click());
				const attempt = where();
				assert.match(attempt, /\/attempts\/[0-9]+$/);
				assert.equal(await page.locator(
				    `.quiz-form [lang="${run.lang}"]`).count() > 0,
				    true, 'the questions say their language');
				const n = await answerAll(page,
				    answerKey(run.lang), run.lang);
				assert.ok(n >= 7, `${n} questions answered`);
				await check('attempt');
				const form = page.locator('form.quiz-form');
				await B.navigate(page, () =>
				    B.submitButton(form).click());
				assert.equal(where(), attempt);
				assert.equal(await page.locator(
				    '.quiz-feedback .mark-bad').count(), 0,
				    'a right answer was marked wrong');
				assert.equal(await page.locator(
				    '.quiz-feedback .mark-ok').count(), n);
				assert.equal(await page.locator(
				    'main .success[role="status"]').count() >= 1,
				    true);
				await check('passed');
				// Kept with the server's data when ETHICA_KEEP=1.
				await page.screenshot({ path: path.join(
				    srv().dataDir, `mj-${run.lang}-` +
				    `${run.js ? 'js' : 'nojs'}.png`) });
			} finally {
				await ctx.close();
				if (axeCtx)
					await axeCtx.close();
			}
			assert.deepEqual(problems, []);
			const bad = B.report(seen);
			assert.equal(bad, '', `axe violations:\n${bad}`);
		});
	}
});
