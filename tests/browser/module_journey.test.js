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
const path = require('node:path');
const { describe, it, before } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const { answerKey, answerAll } = require('./lib/quizkey');

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

const browser = B.fileBrowser();

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
	// Learners may go side by side (B.RUNS_AT_ONCE), each with an
	// account of its own.
	describe('every run', { concurrency: B.RUNS_AT_ONCE }, () => {
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
					    await page.content(), page.viewportSize()) });
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
					    answerKey(run.lang), run.lang,
					    DIGITS[run.lang]);
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
					await B.screenshot(page, { path: path.join(
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
});
