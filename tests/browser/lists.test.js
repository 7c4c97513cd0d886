'use strict';
// lists.test.js: a paged list in a real browser (issue 14.1): a seed
// reviewer with 120 assigned cases opens /review in English, Korean and
// Arabic, on a phone (390x844) and a desktop (1280x900), with JavaScript
// on and off (signed in once, by the session cookie), follows "Next page"
// to the last page and "Previous page" back to the first by the links'
// rel, not their text. Each page answers 200 in its language and
// direction, does not scroll sideways on a phone, shows at most 50 cases
// and none twice, and axe-core finds no violation; with JavaScript on, no
// CSP violation or script error. Screenshots of the first and last pages
// go to ETHICA_SHOTS (default /tmp/lists-shots; 0: none).

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, it, before } = require('node:test');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PW = 'ethica-demo-2026';
const VIEW = { phone: { width: 390, height: 844 },
    desktop: { width: 1280, height: 900 } };
const DIR = { en: 'ltr', ko: 'ltr', ar: 'rtl' };

const browser = B.fileBrowser();

let SHOTS;
before(() => {
	SHOTS = B.shotsDir('/tmp/lists-shots');
});

// The session of the seed reviewer, signed in once (the list is what is
// tested here, not the login form; and logins of one seeded account at
// once race: the first rehashes the password, which fails the others).
let sid;

T.serverSuite('a paged list in the browser', (srv) => {
	before(async () => {
		let r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		r = await srv().ethica(['dev', 'seed-submissions', '120']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		const c = srv().client();
		await T.login(c, srv(), 'reviewer-1@seed.ethica.example', PW);
		sid = c.cookie('sid');
	});

	// Walks may go side by side (B.RUNS_AT_ONCE): they only read.
	describe('every language, device and JavaScript state',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const lang of ['en', 'ko', 'ar']) {
			for (const device of ['phone', 'desktop']) {
				for (const js of [true, false]) {
					const tag = `${lang}, ${device}, ` +
					    `JavaScript ${js ? 'on' : 'off'}`;
					it(`the reviewer's list, both ways (${tag})`,
					    () => walk(srv(), lang, device, js));
				}
			}
		}
	});
});

async function walk(srv, lang, device, js) {
	const ctx = await browser.newContext({ viewport: VIEW[device],
	    javaScriptEnabled: js });
	await ctx.addCookies([{ name: 'lang', value: lang, url: srv.base },
	    { name: 'sid', value: sid, url: srv.base, httpOnly: true,
	    sameSite: 'Lax' }]);
	const axeCtx = js ? null : await browser.newContext({ bypassCSP: true });
	const axePage = axeCtx ? await axeCtx.newPage() : null;
	const page = await ctx.newPage();
	const status = B.lastStatus(page);
	const watched = js ? B.watch(page) : [];
	const problems = [];
	const axe = [];
	const at = `${lang}/${device}/JS ${js ? 'on' : 'off'}`;
	try {
		await page.goto(srv.url('/review'));
		const seen = [];
		let pages = 0;
		// check(label): what every page of the list must satisfy.
		const check = async (label) => {
			if (status() !== 200)
				problems.push(`${at} ${label}: status ${status()}`);
			const m = await page.evaluate(() => ({
				lang: document.documentElement.lang,
				dir: document.documentElement.dir,
				wide: document.documentElement.scrollWidth >
				    window.innerWidth + 1,
				ids: [...document.querySelectorAll(
				    'main a[href^="/review/cases/"]')]
				    .map((a) => a.getAttribute('href')),
			}));
			if (m.lang !== lang || (m.dir || 'ltr') !== DIR[lang])
				problems.push(`${at} ${label}: lang=${m.lang} ` +
				    `dir=${m.dir}`);
			if (m.wide && device === 'phone')
				problems.push(`${at} ${label}: scrolls sideways`);
			if (m.ids.length === 0 || m.ids.length > 50)
				problems.push(`${at} ${label}: ${m.ids.length} rows`);
			axe.push({ label: `${at} ${label}`, url: page.url(),
			    violations: js ? await B.axeHere(page) :
			    await B.axeSnapshot(axePage, page.url(),
			    await page.content(), page.viewportSize()) });
			return m.ids;
		};
		for (;;) {
			const ids = await check(`page ${pages + 1}`);
			seen.push(...ids);
			if (pages === 0)
				await B.screenshot(page, { path: path.join(SHOTS,
				    `review-${lang}-${device}-js${js ? 1 : 0}` +
				    '-first.png'), fullPage: true });
			pages++;
			const next = page.locator('nav.pager a[rel="next"]');
			if (await next.count() === 0 || pages > 5)
				break;
			await B.navigate(page, () => next.click());
		}
		await B.screenshot(page, { path: path.join(SHOTS,
		    `review-${lang}-${device}-js${js ? 1 : 0}-last.png`),
		    fullPage: true });
		assert.equal(pages, 3, `${at}: ${pages} pages`);
		assert.equal(seen.length, 120, `${at}: ${seen.length} rows`);
		assert.equal(new Set(seen).size, 120, `${at}: a row twice`);
		// Back to the first page by "Previous page".
		let back = 0;
		for (;;) {
			const prev = page.locator('nav.pager a[rel="prev"]');
			if (await prev.count() === 0 || back > 5)
				break;
			await B.navigate(page, () => prev.click());
			back++;
		}
		assert.equal(back, 2, `${at}: ${back} pages back`);
		const first = await page.evaluate(() => [...document
		    .querySelectorAll('main a[href^="/review/cases/"]')]
		    .map((a) => a.getAttribute('href')));
		assert.deepEqual(first, seen.slice(0, 50));
		assert.deepEqual([...problems, ...watched], []);
		const bad = B.report(axe);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	} finally {
		await ctx.close();
		if (axeCtx)
			await axeCtx.close();
	}
}
