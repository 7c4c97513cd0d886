'use strict';
// busy.test.js: the busy page (src/http/offload.c) as people see it. With
// the bound of hashing steps at 0 (ETHICA_HASH_SLOTS=0) every login is
// refused as busy: the login form comes back (503) with the message on
// top, the e-mail address kept and the password empty; the open-data
// export answers a short busy page. On a phone and a desktop, in English,
// Korean and Arabic, with JavaScript on and off: one h1, the right lang
// and dir, no sideways scrolling, no axe violation, no CSP or script
// error. Screenshots go to ETHICA_SHOTS (default /tmp/ethica-busy-shots;
// 0: none).

const assert = require('node:assert/strict');
const path = require('node:path');
const { it, before } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const VIEWS = [['phone', { width: 390, height: 844 }],
	['desktop', { width: 1280, height: 900 }]];
const LANGS = [
	{ code: 'en', accept: 'en-US,en;q=0.9', dir: 'ltr' },
	{ code: 'ko', accept: 'ko-KR,ko;q=0.9', dir: 'ltr' },
	{ code: 'ar', accept: 'ar,en;q=0.5', dir: 'rtl' },
];

const browser = B.fileBrowser();

let SHOTS;
before(() => {
	SHOTS = B.shotsDir('/tmp/ethica-busy-shots');
});

function shape(page) {
	return page.evaluate(() => ({
		h1: document.querySelectorAll('h1').length,
		lang: document.documentElement.getAttribute('lang'),
		dir: document.documentElement.getAttribute('dir'),
		wide: document.documentElement.scrollWidth > window.innerWidth,
		alert: (document.querySelector('main [role="alert"]') || {})
		    .textContent || '',
		email: (document.querySelector('main [name="email"]') || {})
		    .value,
		password: (document.querySelector('main [name="password"]') ||
		    {}).value,
	}));
}

T.serverSuite('the busy page in a browser', (srv) => {
	for (const js of [true, false]) {
		it(`login and export when busy, ${js ? 'with' : 'without'} ` +
		    'JavaScript', async () => {
			const s = srv();
			const email = S.uniqueEmail('busyb');
			const problems = [];
			const results = [];
			for (const l of LANGS) {
				for (const [vname, vp] of VIEWS) {
					const ctx = await browser.newContext({
					    viewport: vp, javaScriptEnabled: js,
					    locale: l.code, extraHTTPHeaders:
					    { 'accept-language': l.accept } });
					const axeCtx = js ? null :
					    await browser.newContext({
					    bypassCSP: true, viewport: vp });
					try {
						const page = await ctx.newPage();
						const watched = js ? B.watch(page) : [];
						const status = B.lastStatus(page);
						await page.goto(s.url('/login'));
						const f = page.locator('main form')
						    .first();
						await f.locator('[name="email"]')
						    .fill(email);
						await f.locator('[name="password"]')
						    .fill('a long enough passphrase');
						await B.navigate(page, () =>
						    B.submitButton(f).click());
						const at = `${l.code} ${vname}`;
						assert.equal(status(), 503, at);
						const m = await shape(page);
						assert.equal(m.h1, 1, at);
						assert.equal(m.lang, l.code, at);
						assert.equal(m.dir, l.dir, at);
						assert.ok(!m.wide, `${at}: too wide`);
						assert.ok(m.alert.trim().length > 20,
						    `${at}: no busy message`);
						assert.equal(m.email, email, at);
						assert.equal(m.password, '', at);
						await B.screenshot(page, { path: path.join(
						    SHOTS, `login-${l.code}-${vname}` +
						    `${js ? '' : '-nojs'}.png`) });
						const axe = async () => js ?
						    B.axeHere(page) : B.axeSnapshot(
						    await axeCtx.newPage(), page.url(),
						    await page.content(), page.viewportSize());
						results.push({ label: `login ${at}`,
						    url: page.url(),
						    violations: await axe() });
						await page.goto(s.url('/cases.csv'));
						assert.equal(status(), 503);
						const e = await shape(page);
						assert.equal(e.h1, 1);
						assert.equal(e.dir, l.dir);
						assert.ok(!e.wide, `${at}: export too wide`);
						await B.screenshot(page, { path: path.join(
						    SHOTS, `export-${l.code}-${vname}` +
						    `${js ? '' : '-nojs'}.png`) });
						results.push({ label: `export ${at}`,
						    url: page.url(),
						    violations: await axe() });
						problems.push(...watched.filter((w) =>
						    !/503 for/.test(w)));
					} finally {
						await ctx.close();
						if (axeCtx)
							await axeCtx.close();
					}
				}
			}
			assert.deepEqual(problems, []);
			const bad = B.report(results);
			assert.equal(bad, '', `axe violations:\n${bad}`);
		});
	}
}, { env: { ETHICA_HASH_SLOTS: '0' } });
