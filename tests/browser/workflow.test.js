'use strict';
// workflow.test.js: issue 13.1 in a real browser, JavaScript on and off:
// the chair moves a submitted case to "Under review" with the button the
// page offers, assigns a reviewer with the form, and the reviewer follows
// the link of the mail they received to the case.

const assert = require('node:assert/strict');
const { it, before, after } = require('node:test');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const PW = 'a long enough passphrase';

let browser;

before(async () => {
	browser = await B.launch();
});

after(async () => {
	if (browser)
		await browser.close();
});

async function mpost(c, p, fields) {
	const fd = new FormData();
	fd.append('csrf', (await c.getForm('/calls')).csrf);
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v])
			fd.append(k, String(x));
	return c.request('POST', p, { body: fd });
}

const utc = (d) => d.toISOString().slice(0, 16);

async function login(page, srv, email) {
	await page.goto(srv.url('/login'));
	const f = page.locator('form[action^="/login"]').first();
	await f.locator('[name="email"]').fill(email);
	await f.locator('[name="password"]').fill(PW);
	await B.navigate(page, () => B.submitButton(f).click());
}

T.serverSuite('browser workflow', (srv) => {
	const users = {};
	let call;

	before(async () => {
		const s = srv();
		for (const [n, role] of [['chair', 'chair'], ['sub', 'learner'],
		    ['reva', 'reviewer'], ['revb', 'reviewer']]) {
			users[n] = `${n}.${Date.now()}@${n}.test`;
			await s.addUser(users[n], role, PW);
		}
		const c = s.client();
		await T.login(c, s, users.chair, PW);
		const f = { default_lang: 'en', title_en: 'Flow call',
		    description_en: 'About.', opens: utc(new Date(Date.now() -
		    86400e3)), closes: utc(new Date(Date.now() + 9 * 86400e3)),
		    blind_mode: 'double', reviewers: '2',
		    public: ['organisation', 'summary'], c0_name: 'Relevance',
		    c0_desc: 'About.', c0_a1: '1', c0_a2: '2', c0_a3: '3',
		    c0_a4: '4', c0_a5: '5' };
		let r = await mpost(c, '/chair/calls/new', f);
		assert.equal(r.status, 303);
		call = Number(r.location.match(/calls\/(\d+)/)[1]);
		const sc = s.client();
		await T.login(sc, s, users.sub, PW);
		for (const title of ['Flow case one', 'Flow case two']) {
			r = await mpost(sc, `/calls/${call}/submit`, {
			    organisation: 'Org', sector: 'government',
			    country: 'KR', category: 'governance-frameworks',
			    tag: ['transparency'], title, summary: 'S.',
			    ai_system: 'A.', actions: 'B.', outcomes: 'C.',
			    lessons: 'D.', language: 'en', consent_publish: '1',
			    action: 'submit' });
			assert.equal(r.status, 303);
		}
	});

	for (const [js, title, rev] of [[true, 'Flow case one', 'reva'],
	    [false, 'Flow case two', 'revb']]) {
		it(`chair moves a case to review, the reviewer follows the ` +
		    `mailed link (JavaScript ${js ? 'on' : 'off'})`, async () => {
			const s = srv();
			const ctx = await browser.newContext({ javaScriptEnabled: js });
			try {
				const page = await ctx.newPage();
				const problems = js ? B.watch(page) : [];
				const status = B.lastStatus(page);
				await login(page, s, users.chair);
				await page.goto(s.url(`/chair/calls/${call}/cases`));
				await B.navigate(page, () => page.click(
				    `a:has-text("${title}")`));
				await B.navigate(page, () => page.click(
				    'button:has-text("Move to: Under review")'));
				assert.equal(status(), 200, 'the move is accepted');
				assert.match(await page.locator('main').innerText(),
				    /Under review/);
				const since = s.mailCount();
				const v = await page.locator('#assign-user option',
				    { hasText: rev }).first().getAttribute('value');
				await page.selectOption('#assign-user', v);
				await B.navigate(page, () => page.click(
				    'form.inline-form button[type="submit"]'));
				assert.equal(status(), 200);
				const m = await s.readMail({ to: users[rev], since,
				    link: '/review/cases/' });
				const link = m.links.find((l) =>
				    l.includes('/review/cases/'));
				const rp = await ctx.newPage();
				await ctx.clearCookies();
				const rstatus = B.lastStatus(rp);
				await login(rp, s, users[rev]);
				await rp.goto(s.url(new URL(link).pathname));
				assert.equal(rstatus(), 200, 'the mailed link opens');
				assert.match(await rp.locator('main').innerText(),
				    new RegExp(title));
				assert.deepEqual(problems, []);
			} finally {
				await ctx.close();
			}
		});
	}
});
