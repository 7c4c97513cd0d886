'use strict';
// studio_translate.test.js: translating in the studio in a real browser
// (issue 16.5): a translator opens the course's table of translations,
// translates a lesson into Korean beside its English source, the author
// changes the English, and the translator finds the translation
// outdated with the source's diff and confirms it; in English, Korean
// and Arabic, on a phone (390x844) and a desktop, JavaScript on and off
// (six runs, as studio.test.js). Every page reached answers the status
// the step expects, is in the page's language and direction, does not
// scroll sideways on a phone, and axe-core finds nothing on it.
// Controls are found by form actions, names, values and ids. Screenshots
// go to /tmp/stranslate-shots (STRANSLATE_SHOTS=0: none).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const { describe, it, before, after } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const W = require('./lib/studio_walk');

const PW = 'a long enough passphrase';
const SHOTS = process.env.STRANSLATE_SHOTS === '0' ||
    process.env.ETHICA_SHOTS === '0' ? null : '/tmp/stranslate-shots';
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

// setup(srv, slug, translator): an author (HTTP client) makes a course in
// English and Korean and gives translator the translator's role; the
// author's client, to change the English later.
async function setup(srv, slug, translator) {
	const email = S.uniqueEmail('tauthor');
	await srv.addUser(email, 'author', PW);
	const c = srv.client();
	await T.login(c, srv, email, PW);
	let f = await c.getForm('/studio');
	let r = await T.mpost(c, '/studio', { csrf: f.csrf, slug,
	    title: 'Fairness in hiring', summary: 'An AI hiring tool.',
	    default_language: 'en', language: ['ko'], level: 'beginner',
	    licence: 'CC-BY-4.0', track: 'foundations',
	    module_title: 'Basics', lesson_title: 'What is bias' });
	assert.equal(r.status, 303);
	const ed = `/studio/courses/${slug}/lessons/what-is-bias/en`;
	f = await c.getForm(ed);
	r = await T.mpost(c, ed, { csrf: f.csrf, save: '1',
	    text: '# What is bias\n\nBias is a systematic error.\n' });
	assert.equal(r.status, 303);
	f = await c.getForm(`/studio/courses/${slug}/team`);
	r = await T.mpost(c, `/studio/courses/${slug}/team`, { csrf: f.csrf,
	    op: 'add', email: translator, role: 'translator' });
	assert.equal(r.status, 303);
	return c;
}

T.serverSuite('browser: translating in the studio', (srv) => {
	describe('a translator translates a lesson into Korean',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const [lang, device, js] of RUNS) {
			it(`translator (${lang}, ${device}, JavaScript ` +
			    `${js ? 'on' : 'off'})`, async () => {
				const s = srv();
				const email = S.uniqueEmail('tr');
				await s.addUser(email, 'learner', PW);
				const slug = `tr-${lang}-${device}-` +
				    `${js ? 'on' : 'off'}`;
				const TR = `/studio/courses/${slug}/translations`;
				const author = await setup(s, slug, email);
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
					await w.go(TR);
					await w.check('table');
					assert.equal(await p.locator('#tr-what-is-bias ' +
					    'a[data-state="missing"]').count(), 1);
					await w.click('#tr-what-is-bias a[href$="/ko"]');
					await w.check('editor');
					assert.equal(await p.getAttribute('#text',
					    'lang'), 'ko');
					// Side by side on a desktop, stacked on a
					// phone.
					const cols = await p.evaluate(() =>
					    getComputedStyle(document.querySelector(
					    '.tr-pair')).gridTemplateColumns
					    .split(' ').length);
					assert.equal(cols, device === 'phone' ? 1 : 2);
					await p.fill('#title', '편향이란');
					await p.fill('#text', '# 편향이란\n\n' +
					    '편향은 체계적인 오류입니다.\n');
					await w.click('form:has(#text) ' +
					    'button[type="submit"]');
					await w.check('saved');
					assert.equal(await p.locator('strong[data-state=' +
					    '"current"]').count(), 1);
					// The author changes the English.
					const ed = `/studio/courses/${slug}/lessons/` +
					    'what-is-bias/en';
					const f = await author.getForm(ed);
					const r = await T.mpost(author, ed, {
					    csrf: f.csrf, save: '1', text: '# What ' +
					    'is bias\n\nBias is a systematic ' +
					    'error.\n\nIt can be measured.\n' });
					assert.equal(r.status, 303);
					await w.go(TR);
					await w.check('table outdated');
					assert.equal(await p.locator('#tr-what-is-bias ' +
					    'a[data-state="outdated"]').count(), 1);
					await w.click('#tr-what-is-bias a[href$="/ko"]');
					await w.check('outdated with the diff');
					assert.ok((await p.locator('.tr-diff')
					    .innerText()).includes('It can be ' +
					    'measured.'));
					await w.click('form:has(input[value=' +
					    '"confirm"]) button[type="submit"]');
					await w.check('confirmed');
					assert.equal(await p.locator('strong[data-state=' +
					    '"current"]').count(), 1);
					assert.equal(await p.locator('.tr-diff').count(),
					    0);
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});
});
