'use strict';
// roles_admin.test.js: the admin's journey in a real browser, in three
// combinations of language, device and JavaScript state chosen so that
// every language, device and JavaScript state appears among them (issue 13,
// "What it must show"; tests/browser/lib/roles.js holds what the journeys
// of every role share, one file per role so that make test runs them side
// by side). Every page reached answers 200 (or the status the step
// expects), is in the page's language and direction, does not scroll
// sideways on a phone, and axe-core finds no violation on it; with
// JavaScript on, no CSP violation, script error or failed asset. Steps are
// found by form actions, names and ids, never by English text, so the same
// code walks every language.

const assert = require('node:assert/strict');
const { describe, it, before } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const R = require('./lib/roles');

const browser = B.fileBrowser();

T.serverSuite('browser journeys of every role: admin', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	describe('admin', { concurrency: 1 }, () => {
		// The admin: users, a role changed (confirmed), the audit log with
		// that change, the mail queue.
		for (const [lang, device, js] of R.matrix('ar desktop off',
		    'en phone on', 'ko phone on')) {
			it(`admin (${lang}, ${device}, JavaScript ${js ? 'on' :
			    'off'})`, async () => {
				const s = srv();
				const w = await R.open(browser, s, lang, device, js);
				try {
					const who = S.uniqueEmail(`role-${lang}`);
					await s.addUser(who, 'learner', R.PW);
					await R.login(w, 'admin@demo.ethica.example',
					    R.DEMO_PW);
					await w.go(`/admin/users?q=${encodeURIComponent(
					    who)}`);
					await w.check('users');
					// An address runs left to right in every page.
					assert.equal(await w.page.evaluate((e) => {
						const td = [...document.querySelectorAll('td')]
						    .find((t) => t.textContent.trim() === e);
						return getComputedStyle(td.firstElementChild ||
						    td).direction;
					}, who), 'ltr', 'the address reads left to right');
					const f = w.page.locator(
					    'form[action="/admin/users/role"]').first();
					await f.locator('select[name="role"]')
					    .selectOption('reviewer');
					await B.navigate(w.page, () =>
					    B.submitButton(f).click());
					await w.check('role changed');
					assert.equal(await w.page.locator('.flash')
					    .count(), 1, 'the change is confirmed');
					await w.go(`/admin/users?q=${encodeURIComponent(
					    who)}`);
					assert.equal(await w.page.locator(
					    'form[action="/admin/users/role"] select')
					    .first().inputValue(), 'reviewer');
					await w.go('/admin/audit');
					await w.check('audit');
					await w.go('/admin/mail');
					await w.check('mail queue');
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});
});
