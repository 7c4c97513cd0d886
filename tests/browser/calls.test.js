'use strict';
// calls.test.js: the open call in a real browser. The submitter's journey
// (the call, the form, a draft with a PDF, errors shown beside fields, the
// submitted case) with JavaScript on and off; the reviewer's journey
// (assigned case, rubric scores, comments, submit, the discussion); and
// the chair's pages. axe-core must find no violation on any page; with
// JavaScript on no CSP violation, script error or failed asset.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const { mpost, utc } = T;

const PW = 'a long enough passphrase';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

const browser = B.fileBrowser();

async function fillCase(page, title) {
	await page.fill('#organisation', 'Ministry of Science and ICT');
	await page.selectOption('#sector', 'government');
	await page.selectOption('#country', 'KR');
	await page.selectOption('#category', 'governance-frameworks');
	await page.check('#tag-transparency');
	await page.check('#tag-ethical-impact-assessment');
	await page.fill('#title', title);
	await page.fill('#summary', 'Public algorithm registers.');
	await page.fill('#ai_system', 'Every AI system the ministry buys.');
	await page.fill('#actions', 'A register and impact assessments.');
	await page.fill('#outcomes', 'Forty systems registered.');
	await page.fill('#lessons', 'Publish early.');
	await page.selectOption('#language', 'ko');
	await page.check('#consent_publish');
}

T.serverSuite('browser calls', (srv) => {
	const seen = [];
	const users = {};
	let problems = [];
	let call;

	async function visit(page, label) {
		seen.push({ label, url: page.url(),
		    violations: await B.axeHere(page) });
	}

	before(async () => {
		const s = srv();
		for (const [n, role] of [['chair', 'chair'], ['sub', 'learner'],
		    ['sub2', 'learner'], ['rev', 'reviewer'],
		    ['rev2', 'reviewer']]) {
			users[n] = `${n}.${Date.now()}@${n}.test`;
			await s.addUser(users[n], role, PW);
		}
		const c = s.client();
		await T.login(c, s, users.chair, PW);
		users.chairClient = c;
		const f = { default_lang: 'en', title_en: 'Browser call',
		    description_en: 'Share your *practice*.', other_lang: 'ko',
		    title_other: '브라우저 공모', opens: utc(new Date(Date.now() -
		    86400e3)), closes: utc(new Date(Date.now() + 9 * 86400e3)),
		    blind_mode: 'double', reviewers: '2',
		    public: ['organisation', 'summary'] };
		['Relevance', 'Impact'].forEach((n, i) => {
			f[`c${i}_name`] = n;
			f[`c${i}_desc`] = `About ${n}.`;
			for (let k = 1; k <= 5; k++)
				f[`c${i}_a${k}`] = `${n} ${k}`;
		});
		const r = await mpost(c, '/chair/calls/new', f);
		assert.equal(r.status, 303);
		call = Number(r.location.match(/calls\/(\d+)/)[1]);
	});

	it('submitter with JavaScript: call, draft with a PDF, errors, submit',
	    async () => {
		const ctx = await browser.newContext();
		try {
			const page = await ctx.newPage();
			problems = B.watch(page);
			const status = B.lastStatus(page);
			await page.goto(srv().url('/calls'));
			await visit(page, 'calls');
			await page.goto(srv().url(`/calls/${call}`));
			await visit(page, 'call');
			await B.login(page, srv(), users.sub, PW);
			await page.goto(srv().url(`/calls/${call}/submit`));
			assert.equal(status(), 200);
			await visit(page, 'submission form');
			await page.fill('#title', 'Algorithm register');
			await page.setInputFiles('#attachment', { name:
			    'register.pdf', mimeType: 'application/pdf',
			    buffer: PDF });
			await B.navigate(page, () => page.click(
			    'button[value="save"]'));
			assert.match(page.url(), /\/submissions\/\d+$/);
			await visit(page, 'draft page');
			const body = await page.locator('main').innerText();
			assert.match(body, /register\.pdf/);
			await page.goto(page.url() + '?edit=1');
			await B.navigate(page, () => page.click(
			    'button[value="submit"]'));
			assert.equal(status(), 400);
			assert.ok(await page.locator('.field-error').count() > 3);
			await visit(page, 'form with errors');
			await fillCase(page, 'Algorithm register');
			await B.navigate(page, () => page.click(
			    'button[value="submit"]'));
			assert.equal(status(), 200);
			const done = await page.locator('main').innerText();
			assert.match(done, /Version 1/);
			assert.match(done, /register\.pdf/);
			await visit(page, 'submitted case');
			await page.goto(srv().url('/submissions'));
			await visit(page, 'my submissions');
			assert.deepEqual(problems, []);
		} finally {
			await ctx.close();
		}
	});

	it('submitter without JavaScript: save a draft, submit', async () => {
		const ctx = await browser.newContext({ javaScriptEnabled: false });
		const axeCtx = await browser.newContext({ bypassCSP: true });
		try {
			const page = await ctx.newPage();
			const axePage = await axeCtx.newPage();
			const status = B.lastStatus(page);
			await B.login(page, srv(), users.sub2, PW);
			await page.goto(srv().url(`/calls/${call}/submit`));
			await fillCase(page, 'Without JavaScript');
			await B.navigate(page, () => page.click(
			    'button[value="save"]'));
			assert.match(page.url(), /\/submissions\/\d+$/);
			await page.goto(page.url() + '?edit=1');
			seen.push({ label: 'form (no JS)', url: page.url(),
			    violations: await B.axeSnapshot(axePage, page.url(),
			    await page.content()) });
			await B.navigate(page, () => page.click(
			    'button[value="submit"]'));
			assert.equal(status(), 200);
			assert.match(await page.locator('main').innerText(),
			    /Submitted/);
		} finally {
			await ctx.close();
			await axeCtx.close();
		}
	});

	it('reviewer: the assigned case, rubric, comments, discussion',
	    async () => {
		const c = users.chairClient;
		let r = await mpost(c, `/chair/calls/${call}/autoassign`, {});
		assert.equal(r.status, 303);
		const ctx = await browser.newContext();
		try {
			const page = await ctx.newPage();
			problems = B.watch(page);
			const status = B.lastStatus(page);
			await B.login(page, srv(), users.rev, PW);
			await page.goto(srv().url('/review'));
			await visit(page, 'review home');
			await page.click('text=Algorithm register');
			await page.waitForLoadState('load');
			assert.equal(status(), 200);
			const text = await page.locator('main').innerText();
			assert.doesNotMatch(text, /Ministry of Science/);
			await visit(page, 'review form');
			await page.check('#s0-4');
			await page.check('#s1-5');
			await page.fill('#to_submitter', 'A clear register.');
			await page.fill('#confidential', 'Recommend.');
			await B.navigate(page, () => page.click(
			    'button[value="submit"]'));
			assert.equal(status(), 200);
			assert.match(await page.locator('main').innerText(),
			    /Discussion/);
			await page.fill('#body', 'I would select it.');
			await B.navigate(page, () => page.click(
			    'form[action$="/discuss"] button'));
			assert.match(await page.locator('main').innerText(),
			    /I would select it\./);
			await visit(page, 'review submitted');
			await page.goto(srv().url('/review/expertise'));
			await visit(page, 'expertise');
			await page.goto(srv().url(
			    `/review/calls/${call}/conflicts`));
			await visit(page, 'conflicts');
			assert.deepEqual(problems, []);
		} finally {
			await ctx.close();
		}
	});

	it('chair pages', async () => {
		const ctx = await browser.newContext();
		try {
			const page = await ctx.newPage();
			problems = B.watch(page);
			await B.login(page, srv(), users.chair, PW);
			for (const p of ['/chair', '/chair/calls/new',
			    `/chair/calls/${call}`, `/chair/calls/${call}/cases`,
			    `/chair/calls/${call}/reviewers`,
			    `/chair/calls/${call}/templates`,
			    `/chair/calls/${call}/fairness`,
			    `/chair/calls/${call}/audit`]) {
				await page.goto(srv().url(p));
				await visit(page, p);
			}
			await page.goto(srv().url(`/chair/calls/${call}/cases`));
			await page.click('a:has-text("Algorithm register")');
			await page.waitForLoadState('load');
			await visit(page, 'chair case');
			assert.deepEqual(problems, []);
		} finally {
			await ctx.close();
		}
	});

	it('axe-core: no violation on any page visited', () => {
		assert.ok(seen.length >= 15, `only ${seen.length} pages`);
		assert.equal(B.report(seen), '');
	});
});
