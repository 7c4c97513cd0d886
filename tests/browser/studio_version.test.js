'use strict';
// studio_version.test.js: a course's versions in a real browser (issue 16
// point 6, the list, the diff and rollback): an owner creates a course,
// saves two changes to a lesson title (one with Arabic text), adds a
// reviewer, opens the versions page, compares two versions, and rolls
// back to the first (a new version, noted); the reviewer then sees the
// list and the diff but no rollback control. In English, Korean and
// Arabic, on a phone (390x844) and a desktop (1280x900), JavaScript on
// and off (six runs, as studio.test.js). Every page reached answers the
// status the step expects, is in the page's language and direction, does
// not scroll sideways on a phone, and axe-core finds nothing on it.
// Controls are found by form actions, names, values and ids, never by
// English text. Screenshots go to /tmp/sversion-shots (STUDIO_SHOTS=0:
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
    process.env.ETHICA_SHOTS === '0' ? null :
    '/tmp/sversion-shots';
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

T.serverSuite('browser: studio versions', (srv) => {
	describe('an owner compares and rolls back, a reviewer looks',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const [lang, device, js] of RUNS) {
			it(`versions (${lang}, ${device}, JavaScript ` +
			    `${js ? 'on' : 'off'})`, async () => {
				const s = srv();
				const email = S.uniqueEmail('owner');
				const rev = S.uniqueEmail('reviewer');
				await s.addUser(email, 'author', PW);
				await s.addUser(rev, 'learner', PW);
				const slug = `ver-${lang}-${device}-` +
				    `${js ? 'on' : 'off'}`;
				const C = `/studio/courses/${slug}`;
				const w = await open(s, lang, device, js);
				const p = w.page;
				try {
					await B.login(p, s, email, PW);
					await w.go('/studio');
					await p.fill('#title', 'Versioned course');
					await p.fill('#slug', slug);
					await p.fill('#summary', 'It changes.');
					await p.check('#lang-ar');
					await p.fill('#module_title', 'Basics');
					await p.fill('#lesson_title', 'First draft');
					await w.click('form[action="/studio"] ' +
					    'button[type="submit"]');
					await w.check('created');
					for (const t of ['Second draft',
					    'مسودة ثالثة أطول قليلًا من السابقة']) {
						await p.fill('#lt-first-draft', t);
						await w.click('#lesson-first-draft ' +
						    'button[value="lesson-rename"]');
						await w.check('renamed');
					}
					await w.go(`${C}/team`);
					await p.fill('#email', rev);
					await p.selectOption('#role', 'reviewer');
					await w.click('form:has(#email) ' +
					    'button[type="submit"]');
					await w.check('reviewer added');
					// The list, from the studio's menu.
					await w.click(`a[href="${C}/versions"]`);
					await w.check('versions');
					assert.deepEqual(await p.evaluate(() =>
					    [...document.querySelectorAll(
					    '.studio-version')].map((e) => e.id)),
					    ['v-3', 'v-2', 'v-1']);
					// The diff of the last change.
					await w.click(`a[href="${C}/diff?from=2&to=3"]`);
					await w.check('diff');
					assert.ok(await p.locator('tr.diff-del')
					    .count() >= 1);
					assert.ok((await p.locator('tr.diff-add')
					    .innerText()).includes('مسودة ثالثة'));
					// The compare form, then rollback.
					await w.go(`${C}/versions`);
					await p.fill('#cmp-from', '1');
					await p.fill('#cmp-to', '3');
					await w.click('form.studio-compare ' +
					    'button[type="submit"]');
					await w.check('compare 1 to 3');
					assert.ok(p.url().includes('from=1&to=3'),
					    p.url());
					await w.go(`${C}/versions`);
					await w.click('#v-1 button[type="submit"]');
					await w.check('rolled back');
					assert.ok(p.url().endsWith(`${C}/versions`));
					assert.equal(await p.locator('#v-4')
					    .count(), 1);
					assert.ok((await p.locator('#v-4')
					    .innerText()).includes('rolled back to 1'));
					assert.ok(await p.locator('.flash, ' +
					    '[role="status"]').count() > 0,
					    'a confirmation');
					// The reviewer looks, and cannot roll back.
					await p.context().clearCookies();
					await p.context().addCookies([{ name:
					    'lang', value: lang, url: s.base }]);
					await B.login(p, s, rev, PW);
					await w.go(`${C}/versions`);
					await w.check('reviewer versions');
					assert.equal(await p.locator(
					    'input[value="rollback"]').count(), 0);
					await w.go(`${C}/diff?from=3&to=4`);
					await w.check('reviewer diff');
					assert.ok(await p.locator('tr.diff-add')
					    .count() >= 1);
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});
});
