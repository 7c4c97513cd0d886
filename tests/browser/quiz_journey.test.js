'use strict';
// quiz_journey.test.js: a learner's whole way through a graded course in a
// real browser, in English, Korean and Arabic, on a phone and a desktop,
// with JavaScript on and off (issue 13, points 2, 3, 4, 11 and 14): the
// quiz page names the lessons to read first; an empty form uses no
// attempt; a failed attempt shows distinct marks; the last attempt asks
// for confirmation; a text answer in another language of the question and
// a number in Arabic-Indic digits count; the marks stay the same when the
// page changes language; the passed last quiz says the course is complete
// and links the certificate; the course page shows progress and the
// certificate instead of "Enrol". axe must find no violation on any page;
// with JavaScript on, no CSP violation, script error or failed asset.
// Assertions read structure (classes, links), not words, so that every
// language runs the same checks.

const assert = require('node:assert/strict');
const { describe, it, before } = require('node:test');
const C = require('../http/lib/course');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PASSWORD = 'a long enough passphrase';
const BASE = '/courses/journey-quiz';
const QUIZ = `${BASE}/quizzes/m01-quiz`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const browser = B.fileBrowser();

// writeCourse(): two lessons, a graded quiz of 2 attempts (pass mark
// 100 %) whose text answer differs per language.
function writeCourse() {
	return C.writeCourse({ slug: 'journey-quiz',
	    title: C.t('Journey course', '여정 과정'),
	    summary: C.t('A course to walk through.', '끝까지 걸어 보는 과정.'),
	    modules: [{ id: 'm01', title: C.t('Only module', '유일한 모듈'),
		lessons: [['one', C.t('Lesson one', '강의 하나')],
		    ['two', C.t('Lesson two', '강의 둘')]],
		quiz: { id: 'm01-quiz', title: C.t('Module quiz', '모듈 퀴즈'),
		    max_attempts: 2, questions: [
			C.single('s', { thirty: false }), C.numeric('n'),
			C.text('x', {
			    prompt: C.t('Name the methodology', '방법론의 이름은?'),
			    en: ['readiness assessment methodology'],
			    ko: ['준비도 평가 방법론'],
			    feedback: C.t('The RAM.', '준비도 평가 방법론.') })] } }] });
}

// answer(page, number, text): fills the attempt form.
async function answer(page, number, text) {
	const hidden = page.locator('form.quiz-form input[type="hidden"]');
	const n = await hidden.count();
	for (let i = 0; i < n; i++) {
		const name = await hidden.nth(i).getAttribute('name');
		if (!/^q[0-9]+$/.test(name))
			continue;
		const a = 'a' + name.slice(1);
		const qid = await hidden.nth(i).getAttribute('value');
		if (qid === 's')
			await page.locator(`input[name="${a}"][value="b"]`)
			    .check();
		else if (qid === 'n')
			await page.locator(`#${a}`).fill(number);
		else if (qid === 'x')
			await page.locator(`#${a}`).fill(text);
	}
}

// marks(page): [right, wrong] marks on a feedback page, after checking
// that the two look different without colour (border style, icon).
async function marks(page) {
	const ok = page.locator('.quiz-feedback .mark-ok');
	const bad = page.locator('.quiz-feedback .mark-bad');
	const nok = await ok.count();
	const nbad = await bad.count();
	if (nok > 0 && nbad > 0) {
		const style = (l) => l.first().evaluate((e) =>
		    getComputedStyle(e).borderTopStyle);
		assert.notEqual(await style(ok), await style(bad),
		    'right and wrong marks differ by colour only');
		assert.equal((await ok.first().locator('[aria-hidden="true"]')
		    .innerText()).trim(), '✓');
		assert.equal((await bad.first().locator('[aria-hidden="true"]')
		    .innerText()).trim(), '✗');
	}
	return [nok, nbad];
}

// A text answer in the other course language than the page's.
const OTHER_TEXT = { en: '준비도 평가 방법론', ko: 'Readiness assessment ' +
    'methodology', ar: '준비도 평가 방법론' };

async function journey(srv, page, visit, lang, js) {
	const status = B.lastStatus(page);
	const where = () => new URL(page.url()).pathname;
	const email = S.uniqueEmail(`jq-${lang}`);
	await srv.addUser(email, 'learner', PASSWORD);

	await page.goto(srv.url('/login'));
	const li = page.locator('form[action^="/login"]').first();
	await li.locator('[name="email"]').fill(email);
	await li.locator('[name="password"]').fill(PASSWORD);
	await B.navigate(page, () => B.submitButton(li).click());
	assert.equal(await page.locator('html').getAttribute('lang'), lang);

	/* 13.4: the course page before and after enrolling. */
	await page.goto(srv.url(BASE));
	const enrol = page.locator(`form[action="${BASE}/enrol"]`);
	assert.equal(await enrol.count(), 1);
	await B.navigate(page, () => B.submitButton(enrol).click());
	assert.equal(where(), `${BASE}/lessons/one`);
	await page.goto(srv.url(BASE));
	assert.equal(await enrol.count(), 0, '"Enrol" shown to a learner');
	assert.equal(await page.locator('.course-progress progress').count(),
	    1);
	assert.equal(await page.locator(
	    `.course-progress a.button[href^="${BASE}/lessons/"]`).count(), 1);
	await visit('course page, enrolled');

	/* 13.3: the quiz is open, and names the lessons to read first. */
	await page.goto(srv.url(QUIZ));
	assert.equal(status(), 200);
	assert.equal(await page.locator(
	    `.quiz-lessons a[href="${BASE}/lessons/one"]`).count(), 1);
	assert.equal(await page.locator(
	    `.quiz-lessons a[href="${BASE}/lessons/two"]`).count(), 1);
	await visit('quiz page, nothing read');
	for (const l of ['one', 'two']) {
		await page.goto(srv.url(`${BASE}/lessons/${l}`));
		const done = page.locator(
		    `form[action="${BASE}/lessons/${l}/done"]`);
		await B.navigate(page, () => B.submitButton(done).click());
	}
	assert.equal(where(), QUIZ);

	/* An empty form uses no attempt. */
	const start = page.locator(`form[action="${QUIZ}/attempts"]`);
	await B.navigate(page, () => B.submitButton(start).click());
	const first = where();
	assert.match(first, /\/attempts\/[0-9]+$/);
	const form = page.locator('form.quiz-form');
	await B.navigate(page, () => B.submitButton(form).click());
	assert.equal(status(), 400);
	assert.equal(await page.locator('main .alert[role="alert"]').count(),
	    1);
	assert.equal(await form.count(), 1);
	await visit('empty form refused');

	/* A failed attempt: distinct marks. */
	await answer(page, '194', OTHER_TEXT[lang]);
	await B.navigate(page, () => B.submitButton(form).click());
	assert.equal(where(), first);
	assert.deepEqual(await marks(page), [2, 1]);
	assert.equal(await page.locator('.course-done').count(), 0);
	await visit('feedback, failed');

	/* The last attempt, confirmed; the number in Arabic-Indic digits,
	 * the text in the other language. */
	await page.goto(srv.url(QUIZ));
	await B.navigate(page, () => B.submitButton(start).click());
	const second = where();
	assert.notEqual(second, first);
	await answer(page, '١٩٣', OTHER_TEXT[lang]);
	await B.navigate(page, () => B.submitButton(form).click());
	assert.equal(status(), 200);
	assert.equal(where(), second);
	assert.equal(await page.locator('input[name="confirm"]').count(), 1);
	assert.equal(await page.locator('main .quiz-q input[value="b"]')
	    .isChecked(), true, 'answers lost at the confirmation step');
	await visit('last attempt, confirm');
	await B.navigate(page, () => B.submitButton(form).click());
	assert.equal(where(), second);
	assert.deepEqual(await marks(page), [3, 0]);

	/* 13.11: the course is complete; the certificate is linked. */
	const cert = page.locator('.course-done a[href^="/certificates/"]');
	assert.equal(await cert.count(), 1, 'no certificate link');
	await visit('feedback, course complete');
	await B.navigate(page, () => cert.click());
	assert.equal(status(), 200);

	/* 13.4: the course page shows the end of the road. */
	await page.goto(srv.url(BASE));
	assert.equal(await enrol.count(), 0);
	assert.equal(await page.locator(
	    '.course-progress a[href^="/certificates/"]').count(), 1);
	assert.equal(await page.locator('.course-progress a.button').count(),
	    0);

	/* 13.2: the same marks in another language. */
	const other = lang === 'en' ? 'ko' : 'en';
	const lf = page.locator('form.lang-form');
	const pick = () => lf.locator('select[name="lang"]').selectOption(other);
	if (js)		/* ethica.js submits the form on change */
		await B.navigate(page, pick);
	else {
		await pick();
		await B.navigate(page, () => B.submitButton(lf).click());
	}
	assert.equal(await page.locator('html').getAttribute('lang'), other);
	await page.goto(srv.url(first));
	assert.deepEqual(await marks(page), [2, 1]);
	await page.goto(srv.url(second));
	assert.deepEqual(await marks(page), [3, 0]);
	await visit(`feedback in ${other}`);
}

T.serverSuite('browser quiz journey', (srv) => {
	before(async () => {
		const r = await srv().ethica(['course', 'import',
		    writeCourse()]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	const runs = [
		{ lang: 'en', viewport: DESKTOP, js: true },
		{ lang: 'ko', viewport: PHONE, js: false },
		{ lang: 'ar', viewport: PHONE, js: true },
		{ lang: 'ar', viewport: DESKTOP, js: false },
	];
	// Learners may go side by side (B.RUNS_AT_ONCE), each with an
	// account of its own.
	describe('every run', { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const run of runs) {
			const what = `${run.lang}, ${run.viewport === PHONE ? 'phone' :
			    'desktop'}, JavaScript ${run.js ? 'on' : 'off'}`;
			it(`a learner finishes the course (${what})`, async () => {
				const seen = [];
				const ctx = await browser.newContext({
				    viewport: run.viewport, javaScriptEnabled: run.js });
				const axeCtx = run.js ? null : await browser.newContext(
				    { bypassCSP: true, viewport: run.viewport });
				let problems = [];
				try {
					await ctx.addCookies([{ name: 'lang',
					    value: run.lang, url: srv().url('/') }]);
					const page = await ctx.newPage();
					const axePage = axeCtx ? await axeCtx.newPage() :
					    null;
					if (run.js)
						problems = B.watch(page);
					await journey(srv(), page, async (label) => {
						seen.push({ label, url: page.url(),
						    violations: run.js ?
						    await B.axeHere(page) :
						    await B.axeSnapshot(axePage,
						    page.url(), await page.content(),
						    page.viewportSize()) });
					}, run.lang, run.js);
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
