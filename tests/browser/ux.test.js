'use strict';
// ux.test.js: the main pages as a learner on a phone sees them: 390 px
// wide, with JavaScript on and off, in English, Korean and Arabic (right
// to left). On every page: no horizontal scrolling of the page, exactly
// one h1, the right lang and dir, and no axe-core violation (with
// JavaScript on, the page's real CSP stays in force and a CSP violation,
// script error or failed asset fails the test). Also the header: compact
// on a phone, mirrored in Arabic, and its account menu usable without
// JavaScript.

const assert = require('node:assert/strict');
const { describe, it, before } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PHONE = { width: 390, height: 844 };
const PASSWORD = 'a long enough passphrase';
const LANGS = [
	{ code: 'en', accept: 'en-US,en;q=0.9', dir: 'ltr' },
	{ code: 'ko', accept: 'ko-KR,ko;q=0.9', dir: 'ltr' },
	{ code: 'ar', accept: 'ar,en;q=0.5', dir: 'rtl' },
];

const browser = B.fileBrowser();

// The pages to visit; a case and a lesson are found by following links,
// so the test does not depend on one sample's slug.
async function pages(srv) {
	const c = srv.client();
	const first = async (from, re) => {
		const r = await c.get(from);
		assert.equal(r.status, 200, from);
		const h = S.tags(r.text, 'a').map((t) => S.attr(t, 'href'))
		    .find((x) => x && re.test(x));
		assert.ok(h, `no link matching ${re} on ${from}`);
		return h;
	};
	return [
		'/', '/courses', '/courses/ethics-of-ai',
		await first('/courses/ethics-of-ai',
		    /^\/courses\/ethics-of-ai\/lessons\/[a-z0-9-]+$/),
		'/login', '/register', '/cases',
		await first('/cases', /^\/cases\/[a-z0-9-]+$/),
		'/principles', '/principles/fairness',
		await first('/calls', /^\/calls\/\d+$/),
	];
}

// What the phone shows: overflow, h1 count, lang and dir.
function measure(page) {
	return page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
		h1: document.querySelectorAll('h1').length,
		lang: document.documentElement.getAttribute('lang'),
		dir: document.documentElement.getAttribute('dir'),
		wide: [...document.querySelectorAll('main *')].filter((e) =>
		    e.getBoundingClientRect().right > window.innerWidth + 1)
		    .slice(0, 3).map((e) => `${e.tagName}.${e.className}`),
	}));
}

// Visits every page in every language; returns [{label, url,
// violations}] for B.report and a list of layout problems.
async function visitAll(srv, list, js) {
	const results = [];
	const problems = [];
	for (const l of LANGS) {
		const ctx = await browser.newContext({ viewport: PHONE,
		    javaScriptEnabled: js, locale: l.code,
		    extraHTTPHeaders: { 'accept-language': l.accept } });
		const axeCtx = js ? null : await browser.newContext({
		    bypassCSP: true, viewport: PHONE });
		try {
			const page = await ctx.newPage();
			const watched = js ? B.watch(page) : [];
			const axePage = axeCtx ? await axeCtx.newPage() : null;
			for (const p of list) {
				const r = await page.goto(srv.url(p));
				const at = `${l.code} ${p}`;
				if (r.status() !== 200)
					problems.push(`${at}: status ${r.status()}`);
				const m = await measure(page);
				if (m.scrollWidth > m.innerWidth)
					problems.push(`${at}: page is ` +
					    `${m.scrollWidth}px wide (${m.wide})`);
				if (m.h1 !== 1)
					problems.push(`${at}: ${m.h1} h1`);
				if (m.lang !== l.code || m.dir !== l.dir)
					problems.push(`${at}: lang=${m.lang} ` +
					    `dir=${m.dir}`);
				const violations = js ? await B.axeHere(page) :
				    await B.axeSnapshot(axePage, page.url(),
				    await page.content(), page.viewportSize());
				results.push({ label: at, url: page.url(),
				    violations });
			}
			problems.push(...watched);
		} finally {
			await ctx.close();
			if (axeCtx)
				await axeCtx.close();
		}
	}
	return { results, problems };
}

T.serverSuite('ux on a phone', (srv) => {
	let list;

	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		list = await pages(srv());
	});

	// Both may go at once (B.RUNS_AT_ONCE): they only read, each in
	// contexts of its own.
	describe('every page, every language',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const js of [true, false]) {
			const mode = js ? 'with JavaScript' :
			    'without JavaScript';
			it(`${mode}: no sideways scrolling, one h1, lang and ` +
			    'dir, no axe violation', async () => {
				const { results, problems } = await visitAll(
				    srv(), list, js);
				assert.equal(results.length,
				    list.length * LANGS.length);
				assert.deepEqual(problems, []);
				const bad = B.report(results);
				assert.equal(bad, '', `axe violations:\n${bad}`);
			});
		}
	});

	it('search pages: results before the filters on a phone, the ' +
	    'filters beside them on a wide screen', async () => {
		for (const [w, phone] of [[PHONE, true],
		    [{ width: 1280, height: 900 }, false]]) {
			const ctx = await browser.newContext({ viewport: w });
			try {
				const page = await ctx.newPage();
				for (const p of ['/cases', '/courses']) {
					await page.goto(srv().url(p));
					const g = await page.evaluate(() => {
						const r = (s) => document.querySelector(
						    s).getBoundingClientRect();
						const f = r('main .facets');
						const x = r('main .results');
						const l = document.querySelector(
						    '.to-filters');
						return { fTop: f.top, fLeft: f.left,
						    rTop: x.top, rLeft: x.left,
						    link: l.getBoundingClientRect()
						    .height > 0 };
					});
					if (phone) {
						assert.ok(g.rTop < g.fTop, `${p}: ` +
						    'filters above the results');
						assert.ok(g.link, `${p}: no link to ` +
						    'the filters');
					} else {
						assert.ok(g.fLeft < g.rLeft, `${p}: ` +
						    'filters not beside the results');
						assert.ok(!g.link, `${p}: link to the ` +
						    'filters on a wide screen');
					}
				}
			} finally {
				await ctx.close();
			}
		}
	});

	it('the wide tables of a chair scroll inside a labelled, ' +
	    'focusable region on a phone; no axe violation', async () => {
		const ctx = await browser.newContext({ viewport: PHONE });
		try {
			const page = await ctx.newPage();
			await page.goto(srv().url('/login'));
			const f = page.locator('main form').first();
			await f.locator('[name="email"]')
			    .fill('chair@demo.ethica.example');
			await f.locator('[name="password"]')
			    .fill('ethica-demo-2026');
			await B.navigate(page, () => B.submitButton(f).click());
			await page.goto(srv().url('/chair'));
			const hrefs = await page.locator(
			    'main a[href^="/chair/calls/"]').evaluateAll(
			    (as) => as.map((a) => a.getAttribute('href')));
			const call = hrefs.find((h) => /^\/chair\/calls\/\d+/
			    .test(h));
			assert.ok(call, `no call on /chair: ${hrefs}`);
			const id = call.match(/^\/chair\/calls\/(\d+)/)[1];
			const results = [];
			for (const p of ['/chair', `/chair/calls/${id}/cases`,
			    `/chair/calls/${id}/reviewers`,
			    `/chair/calls/${id}/fairness`,
			    `/chair/calls/${id}/audit`]) {
				const r = await page.goto(srv().url(p));
				assert.equal(r.status(), 200, p);
				const m = await measure(page);
				assert.ok(m.scrollWidth <= m.innerWidth,
				    `${p}: page is ${m.scrollWidth}px wide ` +
				    `(${m.wide})`);
				const bare = await page.evaluate(() =>
				    [...document.querySelectorAll('main table')]
				    .filter((t) => !t.parentElement.matches(
				    '.table-wrap[role="region"][tabindex="0"]' +
				    '[aria-label]:not([aria-label=""])')).length);
				assert.equal(bare, 0, `${p}: ${bare} table(s) ` +
				    'outside a labelled, focusable region');
				results.push({ label: p, url: page.url(),
				    violations: await B.axeHere(page) });
			}
			const bad = B.report(results);
			assert.equal(bad, '', `axe violations:\n${bad}`);
		} finally {
			await ctx.close();
		}
	});

	it('the header takes at most two rows on a phone and mirrors in ' +
	    'Arabic', async () => {
		for (const l of LANGS) {
			const ctx = await browser.newContext({ viewport: PHONE,
			    extraHTTPHeaders: { 'accept-language': l.accept } });
			try {
				const page = await ctx.newPage();
				await page.goto(srv().url('/'));
				const h = await page.evaluate(() => {
					const r = (s) => {
						const b = document.querySelector(s)
						    .getBoundingClientRect();
						return { left: b.left, right: b.right,
						    height: b.height };
					};
					return { header: r('header.site').height,
					    brand: r('.brand'),
					    login: r('a[href="/login"]'),
					    width: window.innerWidth };
				});
				assert.ok(h.header < 110, `${l.code}: header is ` +
				    `${h.header}px tall`);
				// Brand at the start edge, account links after it.
				if (l.dir === 'rtl') {
					assert.ok(h.brand.right > h.width - 40,
					    'brand not at the right in Arabic');
					assert.ok(h.login.right < h.brand.left,
					    'account links not left of the brand');
				} else {
					assert.ok(h.brand.left < 40, `${l.code}: ` +
					    'brand not at the left');
					assert.ok(h.login.left > h.brand.right,
					    `${l.code}: account links not right ` +
					    'of the brand');
				}
			} finally {
				await ctx.close();
			}
		}
	});

	for (const js of [true, false]) {
		it(`the account menu opens and its links work ${js ? 'with' :
		    'without'} JavaScript`, async () => {
			const email = S.uniqueEmail(`ux-${js}`);
			await srv().addUser(email, 'learner', PASSWORD);
			const ctx = await browser.newContext({ viewport: PHONE,
			    javaScriptEnabled: js });
			try {
				const page = await ctx.newPage();
				await page.goto(srv().url('/login'));
				const f = page.locator('main form').first();
				await f.locator('[name="email"]').fill(email);
				await f.locator('[name="password"]').fill(PASSWORD);
				await B.navigate(page, () =>
				    B.submitButton(f).click());
				await page.goto(srv().url('/'));
				const m = await measure(page);
				assert.ok(m.scrollWidth <= m.innerWidth,
				    `signed-in header overflows: ${m.wide}`);
				const acct = page.locator(
				    'header a[href="/account"]');
				assert.equal(await acct.isVisible(), false,
				    'menu open before it is asked for');
				await page.locator('header details.menu summary')
				    .click();
				assert.ok(await acct.isVisible(), 'menu did not open');
				if (js) {
					await page.keyboard.press('Escape');
					assert.equal(await acct.isVisible(), false,
					    'Escape did not close the menu');
					await page.locator(
					    'header details.menu summary').click();
				}
				await B.navigate(page, () => acct.click());
				assert.equal(new URL(page.url()).pathname,
				    '/account');
				// Log out from the menu (the phone has no other
				// log out button in the header).
				await page.locator('header details.menu summary')
				    .click();
				const out = page.locator('header details.menu ' +
				    'button[type="submit"]');
				assert.ok(await out.isVisible(), 'no log out');
				await B.navigate(page, () => out.click());
				assert.ok(await page.locator(
				    'header a[href="/login"]').isVisible(),
				    'still signed in after log out');
				await page.goto(srv().url('/me'));
				assert.equal(new URL(page.url()).pathname,
				    '/login');
			} finally {
				await ctx.close();
			}
		});
	}
});
