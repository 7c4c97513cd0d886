'use strict';
// chair_screens.test.js: the chair's, reviewer's and submitter's screens
// through HTTP on a real server (issue 13.10 and 13.12): every action
// leaves one confirmation on the page it redirects to, shown once.

const assert = require('node:assert/strict');
const path = require('node:path');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');
const { mpost, utc } = T;

const PW = 'correct horse battery';
const FLASH = /<p class="success flash" role="status">([^<]*)<\/p>/g;

function callFields(blind) {
	const f = {
		default_lang: 'en', title_en: 'Screens call',
		description_en: 'About.', opens: utc(new Date(Date.now() - 86400e3)),
		closes: utc(new Date(Date.now() + 30 * 86400e3)),
		blind_mode: blind, reviewers: '2',
		public: ['organisation', 'summary', 'outcomes'],
	};
	for (let i = 0; i < 2; i++) {
		f[`c${i}_name`] = `Crit${i}`;
		f[`c${i}_desc`] = `About ${i}.`;
		for (let k = 1; k <= 5; k++)
			f[`c${i}_a${k}`] = `Level ${k}`;
	}
	return f;
}

function caseFields(title, action) {
	return { organisation: 'Screens Org', sector: 'private-sector',
	    country: 'KE', category: 'tools-applications', tag: ['fairness'],
	    title, summary: 'Summary.', ai_system: 'A model.',
	    actions: 'Audits.', outcomes: 'Less.', lessons: 'Early.',
	    links: '', language: 'en', collaborators: '',
	    consent_publish: '1', consent_contact: '1', action };
}

// flashOnce(c, path, text): the page at path shows exactly one
// confirmation, text; shown again, it has none.
async function flashOnce(c, p, text) {
	let r = await c.get(p);
	assert.equal(r.status, 200, p);
	const got = [...r.text.matchAll(FLASH)].map((m) => m[1]);
	assert.deepEqual(got, [text], `confirmation on ${p}`);
	r = await c.get(p);
	assert.equal([...r.text.matchAll(FLASH)].length, 0,
	    `confirmation shown twice on ${p}`);
}

T.serverSuite('chair_screens', (srv) => {
	const u = {};
	const st = {};

	async function user(name, role) {
		u[name] = await T.signIn(srv(), name, role, PW);
		return u[name];
	}

	it('setup: users', async () => {
		for (const [n, r] of [['chair', 'chair'], ['reva', 'reviewer'],
		    ['revb', 'reviewer'], ['sub', 'learner']])
			await user(n, r);
	});

	it('13.10: the chair saves a call and its templates, and is told',
	    async () => {
		const s = srv();
		const c = u.chair.c;
		let r = await mpost(c, '/chair/calls/new', callFields('single'));
		const loc = T.see303(r, s, /^\/chair\/calls\/\d+$/);
		st.call = Number(loc.match(/(\d+)$/)[1]);
		await flashOnce(c, loc, 'The call is saved.');
		r = await mpost(c, `/chair/calls/${st.call}/templates`, {
		    lang: 'en', subject_0: 'Excellent: {title}',
		    body_0: 'Dear {name} {link}', subject_1: 'Accepted: {title}',
		    body_1: 'Accepted {link}', subject_2: 'No: {title}',
		    body_2: 'Sorry {link}' });
		const t = T.see303(r, s, /\/templates\?lang=en$/);
		await flashOnce(c, t, 'The decision mail templates are saved.');
	});

	it('13.10: the submitter saves, submits, withdraws, reopens',
	    async () => {
		const s = srv();
		const c = u.sub.c;
		let r = await mpost(c, `/calls/${st.call}/submit`,
		    caseFields('Screens case', 'save'));
		const loc = T.see303(r, s, /^\/submissions\/\d+$/);
		st.s = Number(loc.match(/(\d+)$/)[1]);
		await flashOnce(c, loc, 'Your draft is saved. You can come ' +
		    'back and edit it until the deadline.');
		r = await mpost(c, loc, caseFields('Screens case', 'save'));
		T.see303(r, s, loc);
		await flashOnce(c, loc, 'Your draft is saved. You can come ' +
		    'back and edit it until the deadline.');
		r = await mpost(c, loc, caseFields('Screens case', 'submit'));
		T.see303(r, s, loc);
		await flashOnce(c, loc, 'Your case is submitted. We have sent ' +
		    'you a confirmation by mail.');
		// 13.12: withdrawing asks first, without JavaScript.
		r = await mpost(c, `${loc}/withdraw`, {});
		assert.equal(r.status, 200);
		assert.match(r.text, /<input type="hidden" name="confirm" value="1">/);
		assert.match((await c.get(loc)).text, /<strong>Submitted<\/strong>/,
		    'withdrawn without confirmation');
		r = await mpost(c, `${loc}/withdraw`, { confirm: '1' });
		T.see303(r, s, loc);
		await flashOnce(c, loc, 'Your submission is withdrawn.');
		r = await c.get(loc);
		assert.match(r.text, /Reopen as a draft/);
		assert.doesNotMatch(r.text, /can no longer be changed/,
		    'the withdrawn page contradicts its reopen button');
		r = await mpost(c, `${loc}/reopen`, {});
		const ed = T.see303(r, s);
		await flashOnce(c, ed, 'Your submission is a draft again: ' +
		    'edit it and submit it before the deadline.');
		// Version 2 changes the summary and takes back one consent.
		r = await mpost(c, loc, { ...caseFields('Screens case', 'submit'),
		    summary: 'A new summary.', consent_contact: undefined });
		T.see303(r, s, loc);
	});

	it('13.10: reviewers save expertise and declare a conflict',
	    async () => {
		const s = srv();
		let r = await mpost(u.reva.c, '/review/expertise', {
		    organisation: 'Uni A', language: 'en' });
		T.see303(r, s, '/review');
		await flashOnce(u.reva.c, '/review', 'Your expertise is saved.');
		const p = `/review/calls/${st.call}/conflicts`;
		r = await mpost(u.revb.c, p, { submission_id: st.s,
		    reason: 'colleague' });
		T.see303(r, s, p);
		await flashOnce(u.revb.c, p, 'Your conflict of interest is ' +
		    'recorded: you will not see or review this case.');
	});

	it('13.12: a reviewer lists and undoes their declared conflicts; ' +
	    'no organisation column in double-blind calls', async () => {
		const s = srv();
		const c = u.revb.c;
		const p = `/review/calls/${st.call}/conflicts`;
		let r = await c.get(p);
		const undo = new RegExp('<input type="hidden" name="submission_id" ' +
		    `value="${st.s}"><input type="hidden" name="op" value="undo">`);
		assert.match(r.text, undo, 'the declaration is listed with undo');
		T.csrfOnEveryPostForm(r.text, p);
		assert.match(r.text, /<td>colleague<\/td>/);
		// Nothing of the case while in conflict: no title.
		assert.doesNotMatch(r.text, /Screens case/);
		r = await mpost(c, p, { submission_id: st.s, op: 'undo' });
		T.see303(r, s, p);
		await flashOnce(c, p, 'The conflict of interest is removed.');
		r = await c.get(p);
		assert.doesNotMatch(r.text, undo);
		assert.match(r.text, new RegExp(`name="submission_id" value="${st.s}">\\s*` +
		    '<label'), 'the case is back among the candidates');
		assert.match(r.text, /<th scope="col">Organisation<\/th>/);
		assert.match(r.text, /<td>Screens Org<\/td>/);
		// Undoing what is not one's own declaration: 404, nothing done.
		r = await mpost(u.reva.c, p, { submission_id: st.s, op: 'undo' });
		assert.equal(r.status, 404);
		r = await mpost(c, p, { submission_id: st.s, reason: 'colleague' });
		T.see303(r, s, p);
		// A double-blind call: nobody's organisation, no empty column.
		r = await mpost(u.chair.c, '/chair/calls/new', callFields('double'));
		const dc = Number(T.see303(r, s).match(/(\d+)$/)[1]);
		r = await mpost(u.sub.c, `/calls/${dc}/submit`,
		    caseFields('Blind case', 'submit'));
		T.see303(r, s);
		r = await c.get(`/review/calls/${dc}/conflicts`);
		assert.match(r.text, /Blind case/);
		assert.doesNotMatch(r.text, /Organisation/);
		assert.doesNotMatch(r.text, /Screens Org/);
	});

	it('13.10: the chair moves, assigns, removes, confirms a conflict',
	    async () => {
		const s = srv();
		const c = u.chair.c;
		const p = `/chair/cases/${st.s}`;
		let r = await mpost(c, `${p}/state`, { to: 'under_review' });
		T.see303(r, s, p);
		await flashOnce(c, p, 'The case has moved to its new state.');
		r = await c.get(p);
		const m = r.text.match(new RegExp(
		    `<option value="(\\d+)">${u.reva.local}`));
		assert.ok(m, 'reviewer a is a candidate');
		st.reva = Number(m[1]);
		for (const [op, text] of [['add', 'The reviewer is assigned ' +
		    'and will be told by mail.'], ['remove', 'The reviewer is ' +
		    'no longer assigned.'], ['add', 'The reviewer is assigned ' +
		    'and will be told by mail.']]) {
			r = await mpost(c, `${p}/assign`, { user_id: st.reva, op });
			T.see303(r, s, p);
			await flashOnce(c, p, text);
		}
		r = await c.get(p);
		// The conflict's status in words, not its code.
		assert.match(r.text, new RegExp(`<th scope="row">${u.revb.local}` +
		    '[^<]*</th><td>Declared by the reviewer</td>'));
		const b = r.text.match(/name="user_id" value="(\d+)"><input type="hidden" name="status" value="confirmed">/);
		assert.ok(b, 'the declared conflict is listed');
		r = await mpost(c, `${p}/conflict`, { user_id: b[1],
		    status: 'confirmed' });
		T.see303(r, s, p);
		await flashOnce(c, p, 'The conflict of interest is updated.');
		// 13.12: the history in words, with names, translated.
		r = await c.get(p);
		const hist = r.text.slice(r.text.indexOf('<h2>History</h2>'));
		assert.doesNotMatch(hist, /assign\.add|submission\.|conflict\.|user \d+|under_review/);
		assert.match(hist, new RegExp('<td>Reviewer assigned</td><td>' +
		    `${u.reva.local}[^<]* \\(by a chair\\)</td>`));
		assert.match(hist, new RegExp('<td>Reviewer removed</td><td>' +
		    `${u.reva.local}`));
		assert.match(hist, /<td>State changed<\/td><td>Submitted → Under review<\/td>/);
		assert.match(hist, /<td>Conflict of interest declared<\/td>/);
		assert.match(hist, new RegExp('<td>Conflict of interest reviewed ' +
		    `by a chair</td><td>${u.revb.local}[^<]* \\(confirmed\\)</td>`));
		assert.match(hist, /<td>Submitted<\/td><td>Version 1<\/td>/);
		r = await c.request('GET', p, { headers: { 'accept-language': 'ko' } });
		assert.match(r.text, /<td>심사위원 배정<\/td>/);
		// 13.12: versions as labelled fields, what changed marked.
		r = await c.get(p);
		const v = r.text.slice(r.text.indexOf('Submitted versions'),
		    r.text.indexOf('<h2>History</h2>'));
		assert.doesNotMatch(v, /consent_publish|## summary|organisation:/);
		assert.match(v, /Version 2 · [^<]* · 2 fields changed since version 1<\/summary>/);
		assert.match(v, /<dt>Summary <span class="tag">Changed<\/span><\/dt><dd class="pre">A new summary\.<\/dd><dd class="pre muted">Before: <del>Summary\.<\/del><\/dd>/);
		assert.match(v, /<dt>Consent to be contacted <span class="tag">Changed<\/span><\/dt><dd class="pre">No<\/dd><dd class="pre muted">Before: <del>Yes<\/del><\/dd>/);
		assert.match(v, /<dt>Consent to publish<\/dt><dd class="pre">Yes<\/dd>/);
		assert.match(v, /<dt>Country<\/dt><dd class="pre">Kenya<\/dd>/);
		assert.match(v, /<dt>Title<\/dt><dd class="pre">Screens case<\/dd>/);
	});

	it('13.12: the bulk decision menu starts on "choose"; no choice is ' +
	    'refused with a clear error', async () => {
		const c = u.chair.c;
		let r = await c.get(`/chair/calls/${st.call}/cases`);
		assert.match(r.text, /<select id="decision" name="decision" required><option value="">Choose a decision<\/option><option value="excellent">/);
		r = await mpost(c, `/chair/calls/${st.call}/decide`, {
		    id: st.s, reason: 'Why.' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Choose a decision: none was chosen, so nothing was recorded\./);
		r = await c.get(`/chair/cases/${st.s}`);
		assert.match(r.text, /<strong>Under review<\/strong>/);
	});

	it('13.10: the reviewer saves a draft and submits; the chair ' +
	    'decides, publishes, unpublishes', async () => {
		const s = srv();
		const rp = `/review/cases/${st.s}`;
		const f = { to_submitter: 'Fine.', score_0: 4, score_1: 3,
		    action: 'save' };
		// 13.12: /review shows the reviewer's own progress per case.
		const mine = async () => {
			const t = (await u.reva.c.get('/review')).text;
			const m = t.match(new RegExp(`<a href="${rp}">Screens case` +
			    '</a></th><td>Screens call</td><td>(.*?)</td>'));
			assert.ok(m, 'the case, its call and my progress');
			return m[1];
		};
		assert.equal(await mine(), '<strong>Not started</strong>');
		let r = await mpost(u.reva.c, rp, f);
		T.see303(r, s, rp);
		await flashOnce(u.reva.c, rp, 'Your review draft is saved. ' +
		    'Only you can see it until you submit it.');
		assert.equal(await mine(), '<strong>Draft saved</strong>');
		r = await mpost(u.reva.c, rp, { ...f, action: 'submit' });
		T.see303(r, s, rp);
		await flashOnce(u.reva.c, rp, 'Your review is submitted.');
		assert.equal(await mine(), 'Submitted');
		const c = u.chair.c;
		const p = `/chair/cases/${st.s}`;
		r = await mpost(c, `${p}/decide`, { decision: 'excellent',
		    reason: 'Exemplary.' });
		T.see303(r, s, p);
		await flashOnce(c, p, 'The decision is recorded.');
		r = await mpost(c, `${p}/state`, { to: 'published' });
		const url = T.see303(r, s, /^\/cases\//);
		st.url = url;
		await flashOnce(c, url, 'The case is published in the library.');
		r = await mpost(c, `${p}/state`, { to: 'decided',
		    reason: 'Outdated.' });
		T.see303(r, s, p);
		await flashOnce(c, p, 'The case is taken out of the library.');
	});

	it('the forms show what was chosen: the decision, the blind mode, ' +
	    'the public fields, the sector, the category, the principles',
	    async () => {
		const s = srv();
		const c = u.chair.c;
		let r = await c.get(`/chair/cases/${st.s}`);
		assert.match(r.text, /<option value="excellent" selected>/);
		assert.equal([...r.text.matchAll(/<option [^>]*selected>/g)]
		    .filter((m) => /value="(excellent|accepted|not-selected)"/
		    .test(m[0])).length, 1, 'one decision selected');
		r = await c.get(`/chair/calls/${st.call}`);
		assert.match(r.text, /name="blind_mode" value="single" checked>/);
		assert.doesNotMatch(r.text,
		    /name="blind_mode" value="(double|open)" checked>/);
		for (const p of ['organisation', 'summary', 'outcomes'])
			assert.match(r.text, new RegExp(
			    `name="public" value="${p}" checked>`), p);
		assert.doesNotMatch(r.text, /name="public" value="country" checked>/);
		r = await mpost(u.sub.c, `/calls/${st.call}/submit`,
		    caseFields('Choices case', 'save'));
		const loc = T.see303(r, s, /^\/submissions\/\d+$/);
		r = await u.sub.c.get(`${loc}?edit=1`);
		assert.match(r.text, /<option value="private-sector" selected>/);
		assert.match(r.text, /<option value="tools-applications" selected>/);
		assert.match(r.text, /name="tag" value="fairness" checked>/);
		assert.equal([...r.text.matchAll(
		    /name="tag" value="[^"]+" checked>/g)].length, 1,
		    'one principle checked');
	});

	it('13.12: "Lessons that use this case" names the lesson and course ' +
	    'in the reader\'s language', async () => {
		const cs = await srv().ethica(['demo', 'cases']);
		assert.equal(cs.code, 0, cs.stdout + cs.stderr);
		const ci = await srv().ethica(['course', 'import',
		    path.join(S.ROOT, 'content', 'courses', 'ethics-of-ai')]);
		assert.equal(ci.code, 0, ci.stdout + ci.stderr);
		const p = '/cases/canada-algorithmic-impact-assessment';
		let r = await srv().client().get(p);
		assert.equal(r.status, 200);
		assert.match(r.text, /<a href="\/courses\/ethics-of-ai\/lessons\/the-ethical-impact-assessment" lang="en" dir="ltr">The Ethical Impact Assessment<\/a> · <span class="muted" lang="en" dir="ltr">Ethics of AI<\/span>/);
		assert.doesNotMatch(r.text, />ethics-of-ai \/ /);
		r = await srv().client({ headers: { 'accept-language': 'ko' } })
		    .get(p);
		assert.match(r.text, /lang="ko" dir="ltr">윤리적 영향 평가\(EIA\)<\/a> · <span class="muted" lang="ko" dir="ltr">인공지능 윤리<\/span>/);
		// Arabic reads right to left, in its own script (issue 20.1).
		r = await srv().client({ headers: { 'accept-language': 'ar' } })
		    .get(p);
		assert.match(r.text, /lang="ar" dir="rtl">تقييم الأثر الأخلاقي \(EIA\)<\/a> · <span class="muted" lang="ar" dir="rtl">أخلاقيات الذكاء الاصطناعي<\/span>/);
	});

	it('13.10: profile and password changes are confirmed', async () => {
		const s = srv();
		const c = u.sub.c;
		let r = await c.submit('/account', { display_name: 'Subby',
		    language: 'en' });
		T.see303(r, s, '/account');
		await flashOnce(c, '/account', 'Your profile is saved.');
		r = await mpost(c, '/account/password', { current_password: PW,
		    new_password: 'another long passphrase' });
		T.see303(r, s, '/account');
		await flashOnce(c, '/account', 'Your password is changed. ' +
		    'Every other session of your account is signed out.');
		const a = s.client();
		const since = s.mailCount();
		T.see303(await a.submit('/password/forgot',
		    { email: u.sub.email }), s, '/password/forgot/sent');
		const m = await s.readMail({ to: u.sub.email, since,
		    link: '/password/reset?token=' });
		const link = new URL(m.links.find((l) =>
		    l.includes('/password/reset?token=')));
		const form = await a.getForm(link.pathname + link.search);
		r = await a.post('/password/reset', { csrf: form.csrf,
		    token: link.searchParams.get('token'),
		    password: 'a third long passphrase' });
		T.see303(r, s, '/login');
		await flashOnce(a, '/login', 'Your new password is set. Every ' +
		    'other session and reset link of your account no longer ' +
		    'works.');
	});
});
