'use strict';
// journey.test.js: a visitor's first visit in a real browser, twice: with
// JavaScript on and with JavaScript off. Register, open the verification
// link from the mail, log out, log in, switch to Korean with the language
// form, see Korean pages; axe-core must find no violation on any page
// visited. With JavaScript on, the page CSP stays in force and any CSP
// violation, script error or failed asset fails the test.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PASSWORD = 'a long enough passphrase';

const browser = B.fileBrowser();

// journey(srv, page, visited, mode): the steps; every page reached is
// pushed to visited with its HTML (for the no-JS axe run).
async function journey(srv, page, visit, mode) {
	const status = B.lastStatus(page);
	const email = S.uniqueEmail(`browser-${mode}`);
	const name = `Browser ${mode}`;
	const path = () => new URL(page.url()).pathname;

	// Register.
	await page.goto(srv.url('/register'));
	assert.equal(status(), 200);
	await visit('register form');
	const reg = page.locator('form[action="/register"]');
	assert.equal(await reg.count(), 1, 'one registration form');
	await reg.locator('[name="email"]').fill(email);
	await reg.locator('[name="display_name"]').fill(name);
	await reg.locator('[name="password"]').fill(PASSWORD);
	await B.navigate(page, () => B.submitButton(reg).click());
	assert.equal(path(), '/register/sent');
	assert.equal(status(), 200);
	await visit('registration sent');

	// Verify from the mail.
	const m = await srv.readMail({ to: email, link: '/verify?token=' });
	const link = m.links.find((l) => l.includes('/verify?token='));
	await page.goto(link);
	assert.equal(status(), 200);
	assert.match(await page.locator('body').innerText(),
	    /verified|confirmed/i);
	await visit('verified');

	// Log out when the verification signed us in; either way end signed out.
	await page.goto(srv.url('/'));
	await visit('home');
	const lo = page.locator('form[action="/logout"]');
	if (await lo.count() > 0)
		await B.navigate(page, () => B.submitButton(lo.first()).click());
	await page.goto(srv.url('/account'));
	assert.equal(path(), '/login', 'signed-out /account is not /login');
	await visit('login form');

	// Log in.
	const li = page.locator('form[action^="/login"]').first();
	await li.locator('[name="email"]').fill(email);
	await li.locator('[name="password"]').fill(PASSWORD);
	await B.navigate(page, () => B.submitButton(li).click());
	if (path() !== '/account')
		await page.goto(srv.url('/account'));
	assert.equal(path(), '/account');
	assert.equal(status(), 200);
	assert.match(await page.locator('body').innerText(),
	    new RegExp(name));
	await visit('account');
	assert.ok(await page.locator('form[action="/logout"]').count() > 0,
	    'no logout form when signed in');

	// Switch to Korean with the language form.
	const lf = page.locator('form[action="/language"]').first();
	assert.equal(await lf.count(), 1, 'no language form on /account');
	const sel = lf.locator('select[name="lang"]');
	if (await sel.count() > 0) {
		const btn = B.submitButton(lf);
		if (await btn.count() > 0 && await btn.isVisible()) {
			await sel.selectOption('ko');
			await B.navigate(page, () => btn.click());
		} else {
			// Progressive enhancement submits on change.
			await B.navigate(page, () => sel.selectOption('ko'));
		}
	} else {
		const ko = lf.locator('[name="lang"][value="ko"]');
		assert.equal(await ko.count(), 1, 'no Korean choice');
		await B.navigate(page, () => ko.click());
	}
	assert.equal(path(), '/account', 'language form did not come back: ' +
	    `${status()} ${(await page.locator('body').innerText())
	    .slice(0, 300)}`);
	for (const p of ['/account', '/', '/nope']) {
		if (path() !== p)
			await page.goto(srv.url(p));
		assert.equal(await page.locator('html').getAttribute('lang'),
		    'ko', `${p} not in Korean`);
		assert.match(await page.locator('body').innerText(), T.HANGUL);
		await visit(`${p} (ko)`);
	}

	// Log out, still in Korean.
	await page.goto(srv.url('/account'));
	const lo2 = page.locator('form[action="/logout"]').first();
	await B.navigate(page, () => B.submitButton(lo2).click());
	assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
	await visit('after logout (ko)');
	await page.goto(srv.url('/account'));
	assert.equal(path(), '/login');
}

T.serverSuite('browser journey', (srv) => {
	const jsPages = [];
	const noJsPages = [];
	let jsProblems = [];

	it('with JavaScript: register, verify, log out, log in, Korean',
	    async () => {
		const ctx = await browser.newContext();
		try {
			const page = await ctx.newPage();
			jsProblems = B.watch(page);
			await journey(srv(), page, async (label) => {
				jsPages.push({ label, url: page.url(),
				    violations: await B.axeHere(page) });
			}, 'js');
		} finally {
			await ctx.close();
		}
	});

	it('with JavaScript: no CSP violation, script error or failed asset',
	    () => {
		assert.ok(jsPages.length > 0, 'journey visited no page');
		assert.deepEqual(jsProblems, []);
	});

	it('with JavaScript: axe finds no violation on any page', () => {
		assert.ok(jsPages.length >= 8, `only ${jsPages.length} pages`);
		const bad = B.report(jsPages);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	});

	it('without JavaScript: the same journey works', async () => {
		const ctx = await browser.newContext({ javaScriptEnabled: false });
		const axeCtx = await browser.newContext({ bypassCSP: true });
		try {
			const page = await ctx.newPage();
			const axePage = await axeCtx.newPage();
			await journey(srv(), page, async (label) => {
				const html = await page.content();
				noJsPages.push({ label, url: page.url(),
				    violations: await B.axeSnapshot(axePage,
				    page.url(), html) });
			}, 'nojs');
		} finally {
			await ctx.close();
			await axeCtx.close();
		}
	});

	it('without JavaScript: axe finds no violation on any page', () => {
		assert.ok(noJsPages.length >= 8,
		    `only ${noJsPages.length} pages`);
		const bad = B.report(noJsPages);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	});
});
