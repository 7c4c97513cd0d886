'use strict';
// roles_author.test.js: the author's journey in a real browser, in three
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
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const R = require('./lib/roles');

const browser = B.fileBrowser();

T.serverSuite('browser journeys of every role: author', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	describe('author', { concurrency: 1 }, () => {
		// The author: the lesson editor, a preview with a case card and an
		// unknown case name (flagged at preview, 13.13), then a save.
		for (const [lang, device, js] of R.matrix('ko desktop off',
		    'ar phone on', 'en phone off')) {
			it(`author (${lang}, ${device}, JavaScript ${js ? 'on' :
			    'off'})`, async () => {
				const w = await R.open(browser, srv(), lang, device, js);
				try {
					await R.login(w, 'author@demo.ethica.example',
					    R.DEMO_PW);
					const ed = '/author/courses/demo-intro/lessons/' +
					    `why-ethics/${lang === 'ko' ? 'ko' :
					    'en'}`;
					await w.go(ed);
					await w.check('editor');
					const text = await w.page.inputValue('#text');
					await w.page.fill('#text', text + '\n\n::case[' +
					    'uk-algorithmic-transparency-recording-standard]' +
					    '\n\n::case[no-such-case-here]\n');
					await w.submit('main form[enctype]',
					    'button[name="preview"]');
					await w.check('preview');
					const media = w.watched.filter((p) =>
					    /^404 for .*\/author\/.*\/media\//.test(p));
					R.known('previewMedia', media.length === 0, w.tag);
					w.watched.splice(0, w.watched.length,
					    ...w.watched.filter((p) => !media.includes(p)));
					const pv = w.page.locator('.preview');
					assert.equal(await pv.count(), 1);
					assert.equal(await pv.locator('.case-card a[href=' +
					    '"/cases/uk-algorithmic-transparency-recording-' +
					    'standard"]').count(), 1, 'the case card is drawn');
					assert.doesNotMatch(await pv.innerText(),
					    /::case\[uk-/, 'no card is left as text');
					assert.ok(await w.page.locator('.alert code',
					    { hasText: 'no-such-case-here' }).count() > 0,
					    'the unknown case is named at preview');
					// Markdown and case names run left to right in a
					// right-to-left page ("case[x]::" otherwise).
					assert.deepEqual(await w.page.evaluate(() => [
					    '#text', '.alert code'].map((q) =>
					    getComputedStyle(document.querySelector(q))
					    .direction)), ['ltr', 'ltr']);
					await w.page.fill('#text', text + '\n\nEdit.\n');
					await w.submit('main form[enctype]',
					    'button[name="save"]');
					await w.check('saved');
					assert.equal(await w.page.locator('.flash')
					    .count(), 1, 'the save is confirmed');
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});

	R.knownTests('previewMedia');
});
