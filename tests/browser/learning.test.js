'use strict';
// learning.test.js: a learner's path in a real browser, with JavaScript on
// and off: log in, open the course, enrol, read a lesson and mark it done,
// take the module quiz (every input type: radio, checkboxes, number, text,
// ordering selects), submit, see the feedback, see /me with its progress.
// axe-core must find no violation on any page visited; with JavaScript on
// no CSP violation, script error or failed asset is allowed.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const C = require('../http/lib/course');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PASSWORD = 'a long enough passphrase';
const BASE = '/courses/browser-quiz';

const browser = B.fileBrowser();

// writeCourse(): a one-module course with a quiz of every type.
function writeCourse() {
	return C.writeCourse({ slug: 'browser-quiz',
	    title: C.t('Browser quiz course', '브라우저 퀴즈 과정'),
	    summary: C.t('Quizzes in a browser.', '브라우저에서 퀴즈.'),
	    modules: [{ id: 'm01', title: C.t('Only module', '유일한 모듈'),
		lessons: [['only', C.t('The only lesson', '유일한 강의'),
		    { en: 'Read this, then take the quiz.\n',
		    ko: '읽은 뒤 퀴즈를 푸세요.\n' }]],
		quiz: { id: 'm01-quiz',
		    title: C.t('Check your understanding', '이해도 확인'),
		    questions: [C.single('s', { thirty: false }),
			C.multiple('m'), C.truefalse('t'), C.numeric('n'),
			C.text('x', {
			    prompt: C.t('Short name of the methodology',
			    '방법론의 약칭'),
			    en: ['ram'], ko: ['ram'],
			    feedback: C.t('RAM.', 'RAM.') }),
			C.ordering('o')] } }] });
}

// answer(page): fills the attempt form with the right answers.
async function answer(page) {
	const hidden = page.locator('form.quiz-form input[type="hidden"]');
	const n = await hidden.count();
	for (let i = 0; i < n; i++) {
		const name = await hidden.nth(i).getAttribute('name');
		if (!/^q[0-9]+$/.test(name))
			continue;
		const a = 'a' + name.slice(1);
		const qid = await hidden.nth(i).getAttribute('value');
		const pick = (v) => page.locator(
		    `input[name="${a}"][value="${v}"]`).check();
		if (qid === 's')
			await pick('b');
		else if (qid === 'm') {
			await pick('a');
			await pick('c');
		} else if (qid === 't')
			await pick('true');
		else if (qid === 'n')
			await page.locator(`#${a}`).fill('193');
		else if (qid === 'x')
			await page.locator(`#${a}`).fill(' RAM ');
		else if (qid === 'o') {
			const order = ['scope', 'assess', 'monitor'];
			for (let k = 0; k < order.length; k++)
				await page.locator(`#${a}-${order[k]}`)
				    .selectOption(`${order[k]}:${k + 1}`);
		}
	}
}

async function learnerPath(srv, page, visit, email) {
	const status = B.lastStatus(page);
	const where = () => new URL(page.url()).pathname;

	await page.goto(srv.url('/login'));
	const li = page.locator('form[action^="/login"]').first();
	await li.locator('[name="email"]').fill(email);
	await li.locator('[name="password"]').fill(PASSWORD);
	await B.navigate(page, () => B.submitButton(li).click());

	await page.goto(srv.url('/me'));
	assert.equal(status(), 200);
	await visit('dashboard, empty');

	await page.goto(srv.url(BASE));
	assert.equal(status(), 200);
	const enrol = page.locator(`form[action="${BASE}/enrol"]`);
	assert.equal(await enrol.count(), 1, 'no enrol form on the course');
	await B.navigate(page, () => B.submitButton(enrol).click());
	assert.equal(where(), `${BASE}/lessons/only`);
	await visit('lesson');

	const done = page.locator(`form[action="${BASE}/lessons/only/done"]`);
	assert.equal(await done.count(), 1, 'no mark-as-done form');
	await B.navigate(page, () => B.submitButton(done).click());
	assert.equal(where(), `${BASE}/quizzes/m01-quiz`);
	assert.equal(status(), 200);
	await visit('quiz page');

	const start = page.locator(
	    `form[action="${BASE}/quizzes/m01-quiz/attempts"]`);
	await B.navigate(page, () => B.submitButton(start).click());
	assert.match(where(), /\/attempts\/[0-9]+$/);
	await visit('attempt form');

	await answer(page);
	const form = page.locator('form.quiz-form');
	await B.navigate(page, () => B.submitButton(form).click());
	assert.equal(status(), 200);
	const body = await page.locator('main').innerText();
	assert.match(body, /Score: 6 of 6/);
	assert.match(body, /You passed/);
	assert.match(body, /193 member states/);
	await visit('feedback');

	await page.goto(srv.url('/me'));
	const me = await page.locator('main').innerText();
	assert.match(me, /Browser quiz course/);
	await visit('dashboard, completed');
}

T.serverSuite('browser learning', (srv) => {
	const seen = { js: [], nojs: [] };
	let problems = [];

	before(async () => {
		const r = await srv().ethica(['course', 'import',
		    writeCourse()]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	it('with JavaScript: enrol, read, quiz, feedback, dashboard',
	    async () => {
		const email = S.uniqueEmail('bl-js');
		await srv().addUser(email, 'learner', PASSWORD);
		const ctx = await browser.newContext();
		try {
			const page = await ctx.newPage();
			problems = B.watch(page);
			await learnerPath(srv(), page, async (label) => {
				seen.js.push({ label, url: page.url(),
				    violations: await B.axeHere(page) });
			}, email);
		} finally {
			await ctx.close();
		}
		assert.deepEqual(problems, []);
		const bad = B.report(seen.js);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	});

	it('without JavaScript: the same path works, axe clean', async () => {
		const email = S.uniqueEmail('bl-nojs');
		await srv().addUser(email, 'learner', PASSWORD);
		const ctx = await browser.newContext({ javaScriptEnabled: false });
		const axeCtx = await browser.newContext({ bypassCSP: true });
		try {
			const page = await ctx.newPage();
			const axePage = await axeCtx.newPage();
			await learnerPath(srv(), page, async (label) => {
				const html = await page.content();
				seen.nojs.push({ label, url: page.url(),
				    violations: await B.axeSnapshot(axePage,
				    page.url(), html) });
			}, email);
		} finally {
			await ctx.close();
			await axeCtx.close();
		}
		const bad = B.report(seen.nojs);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	});
});
