'use strict';
// roles.js: what the journeys of every role (issue 13, "What it must
// show") share, one file per role (roles_*.test.js) so that make test runs
// them side by side: the accounts' passwords, the devices, the walker
// open() gives (a context in a language, viewport and JavaScript state,
// and the checks every page reached must pass), the login form, the
// language menu, and the known defects each file reports.
//
// Defects that lie in another engineer's code are noted by the journeys
// with known(key, ...) instead of failing them, and reported by one
// "known defect" test per key (knownTests, at the end of the file whose
// journeys note that key); fixed since, each fails if it comes back.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const B = require('./browser');

const PW = 'a long enough passphrase';
const DEMO_PW = 'ethica-demo-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const VIEW = { phone: { width: 375, height: 812 },
    desktop: { width: 1280, height: 900 } };
const DIR = { en: 'ltr', ko: 'ltr', ar: 'rtl' };

// Defects of issue 13 that the journeys first found in other engineers'
// code, all fixed since: the journeys note each check here (known(key,
// ok, what)) and one test per key at the end fails if it comes back.
const KNOWN = {
	draftSaved: 'issue 13.10: saving a draft shows no confirmation ' +
	    '(FLASH_DRAFT_SAVED unused; chair engineer, h_submission.c)',
	resetDone: 'issue 13.10: setting a new password from the mailed ' +
	    'link shows no confirmation on the login page ' +
	    '(FLASH_PASSWORD_RESET unused; accounts engineer, h_account.c)',
	newLink: 'issue 13.14: a used or bad reset link offers only "home", ' +
	    'not "send a new link" (accounts engineer, h_account.c)',
	previewMedia: 'the author preview loads lesson images from ' +
	    '/author/courses/S/lessons/K/media/F, which answers 404 (relative ' +
	    'media/ links resolve against the editor address; h_author.c ' +
	    'or the Markdown renderer must give the preview the lesson\'s ' +
	    'base)',
	withdraw: 'issue 13.12: Withdraw acts at once, without asking ' +
	    '(chair engineer, h_submission.c, submission.html)',
};
const found = new Map();

// known(key, ok, what): notes what when ok is false.
function known(key, ok, what) {
	assert.ok(KNOWN[key], `no known defect ${key}`);
	if (!ok) {
		if (!found.has(key))
			found.set(key, []);
		found.get(key).push(what);
	}
}

// knownTests(keys): one test per key, after the journeys that note it,
// failing when any of them found the defect again.
function knownTests(...keys) {
	for (const key of keys) {
		it(`once a known defect: ${KNOWN[key]}`, () => {
			assert.deepEqual(found.get(key) || [], []);
		});
	}
}

// open(browser, srv, lang, device, js, axe): a context of browser (a
// B.fileBrowser()) in that language (the lang cookie the language menu
// sets), viewport and JavaScript state, and a walker w whose check(label)
// records what the page must satisfy, including axe-core's findings
// unless axe is false.
async function open(browser, srv, lang, device, js, axe = true) {
	const ctx = await browser.newContext({ viewport: VIEW[device],
	    javaScriptEnabled: js });
	await ctx.addCookies([{ name: 'lang', value: lang, url: srv.base }]);
	const axeCtx = js || !axe ? null :
	    await browser.newContext({ bypassCSP: true });
	const axePage = axeCtx ? await axeCtx.newPage() : null;
	const page = await ctx.newPage();
	const w = { srv, lang, device, js, ctx, page,
	    status: B.lastStatus(page), watched: js ? B.watch(page) : [],
	    problems: [], axe: [],
	    tag: `${lang}/${device}/JS ${js ? 'on' : 'off'}` };
	w.go = (p) => page.goto(srv.url(p));
	w.submit = async (formSel, buttonSel) => {
		const f = page.locator(formSel).first();
		await B.navigate(page, () => (buttonSel ?
		    f.locator(buttonSel) : B.submitButton(f)).first().click());
	};
	w.text = () => page.locator('main').innerText();
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
			// Text in a left-to-right language inside a
			// right-to-left page must run left to right (13.7).
			ltrInRtl: [...document.querySelectorAll('main [lang]')]
			    .filter((e) => e.lang !== 'ar' &&
			    getComputedStyle(e).direction !== 'ltr')
			    .map((e) => e.tagName + '[lang=' + e.lang + ']'),
		}));
		if (lang === 'ar' && m.ltrInRtl.length > 0)
			w.problems.push(`${at}: left-to-right text runs ` +
			    `right to left: ${m.ltrInRtl.slice(0, 3)}`);
		if (m.lang !== lang || (m.dir || 'ltr') !== DIR[lang])
			w.problems.push(`${at}: lang=${m.lang} dir=${m.dir}`);
		if (m.wide && device === 'phone')
			w.problems.push(`${at}: scrolls sideways`);
		if (m.h1 !== 1)
			w.problems.push(`${at}: ${m.h1} h1 elements`);
		if (!axe)
			return;
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

// login(w, email, pw): signs in through the login form.
async function login(w, email, pw) {
	await w.go('/login');
	const f = w.page.locator('form[action^="/login"]').first();
	await f.locator('[name="email"]').fill(email);
	await f.locator('[name="password"]').fill(pw);
	await w.submit('form[action^="/login"]');
}

// chooseLanguage(w, code): the language menu in the footer, as a user
// uses it (JavaScript submits on change; without it, the button).
async function chooseLanguage(w, code) {
	if (w.js) {
		await B.navigate(w.page, () =>
		    w.page.selectOption('#lang-select', code));
	} else {
		await w.page.selectOption('#lang-select', code);
		await w.submit('form.lang-form');
	}
}

// matrix(spec): [[lang, device, js]] from "en phone on" lines.
function matrix(...lines) {
	return lines.map((l) => {
		const [lang, device, js] = l.split(' ');
		return [lang, device, js === 'on'];
	});
}

const ALL = [];
for (const lang of ['en', 'ko', 'ar'])
	for (const device of ['phone', 'desktop'])
		for (const js of [true, false])
			ALL.push([lang, device, js]);

// label(lang, device, js): "(en, phone, JavaScript on)", as in the names
// of the runs.
function label(lang, device, js) {
	return `(${lang}, ${device}, JavaScript ${js ? 'on' : 'off'})`;
}

module.exports = {
	PW, DEMO_PW, PDF, ALL, open, login, chooseLanguage, matrix, known,
	knownTests, label,
};
