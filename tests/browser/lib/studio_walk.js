'use strict';
// studio_walk.js: the walk the studio's browser tests share (studio*.test.js):
// the six runs (each language on a phone and a desktop, JavaScript on and
// off), and open(), a walker whose check(label, status) asks of every page
// reached the status the step expects, the page's language and direction,
// one h1, no sideways scroll on a phone and no axe-core finding (with
// JavaScript on, also no CSP violation, script error or failed asset), and
// whose done() fails the test on anything found.

const assert = require('node:assert/strict');
const B = require('./browser');

const VIEW = { phone: { width: 390, height: 844 },
    desktop: { width: 1280, height: 900 } };
const DIR = { en: 'ltr', ko: 'ltr', ar: 'rtl' };
const RUNS = [
	['en', 'phone', true], ['en', 'desktop', false],
	['ko', 'phone', false], ['ko', 'desktop', true],
	['ar', 'phone', true], ['ar', 'desktop', false],
];

// open(browser, shots, srv, lang, device, js, who): a walker in a new
// context of browser; shots is the folder of its screenshots (null: none);
// who (optional) starts their names.
async function open(browser, shots, srv, lang, device, js, who) {
	const ctx = await browser.newContext({ viewport: VIEW[device],
	    javaScriptEnabled: js });
	await ctx.addCookies([{ name: 'lang', value: lang, url: srv.base }]);
	const axeCtx = js ? null : await browser.newContext({ bypassCSP: true });
	const axePage = axeCtx ? await axeCtx.newPage() : null;
	const page = await ctx.newPage();
	const w = { srv, lang, device, js, page, status: B.lastStatus(page),
	    watched: js ? B.watch(page) : [], problems: [], axe: [],
	    tag: `${who ? who + '-' : ''}${lang}-${device}-` +
	    `js${js ? 'on' : 'off'}` };
	w.go = (p) => page.goto(srv.url(p));
	w.click = (sel) => B.navigate(page, () =>
	    page.locator(sel).first().click());
	w.check = async (label, want = 200) => {
		const at = `${w.tag} ${label}`;
		if (w.status() !== want)
			w.problems.push(`${at}: status ${w.status()}, not ${want}`);
		const m = await page.evaluate(() => ({
			lang: document.documentElement.lang,
			dir: document.documentElement.dir,
			wide: document.documentElement.scrollWidth >
			    window.innerWidth + 1,
			h1: document.querySelectorAll('h1').length,
		}));
		if (m.lang !== lang || (m.dir || 'ltr') !== DIR[lang])
			w.problems.push(`${at}: lang=${m.lang} dir=${m.dir}`);
		if (m.wide && device === 'phone')
			w.problems.push(`${at}: scrolls sideways`);
		if (m.h1 !== 1)
			w.problems.push(`${at}: ${m.h1} h1 elements`);
		if (shots)
			await page.screenshot({ path: `${shots}/${w.tag}-` +
			    `${label.replace(/[^a-z0-9]+/g, '-')}.png`,
			    fullPage: true });
		const violations = js ? await B.axeHere(page) :
		    await B.axeSnapshot(axePage, page.url(),
		    await page.content(), page.viewportSize());
		w.axe.push({ label: at, url: page.url(), violations });
	};
	w.close = async () => {
		await ctx.close();
		if (axeCtx)
			await axeCtx.close();
	};
	w.done = () => {
		assert.deepEqual([...w.problems, ...w.watched], []);
		const bad = B.report(w.axe);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	};
	return w;
}

module.exports = { VIEW, DIR, RUNS, open };
