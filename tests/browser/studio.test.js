'use strict';
// studio.test.js: the course studio in a real browser (issue 16 points 1
// and 2): an author creates a course, adds a module and two lessons,
// reorders them, adds a team member and archives the course, in English,
// Korean and Arabic, on a phone (390x844) and a desktop (1280x900), with
// JavaScript on and off (six runs: each language on both devices and in
// both JavaScript states). Every page reached answers the status the
// step expects, is in the page's language and direction, does not scroll
// sideways on a phone, and axe-core finds nothing on it; with JavaScript
// on, no CSP violation, script error or failed asset. Controls are found
// by form actions, names, values and ids, never by English text.
// Screenshots go to /tmp/studio-shots (STUDIO_SHOTS=0 or ETHICA_SHOTS=0:
// none).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const { describe, it, before, after } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const W = require('./lib/studio_walk');

const PW = 'a long enough passphrase';
const SHOTS = process.env.STUDIO_SHOTS === '0' ||
    process.env.ETHICA_SHOTS === '0' ? null : '/tmp/studio-shots';
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
function open(srv, lang, device, js) {
	return (W.open(browser, SHOTS, srv, lang, device, js));
}

function lessonIds(page) {
	return page.evaluate(() => [...document.querySelectorAll(
	    'li[id^="lesson-"]')].map((e) => e.id.slice(7)));
}

T.serverSuite('browser: the course studio', (srv) => {
	describe('an author builds a course',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const [lang, device, js] of RUNS) {
			it(`author (${lang}, ${device}, JavaScript ` +
			    `${js ? 'on' : 'off'})`, async () => {
				const s = srv();
				const email = S.uniqueEmail('studio');
				const member = S.uniqueEmail('member');
				await s.addUser(email, 'author', PW);
				await s.addUser(member, 'learner', PW);
				const slug = `studio-${lang}-${device}-` +
				    `${js ? 'on' : 'off'}`;
				const C = `/studio/courses/${slug}`;
				const w = await open(s, lang, device, js);
				const p = w.page;
				try {
					await w.go('/login');
					await p.fill('form[action^="/login"] ' +
					    '[name="email"]', email);
					await p.fill('form[action^="/login"] ' +
					    '[name="password"]', PW);
					await w.click('form[action^="/login"] ' +
					    'button[type="submit"]');
					await w.go('/studio');
					await w.check('studio');
					// A first try with a bad address is
					// refused with the field marked.
					await p.fill('#title', 'Fairness in hiring');
					await p.fill('#slug', 'Bad Address');
					await p.fill('#summary', 'Assessing an ' +
					    'AI hiring tool.');
					await p.check('#lang-ko');
					await p.check('#p-fairness');
					await p.fill('#module_title', 'Basics');
					await p.fill('#lesson_title', 'What is bias');
					await w.click('form[action="/studio"] ' +
					    'button[type="submit"]');
					await w.check('new course errors', 400);
					assert.equal(await p.getAttribute('#slug',
					    'aria-invalid'), 'true');
					await p.fill('#slug', slug);
					await w.click('form[action="/studio"] ' +
					    'button[type="submit"]');
					await w.check('outline created');
					assert.ok(p.url().endsWith(C), p.url());
					assert.ok(await p.locator('.flash, ' +
					    '[role="status"]').count() > 0,
					    'a confirmation');
					// A module with its first lesson, and a
					// second lesson in the first module.
					await p.fill('#nm-title', 'Practice');
					await p.fill('#nm-lesson', 'A hiring audit');
					await w.click('form:has(#nm-title) ' +
					    'button[type="submit"]');
					await w.check('module added');
					await p.fill('#nl-m01', 'Measuring bias');
					await w.click('form:has(#nl-m01) ' +
					    'button[type="submit"]');
					await w.check('lesson added');
					assert.deepEqual(await lessonIds(p),
					    ['what-is-bias', 'measuring-bias',
					    'a-hiring-audit']);
					// Reorder: the new lesson up, then the
					// first lesson down into the next module.
					await w.click('#lesson-measuring-bias ' +
					    'button[value="lesson-up"]');
					await w.check('lesson moved');
					await w.click('#lesson-what-is-bias ' +
					    'button[value="lesson-down"]');
					await w.check('lesson into next module');
					assert.equal(await p.locator(
					    '#module-m02 #lesson-what-is-bias')
					    .count(), 1);
					assert.deepEqual(await lessonIds(p),
					    ['measuring-bias', 'what-is-bias',
					    'a-hiring-audit']);
					// The team: a translator by e-mail.
					await w.go(`${C}/team`);
					await w.check('team');
					await p.fill('#email', member);
					await p.selectOption('#role', 'translator');
					await w.click('form:has(#email) ' +
					    'button[type="submit"]');
					await w.check('member added');
					assert.ok((await p.locator('main')
					    .innerText()).includes(member));
					// Archive: gone from the catalog.
					await w.click('form:has(input[value=' +
					    '"archive"]) button[type="submit"]');
					await w.check('archived');
					assert.ok(await p.locator(
					    'input[value="unarchive"]').count() ===
					    1);
					await w.go(`/courses?q=${encodeURIComponent(
					    'Fairness in hiring')}`);
					assert.equal(await p.locator(
					    `a[href="/courses/${slug}"]`).count(), 0);
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});
});
