'use strict';
// roles_password.test.js: the password reset in a real browser, in three
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
const { it, before } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const R = require('./lib/roles');

const browser = B.fileBrowser();

T.serverSuite('browser journeys of every role: password', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	// Password: forgotten, the mailed link, a new password (confirmed),
	// signed in with it; the used link and a bogus link lead somewhere
	// (a way to ask for a new link, 13.14), not a dead end.
	for (const [lang, device, js] of R.matrix('ar phone off',
	    'ko desktop on', 'en desktop off')) {
		it(`password reset (${lang}, ${device}, JavaScript ${js ?
		    'on' : 'off'})`, async () => {
			const s = srv();
			const w = await R.open(browser, s, lang, device, js);
			try {
				const email = S.uniqueEmail(`pw-${lang}`);
				await s.addUser(email, 'learner', R.PW);
				await w.go('/password/forgot');
				await w.check('forgot');
				await w.page.fill('#email', email);
				await w.submit('form[action="/password/forgot"]');
				await w.check('link sent');
				const m = await s.readMail({ to: email,
				    link: '/password/reset' });
				const link = m.links.find((l) =>
				    l.includes('/password/reset'));
				await w.page.goto(link);
				await w.check('reset form');
				await w.page.fill('#password', 'another passphrase ok');
				await w.submit('form[action="/password/reset"]');
				await w.check('new password set');
				R.known('resetDone', await w.page.locator('.flash')
				    .count() === 1, w.tag);
				await w.ctx.clearCookies();
				await w.ctx.addCookies([{ name: 'lang',
				    value: lang, url: s.base }]);
				await R.login(w, email, 'another passphrase ok');
				assert.doesNotMatch(w.page.url(), /\/login/,
				    'signed in with the new password');
				await w.page.goto(link);
				await w.check('used link', w.status());
				R.known('newLink', await w.page.locator(
				    'main a[href="/password/forgot"]').count() > 0,
				    `${w.tag} used link`);
				await w.go('/password/reset?token=bogus');
				await w.check('bogus link', w.status());
				R.known('newLink', await w.page.locator(
				    'main a[href="/password/forgot"]').count() > 0,
				    `${w.tag} bad link`);
				w.done();
			} finally {
				await w.close();
			}
		});
	}

	R.knownTests('resetDone', 'newLink');
});
