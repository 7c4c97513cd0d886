'use strict';
// workflow.test.js: issue 13.1 in a real browser, in English, Korean and
// Arabic, on a desktop and a phone, JavaScript on and off: the chair moves
// a submitted case to "Under review" with the button the page offers,
// assigns a reviewer with the form, and the reviewer follows the link of
// the mail they received to the case, saves a draft review and submits
// it, each step confirmed; axe-core on the pages when JavaScript is on.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const { mpost, utc } = T;

const PW = 'a long enough passphrase';
const VIEW = { phone: { width: 375, height: 812 },
    desktop: { width: 1280, height: 900 } };
const DIR = { en: 'ltr', ko: 'ltr', ar: 'rtl' };
// The runs: title of the case, reviewer, language, device, JavaScript.
const RUNS = [
	['Flow case one', 'reva', 'en', 'desktop', true],
	['Flow case two', 'revb', 'en', 'desktop', false],
	['Flow case three', 'reva', 'ko', 'phone', false],
	['Flow case four', 'revb', 'ar', 'phone', true],
	['Flow case five', 'reva', 'ar', 'desktop', false],
	['Flow case six', 'revb', 'ko', 'desktop', true],
];

const browser = B.fileBrowser();

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
		for (const [title] of RUNS) {
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

	for (const [title, rev, lang, device, js] of RUNS) {
		it(`chair moves a case to review, the reviewer follows the ` +
		    `mailed link and reviews it (${lang}, ${device}, JavaScript ` +
		    `${js ? 'on' : 'off'})`, async () => {
			const s = srv();
			const ctx = await browser.newContext({ javaScriptEnabled: js,
			    viewport: VIEW[device],
			    extraHTTPHeaders: { 'accept-language': lang } });
			const axe = async (pg) => {
				if (js)
					assert.deepEqual(await B.axeHere(pg), [],
					    `axe on ${pg.url()}`);
			};
			const langOf = (pg) => pg.evaluate(() => [
			    document.documentElement.lang,
			    document.documentElement.dir]);
			try {
				const page = await ctx.newPage();
				const problems = js ? B.watch(page) : [];
				const status = B.lastStatus(page);
				await B.login(page, s, users.chair, PW);
				await page.goto(s.url(`/chair/calls/${call}/cases`));
				assert.deepEqual(await langOf(page), [lang, DIR[lang]]);
				await B.navigate(page, () => page.click(
				    `a:has-text("${title}")`));
				await axe(page);
				await B.navigate(page, () => page.click(
				    'form[action$="/state"]:has(input[name="to"]' +
				    '[value="under_review"]) button'));
				assert.equal(status(), 200, 'the move is accepted');
				assert.equal(await page.locator(
				    'form[action$="/state"] input[name="to"]' +
				    '[value="under_review"]').count(), 0,
				    'still offered the move it made');
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
				await B.login(rp, s, users[rev], PW);
				await rp.goto(s.url(new URL(link).pathname));
				assert.equal(rstatus(), 200, 'the mailed link opens');
				assert.deepEqual(await langOf(rp), [lang, DIR[lang]]);
				assert.match(await rp.locator('main').innerText(),
				    new RegExp(title));
				await axe(rp);
				// The review: a score, a comment, saved as a draft,
				// then submitted; the page confirms each step.
				const form = rp.locator('form[action^="/review/cases/"]')
				    .filter({ has: rp.locator('[name="to_submitter"]') });
				await form.locator('input[type="radio"][name="score_0"]' +
				    '[value="4"]').check();
				await form.locator('[name="to_submitter"]').fill(
				    `Clear and useful (${lang}).`);
				await B.navigate(rp, () => form.locator(
				    'button[name="action"][value="save"]').click());
				assert.equal(rstatus(), 200);
				assert.equal(await rp.locator('p.flash').count(), 1,
				    'the draft is confirmed');
				await B.navigate(rp, () => rp.locator(
				    'form[action^="/review/cases/"] ' +
				    'button[name="action"][value="submit"]').click());
				assert.equal(rstatus(), 200);
				assert.equal(await rp.locator('p.flash').count(), 1,
				    'the review is confirmed');
				await axe(rp);
				if (device === 'phone')
					assert.ok(await rp.evaluate(() =>
					    document.documentElement.scrollWidth <=
					    window.innerWidth + 1), 'no sideways scrolling');
				assert.deepEqual(problems, []);
			} finally {
				await ctx.close();
			}
		});
	}
});
