'use strict';
// studio_quiz.test.js: the studio's quiz editor in a real browser (issue
// 16 point 4). An author opens a module of their course, starts its quiz
// with a single-choice question (a first try with no correct choice is
// refused at its field), adds one question of each other type (multiple,
// true or false, number, typed answer, ordering), previews the quiz and
// gets the grade a learner would (all right: 100 %); a learner then takes
// it and passes. In English, Korean and Arabic, on a phone (390x844) and
// a desktop (1280x900), with JavaScript on and off (six runs). Every page
// reached answers the status the step expects, is in the page's language
// and direction, does not scroll sideways on a phone, and axe-core finds
// nothing on it; with JavaScript on, no CSP violation, script error or
// failed asset. Controls are found by form actions, names, values and
// ids, never by English text. Screenshots go to /tmp/squiz-shots
// (STUDIO_SHOTS=0: none).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const { describe, it, before, after } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const W = require('./lib/studio_walk');

const PW = 'a long enough passphrase';
const SHOTS = process.env.STUDIO_SHOTS === '0' ||
    process.env.ETHICA_SHOTS === '0' ? null : '/tmp/squiz-shots';
const { RUNS } = W;

let browser;

before(async () => {
	browser = await B.launch();
	if (SHOTS)
		fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
	if (browser)
		await browser.close();
});

// A walker of this file's browser (studio_walk.js).
function open(srv, lang, device, js, who) {
	return (W.open(browser, SHOTS, srv, lang, device, js, who));
}

// The new question's form of type, filled and sent.
async function addQuestion(w, type, fill) {
	const p = w.page;
	await p.selectOption('#add-type', type);
	await w.click('form:has(#add-type) button[type="submit"]');
	await w.check(`new ${type}`);
	await p.fill('#p-new', `A ${type} question?`);
	await p.fill('#f-new', `Why the ${type} answer is right.`);
	await fill(p);
	await w.click('#new-q button[type="submit"]');
}

// Answers every question of the attempt form on the page rightly (by
// question id; the attempt shows them in its own order).
async function answerAll(p, lang) {
	const q = (id) => p.locator(`fieldset:has(input[value="${id}"])`);
	await q('q1').locator('input[value="a"]').check();
	await q('q2').locator('input[value="a"]').check();
	await q('q2').locator('input[value="c"]').check();
	await q('q3').locator('input[value="false"]').check();
	await q('q4').locator('input[type="text"]').fill(lang === 'ar' ?
	    '١٩٣' : '193');
	await q('q5').locator('input[type="text"]').fill(lang === 'ko' ?
	    'RAM' : 'ram');
	for (const [k, o] of ['a', 'b', 'c'].entries())
		await q('q6').locator(`select[id$="-${o}"]`)
		    .selectOption(`${o}:${k + 1}`);
}

T.serverSuite('browser: the studio quiz editor', (srv) => {
	describe('an author builds a quiz, a learner takes it',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const [lang, device, js] of RUNS) {
			it(`quiz (${lang}, ${device}, JavaScript ` +
			    `${js ? 'on' : 'off'})`, async () => {
				const s = srv();
				const email = S.uniqueEmail('squiz');
				const lemail = S.uniqueEmail('squizl');
				await s.addUser(email, 'author', PW);
				await s.addUser(lemail, 'learner', PW);
				const slug = `squiz-${lang}-${device}-` +
				    `${js ? 'on' : 'off'}`;
				const C = `/studio/courses/${slug}`;
				const Q = `${C}/quizzes/m01`;
				// The course itself (studio.test.js walks
				// its creation).
				const c = s.client();
				await T.login(c, s, email, PW);
				const f = await c.getForm('/studio');
				const r = await T.mpost(c, '/studio', {
				    csrf: f.csrf, slug, title: 'Quiz course',
				    summary: 'Built in the studio.',
				    default_language: 'en',
				    language: ['ko', 'ar'], level: 'beginner',
				    licence: 'CC-BY-4.0', track: 'foundations',
				    module_title: 'Basics',
				    lesson_title: 'First lesson' });
				assert.equal(r.status, 303);
				const w = await open(s, lang, device, js,
				    'author');
				const p = w.page;
				try {
					await B.login(p, s, email, PW);
					await w.go(C);
					await w.check('outline');
					await w.click(`a[href="${Q}"]`);
					await w.check('no quiz yet');
					// The first question: no correct
					// choice first, refused at its field.
					await p.selectOption('#add-type',
					    'single');
					await w.click('form:has(#add-type) ' +
					    'button[type="submit"]');
					await w.check('first question form');
					await p.fill('#qz-new-title', 'Check');
					await p.fill('#p-new', 'Which is ' +
					    'protected?');
					await p.fill('#f-new', 'Age is.');
					await p.fill('#o1-new', 'Age');
					await p.fill('#o2-new', 'Shoe size');
					await w.click('#new-q ' +
					    'button[type="submit"]');
					await w.check('no correct choice', 400);
					assert.ok(await p.locator('#o-new-e')
					    .count() === 1);
					await p.check('#c1-new');
					await w.click('#new-q ' +
					    'button[type="submit"]');
					await w.check('quiz created');
					await addQuestion(w, 'multiple',
					    async (pg) => {
						await pg.fill('#o1-new', 'Fair');
						await pg.check('#c1-new');
						await pg.fill('#o2-new', 'Fast');
						await pg.fill('#o3-new', 'Open');
						await pg.check('#c3-new');
					});
					await w.check('multiple added');
					await addQuestion(w, 'truefalse',
					    (pg) => pg.check('#af-new'));
					await w.check('truefalse added');
					await addQuestion(w, 'numeric',
					    (pg) => pg.fill('#a-new', '193'));
					await w.check('numeric added');
					await addQuestion(w, 'text',
					    (pg) => pg.fill('#x-new',
					    'RAM\nReadiness assessment'));
					await w.check('text added');
					await addQuestion(w, 'ordering',
					    async (pg) => {
						await pg.fill('#o1-new', 'One');
						await pg.fill('#o2-new', 'Two');
						await pg.fill('#o3-new', 'Three');
					});
					await w.check('ordering added');
					assert.equal(await p.locator(
					    'li[id^="q-q"]').count(), 6);
					// The preview: the learner's form,
					// graded as the learner's page grades.
					await w.click(`a[href^="${Q}/preview"]`);
					await w.check('preview');
					await answerAll(p, lang);
					await w.click('form.quiz-form ' +
					    'button[type="submit"]');
					await w.check('preview graded');
					assert.equal(await p.locator(
					    '.quiz-feedback .q-ok').count(), 6);
					assert.equal(await p.locator(
					    '.quiz-feedback .q-bad').count(), 0);
					w.done();
				} finally {
					await w.close();
				}
				// A learner takes the quiz and passes.
				const l = await open(s, lang, device, js,
				    'learner');
				try {
					await B.login(l.page, s, lemail, PW);
					await l.go(`/courses/${slug}/quizzes/` +
					    'm01-quiz');
					await l.check('quiz page');
					await l.click('form[action$="/attempts"] ' +
					    'button[type="submit"]');
					await l.check('attempt');
					await answerAll(l.page, lang);
					await l.click('form.quiz-form ' +
					    'button[type="submit"]');
					await l.check('attempt graded');
					assert.equal(await l.page.locator(
					    '.quiz-feedback .q-ok').count(), 6);
					l.done();
				} finally {
					await l.close();
				}
			});
		}
	});
});
