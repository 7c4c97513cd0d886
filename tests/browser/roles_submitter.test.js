'use strict';
// roles_submitter.test.js: the submitter's journey in a real browser, in
// three combinations of language, device and JavaScript state chosen so
// that every language, device and JavaScript state appears among them
// (issue 13, "What it must show"; tests/browser/lib/roles.js holds what the
// journeys of every role share, one file per role so that make test runs
// them side by side). Every page reached answers 200 (or the status the
// step expects), is in the page's language and direction, does not scroll
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

T.serverSuite('browser journeys of every role: submitter', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	describe('submitter', { concurrency: 1 }, () => {
		// The submitter: register, follow the mailed link, log in, the open
		// call, a draft with a PDF, a form with an error, fixed, submitted,
		// then withdrawn.
		const submitted = new Map();
		for (const [lang, device, js] of R.matrix('en desktop on',
		    'ko phone off', 'ar phone on')) {
			it(`submitter (${lang}, ${device}, JavaScript ${js ? 'on' :
			    'off'})`, async () => {
				const s = srv();
				const w = await R.open(browser, s, lang, device, js);
				try {
					const email = S.uniqueEmail(`sub-${lang}`);
					await w.go('/register');
					await w.check('register');
					await w.page.fill('#email', email);
					await w.page.fill('#display_name', 'Submitter');
					await w.page.fill('#password', R.PW);
					await w.submit('form[action="/register"]');
					await w.check('registration sent');
					const m = await s.readMail({ to: email,
					    link: '/verify' });
					await w.page.goto(m.links.find((l) =>
					    l.includes('/verify')));
					await w.check('verified');
					await R.login(w, email, R.PW);
					await w.go('/calls');
					await w.check('calls');
					await B.navigate(w.page, () => w.page.locator(
					    'main a[href^="/calls/"]').first().click());
					await w.check('call');
					// A call written in English reads left to right on an
					// Arabic page ("?welcome." otherwise).
					for (const q of ['main h1', 'main .prose']) {
						const [t, d] = await w.page.locator(q).first()
						    .evaluate((e) => [e.textContent.trim(),
						    getComputedStyle(e).direction]);
						if (/^[A-Za-z]/.test(t))
							assert.equal(d, 'ltr', `${q}: ${t}`);
					}
					const call = w.page.url().match(/calls\/(\d+)/)[1];
					await w.go(`/calls/${call}/submit`);
					await w.check('submission form');
					await w.page.fill('#title', `Case ${lang}`);
					await w.page.setInputFiles('#attachment', {
					    name: 'walk.pdf', mimeType: 'application/pdf',
					    buffer: R.PDF });
					await w.submit('main form[enctype]',
					    'button[value="save"]');
					assert.match(w.page.url(), /\/submissions\/\d+$/);
					await w.check('draft');
					assert.match(await w.text(), /walk\.pdf/);
					R.known('draftSaved', await w.page.locator('.flash')
					    .count() === 1, w.tag);
					const mine = w.page.url().replace(s.base, '');
					await w.go(`${mine}?edit=1`);
					await w.submit('main form[enctype]',
					    'button[value="submit"]');
					await w.check('form with errors', 400);
					assert.ok(await w.page.locator('.field-error')
					    .count() > 0, 'errors beside the fields');
					assert.equal(await w.page.inputValue('#title'),
					    `Case ${lang}`, 'the form keeps its edits');
					await w.page.fill('#organisation', 'Org');
					await w.page.selectOption('#sector', { index: 1 });
					await w.page.selectOption('#country', 'KR');
					await w.page.selectOption('#category', { index: 1 });
					await w.page.locator('input[name="tag"]').first()
					    .check();
					for (const f of ['summary', 'ai_system', 'actions',
					    'outcomes', 'lessons'])
						await w.page.fill(`#${f}`, `${f}.`);
					await w.page.selectOption('#language', lang);
					await w.page.check('#consent_publish');
					await w.submit('main form[enctype]',
					    'button[value="submit"]');
					assert.equal(w.page.url(), s.url(mine));
					await w.check('submitted');
					assert.ok(await w.page.locator(
					    'form[action$="/withdraw"]').count() === 1);
					submitted.set(w.tag, { mine, email });
					w.done();
				} finally {
					await w.close();
				}
			});
		}

		// 13.12: withdrawing asks for confirmation first (one click on
		// Withdraw does not withdraw yet).
		it('submitter: Withdraw asks before it withdraws', async () => {
			const s = srv();
			const [sub] = [...submitted.values()];
			assert.ok(sub, 'no submitted case from the journeys above');
			const w = await R.open(browser, s, 'en', 'phone', false, false);
			try {
				await R.login(w, sub.email, R.PW);
				await w.go(sub.mine);
				await w.submit('form[action$="/withdraw"]');
				await w.go(sub.mine);
				R.known('withdraw', await w.page.locator(
				    'form[action$="/withdraw"]').count() === 1,
				    'one click on Withdraw withdrew the case');
			} finally {
				await w.close();
			}
		});
	});

	R.knownTests('draftSaved', 'withdraw');
});
