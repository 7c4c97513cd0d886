'use strict';
// unsaved.test.js: issue 13.9, "forms lose work". Every form that holds a
// user's work (the submission form, the review form, the chair's call
// form, the lesson editor, the account profile and password forms) carries
// data-warn-unsaved, and with JavaScript on, leaving it with unsaved edits
// asks first (the browser's "leave site?" dialog); leaving it untouched,
// or sending it, does not ask.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const DEMO_PW = 'ethica-demo-2026';

const browser = B.fileBrowser();

async function login(page, srv, who) {
	await B.login(page, srv, `${who}@demo.ethica.example`, DEMO_PW);
}

// leave(page): clicks the site's home link; resolves to true when the
// browser asked before leaving (the dialog is dismissed: the page stays),
// false when the page just left.
async function leave(page) {
	const start = page.url();
	const asked = new Promise((resolve) => {
		const onDialog = async (d) => {
			if (d.type() !== 'beforeunload')
				return;
			page.off('dialog', onDialog);
			await d.dismiss();
			resolve(true);
		};
		page.on('dialog', onDialog);
		page.waitForURL((u) => u.href !== start, { timeout: 0 })
		    .then(() => {
			page.off('dialog', onDialog);
			resolve(false);
		}, () => {});
	});
	await page.locator('header a[href="/"]').first().click(
	    { noWaitAfter: true });
	return asked;
}

const FORMS = [
	['submission form', 'learner', async (p, s) => {
		await p.goto(s.url('/calls'));
		await B.navigate(p, () => p.locator('main a[href^="/calls/"]')
		    .first().click());
		await p.goto(p.url() + '/submit');
	}, '#title'],
	['review form', 'reviewer', async (p, s) => {
		// The first case of the list whose review can still be edited
		// (under review), whatever order the paged list comes in.
		await p.goto(s.url('/review'));
		const hrefs = await p.locator('main a[href^="/review/cases/"]')
		    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		for (const h of hrefs) {
			await p.goto(s.url(h));
			if (await p.locator('form[data-warn-unsaved]').count() > 0)
				break;
		}
	}, 'form[data-warn-unsaved] textarea'],
	['call form', 'chair', async (p, s) => {
		await p.goto(s.url('/chair/calls/new'));
	}, 'form[data-warn-unsaved] input[type="text"]'],
	['lesson editor', 'author', async (p, s) => {
		await p.goto(s.url('/author/courses/demo-intro/lessons/' +
		    'why-ethics/en'));
	}, '#text'],
	['account profile', 'learner', async (p, s) => {
		await p.goto(s.url('/account'));
	}, 'form[action="/account"] input[type="text"]'],
];

T.serverSuite('browser: unsaved edits', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	for (const [name, who, reach, field] of FORMS) {
		it(`${name}: leaving with unsaved edits asks, untouched ` +
		    'does not', async () => {
			const ctx = await browser.newContext();
			try {
				const page = await ctx.newPage();
				const problems = B.watch(page);
				await login(page, srv(), who);
				await reach(page, srv());
				const here = page.url();
				assert.equal(await page.locator(
				    'form[data-warn-unsaved]').count() >= 1, true,
				    `${here}: no form[data-warn-unsaved]`);
				assert.equal(await leave(page), false,
				    'an untouched form lets the user go');
				await page.goto(here);
				const f = page.locator(field).first();
				await f.click();
				await page.keyboard.type(' edited');
				assert.equal(await leave(page), true,
				    'unsaved edits: the browser asks first');
				assert.equal(page.url(), here, 'still on the form');
				assert.deepEqual(problems, []);
			} finally {
				await ctx.close();
			}
		});
	}

	it('sending the form does not ask', async () => {
		const ctx = await browser.newContext();
		try {
			const page = await ctx.newPage();
			await login(page, srv(), 'learner');
			await page.goto(srv().url('/account'));
			let asked = false;
			page.on('dialog', async (d) => {
				asked = true;
				await d.dismiss();
			});
			const f = page.locator('form[action="/account"]');
			await f.locator('input[type="text"]').first().click();
			await page.keyboard.type(' x');
			await B.navigate(page, () => B.submitButton(f).click());
			assert.equal(asked, false);
		} finally {
			await ctx.close();
		}
	});
});
