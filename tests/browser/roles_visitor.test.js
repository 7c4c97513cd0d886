'use strict';
// roles_visitor.test.js: the visitor's journey in a real browser, in
// English, Korean and Arabic, on a phone (375x812) and a desktop
// (1280x900), with JavaScript on and off: every combination (issue 13,
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

T.serverSuite('browser journeys of every role: visitor', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	// The visitor: home, catalog filtered and searched, a course, a
	// lesson, the case library searched and narrowed by a facet, the
	// language changed there (the filters stay), a case, the principles,
	// an unknown certificate. axe-core runs on every page in four of the
	// twelve runs (the others see the same HTML), chosen so that each
	// language, device and JavaScript state is among them.
	const AXE = ['en/phone/JS on', 'ko/desktop/JS off', 'ar/phone/JS off',
	    'ar/desktop/JS on'];
	// Visitors may go side by side (B.RUNS_AT_ONCE): the runs share
	// nothing but the server.
	describe('visitor', { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const [lang, device, js] of R.ALL) {
			it(`visitor (${lang}, ${device}, JavaScript ${js ? 'on' :
			    'off'})`, async () => {
				const w = await R.open(browser, srv(), lang, device, js,
				    AXE.includes(`${lang}/${device}/JS ${js ? 'on' :
				    'off'}`));
				try {
					await w.go('/');
					await w.check('home');
					await w.go('/courses');
					const facet = w.page.locator('#filters a').first();
					await B.navigate(w.page, () => facet.click());
					await w.page.fill('#q', 'AI');
					await w.submit('form.search');
					const u = new URL(w.page.url());
					assert.equal(u.searchParams.get('q'), 'AI');
					assert.ok([...u.searchParams.keys()].length >= 2,
					    `the search kept the filter: ${u.search}`);
					await w.check('catalog, filtered and searched');
					await w.go('/courses/ethics-of-ai');
					await w.check('course');
					// A lesson with two case cards (13.13's cards must
					// be told apart by their names, not one "Practice case").
					await B.navigate(w.page, () => w.page.locator(
					    'main a[href$="/lessons/why-transparency"]')
					    .first().click());
					await w.check('lesson');
					assert.ok(await w.page.locator('.case-card').count() >=
					    2, 'the lesson shows its case cards');
					const toc = await w.page.evaluate(() => {
						const a = document.querySelector('nav.toc a');
						return a === null ? null : [
						    a.closest('[lang]').lang,
						    document.querySelector('article').lang];
					});
					if (toc !== null)
						assert.equal(toc[0], toc[1], 'the headings ' +
						    'listed "on this page" carry the ' +
						    'lesson\'s language');
					await w.go('/cases');
					await w.page.fill('#q', 'algorithm');
					await w.submit('form.search');
					await B.navigate(w.page, () => w.page.locator(
					    '#filters a').first().click());
					await w.check('cases, searched and narrowed');
					const before_ = new URL(w.page.url()).search;
					assert.match(before_, /q=algorithm/);
					const other = lang === 'ar' ? 'ko' : 'ar';
					await R.chooseLanguage(w, other);
					assert.equal(new URL(w.page.url()).search, before_,
					    'changing language keeps the search and ' +
					    'filters');
					assert.equal(await w.page.evaluate(() =>
					    document.documentElement.lang), other);
					await R.chooseLanguage(w, lang);
					await B.navigate(w.page, () => w.page.locator(
					    'main a[href^="/cases/"]').first().click());
					await w.check('case');
					assert.equal(await w.page.evaluate(() =>
					    document.querySelector('main dt')
					    .closest('[lang]').lang), lang,
					    'the case page\'s own labels are in the ' +
					    'reader\'s language, not the case\'s');
					await w.go('/principles');
					await w.check('principles');
					await w.go('/certificates/AAAAAAAAAAAAAAAAAAAAAA');
					await w.check('unknown certificate', 404);
					const cert = await w.text();
					await w.go('/no-such-page');
					assert.notEqual(cert, await w.text(),
					    'an unknown certificate is not the ' +
					    'generic 404 page');
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});
});
