'use strict';
// calls.test.js: the open call through HTTP on a real server: the chair's
// call form, the public call pages and time zones, the submission form
// (draft without JavaScript, errors beside fields with nothing lost,
// attachments checked by content, submit, versions, receipt mail,
// withdraw), expertise, conflicts (declared and detected), automatic and
// manual assignment, reviews and discussion, decisions with mail, the
// fairness report, the audit trail and the CSV export; and access attempts
// across roles: another submitter's case, a conflicted reviewer or chair on
// every page, a reviewer writing on a case not theirs, changes after the
// deadline, forged ids: 403/404 with nothing changed.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');
const { mpost, utc } = T;

const PW = 'correct horse battery';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    0, 0, 0, 13]);

function callFields(over = {}) {
	const f = {
		default_lang: 'en', title_en: 'Practice cases 2026',
		description_en: 'Tell us how you **practise** AI ethics.',
		other_lang: 'ko', title_other: '2026 실천 사례 공모',
		description_other: '설명',
		opens: utc(new Date(Date.now() - 86400e3)),
		closes: utc(new Date(Date.now() + 30 * 86400e3)),
		blind_mode: 'double', reviewers: '2',
		public: ['organisation', 'summary', 'outcomes'],
	};
	const names = ['Relevance', 'Impact', 'Transferability',
	    'Inclusiveness', 'Originality'];
	names.forEach((n, i) => {
		f[`c${i}_name`] = n;
		f[`c${i}_desc`] = `About ${n}.`;
		for (let k = 1; k <= 5; k++)
			f[`c${i}_a${k}`] = `${n} level ${k}`;
	});
	return { ...f, ...over };
}

function caseFields(title, over = {}) {
	return {
		organisation: 'Acme Health', sector: 'private-sector',
		country: 'KE', category: 'tools-applications',
		tag: ['fairness', 'gender'], title,
		summary: 'A summary\nover two lines.',
		ai_system: 'A triage model.', actions: 'Audits, consultations.',
		outcomes: 'Fewer errors.', lessons: 'Start early.',
		links: 'https://acme.example/report', language: 'en',
		collaborators: 'collab@partner.example',
		consent_publish: '1', consent_contact: '1', ...over,
	};
}

const idOf = (loc, re) => Number((loc || '').match(re)[1]);

T.serverSuite('calls', (srv) => {
	const u = {};		// name -> {email, c (client)}
	const st = {};		// ids shared by the tests

	async function user(name, role, email) {
		u[name] = await T.signIn(srv(), name, role, PW, email);
		return u[name];
	}

	it('setup: chairs, reviewers, submitters', async () => {
		await user('chair', 'chair');
		await user('chair2', 'chair');
		await user('rev1', 'reviewer');
		await user('rev2', 'reviewer', `rev2.${Date.now()}@acme.example`);
		await user('rev3', 'reviewer');
		await user('rev4', 'reviewer');
		await user('sub1', 'learner', `sub1.${Date.now()}@acme.example`);
		await user('sub2', 'learner');
		await user('learner', 'learner');
	});

	it('chair: the call form, its errors, and saving a call', async () => {
		const s = srv();
		const c = u.chair.c;
		const f = await c.getForm('/chair/calls/new');
		assert.equal(f.status, 200);
		T.csrfOnEveryPostForm(f.html, '/chair/calls/new');
		assert.match(f.html, /Relevance to the Recommendation/);
		let r = await mpost(c, '/chair/calls/new', callFields({
		    title_en: '', closes: utc(new Date(Date.now() - 2 * 86400e3)),
		    reviewers: '0' }));
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'title_en');
		T.fieldError(r.text, 'closes');
		T.fieldError(r.text, 'reviewers');
		assert.match(r.text, /Relevance level 3/, 'rubric kept');
		r = await mpost(c, '/chair/calls/new', callFields());
		const loc = T.see303(r, s, /^\/chair\/calls\/\d+$/);
		st.call = idOf(loc, /calls\/(\d+)/);
		const e = await c.get(`/chair/calls/${st.call}`);
		assert.equal(e.status, 200);
		assert.match(e.text, /Practice cases 2026/);
		assert.match(e.text, /2026 실천 사례 공모/);
		assert.match(e.text, /<option value="ko" selected>/,
		    'the other language stays chosen');
		assert.match(e.text, /value="Relevance level 2"/);
	});

	it('others cannot open or make calls', async () => {
		for (const who of ['rev1', 'sub1']) {
			const c = u[who].c;
			assert.equal((await c.get('/chair')).status, 403);
			assert.equal((await c.get('/chair/calls/new')).status, 403);
			const r = await mpost(c, '/chair/calls/new', callFields());
			assert.equal(r.status, 403);
		}
		const anon = srv().client();
		const r = await anon.get('/chair');
		assert.equal(r.status, 303);
		assert.match(r.location, /\/login/);
		const c = u.chair.c;
		const r2 = await c.post('/chair/calls/new', { title_en: 'x' });
		assert.equal(r2.status, 403, 'POST without CSRF');
	});

	it('public: the call list, the call with its rubric, time zones',
	    async () => {
		const c = srv().client();
		let r = await c.get('/calls');
		assert.equal(r.status, 200);
		T.isHtml(r);
		assert.match(r.text, /Practice cases 2026/);
		// The zone is named once: "... 11:59 PM UTC", not "UTC (UTC)".
		assert.match(r.text, /:\d\d\s[AP]M UTC</);
		assert.doesNotMatch(r.text, /UTC \(UTC\)/);
		r = await c.get(`/calls/${st.call}`);
		assert.equal(r.status, 200);
		assert.match(r.text, /<strong>practise<\/strong>/);
		assert.match(r.text, /Originality level 5/);
		assert.match(r.text, /CC BY 4\.0/);
		const f = await c.getForm('/calls');
		r = await c.post('/calls/tz', { csrf: f.csrf, tz: 'Asia/Seoul',
		    next: `/calls/${st.call}` });
		T.see303(r, srv(), `/calls/${st.call}`);
		r = await c.get(`/calls/${st.call}`);
		assert.match(r.text, /\(Asia\/Seoul\)/);
		r = await c.post('/calls/tz', { csrf: f.csrf, tz: '../etc',
		    next: '/calls' });
		assert.equal(r.status, 400);
		assert.equal((await c.get('/calls/999999')).status, 404);
		assert.equal((await c.get('/calls/abc')).status, 404);
		const k = srv().client({ headers: { 'accept-language': 'ko' } });
		r = await k.get(`/calls/${st.call}`);
		assert.match(r.text, /2026 실천 사례 공모/);
	});

	it('submitter: a draft without JavaScript, errors beside fields, ' +
	    'nothing lost', async () => {
		const s = srv();
		const c = u.sub1.c;
		const anon = s.client();
		let r = await anon.get(`/calls/${st.call}/submit`);
		assert.equal(r.status, 303);
		const f = await c.getForm(`/calls/${st.call}/submit`);
		assert.equal(f.status, 200);
		T.csrfOnEveryPostForm(f.html, 'submit form');
		assert.match(f.html, /enctype="multipart\/form-data"/);
		assert.match(f.html, /<option value="KR"/);
		r = await mpost(c, `/calls/${st.call}/submit`, {
		    title: 'Half done', action: 'save' },
		    [{ name: 'evidence.pdf', data: PDF }]);
		const loc = T.see303(r, s, /^\/submissions\/\d+$/);
		st.s1 = idOf(loc, /submissions\/(\d+)/);
		r = await c.get(`/submissions/${st.s1}`);
		assert.equal(r.status, 200);
		assert.match(r.text, /Half done/);
		assert.match(r.text, /evidence\.pdf/);
		assert.match(r.text, /Draft/);
		// Submitting an incomplete case: 400, errors, values kept,
		// the attachment still there, the bad upload refused.
		r = await mpost(c, `/submissions/${st.s1}`, {
		    title: 'Half done', summary: 'Kept\nacross lines',
		    tag: ['privacy'], action: 'submit' },
		    [{ name: 'virus.pdf', data: Buffer.from('MZ\x90\x00 exe') }]);
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'organisation');
		T.fieldError(r.text, 'sector');
		T.fieldError(r.text, 'country');
		assert.match(r.text, /Kept\r?\nacross lines/);
		assert.match(r.text, /value="privacy" checked/);
		assert.match(r.text, /evidence\.pdf/);
		// Named in the error, never listed as stored.
		assert.doesNotMatch(r.text, />virus\.pdf</);
		assert.match(r.text, /The file virus\.pdf was not stored: Only PDF, /);
		r = await c.get(`/submissions/${st.s1}?edit=1`);
		assert.match(r.text, /Kept\r?\nacross lines/, 'the draft kept it');
	});

	it('submitter: submit, receipt mail, edit as a new version, ' +
	    'attachment limit', async () => {
		const s = srv();
		const c = u.sub1.c;
		const since = s.mailCount();
		let r = await mpost(c, `/submissions/${st.s1}`, caseFields(
		    '=HYPERLINK("http://evil.example")', { action: 'submit' }),
		    [{ name: 'figure.png', data: PNG }]);
		T.see303(r, s, `/submissions/${st.s1}`);
		const m = await s.readMail({ to: u.sub1.email, since });
		assert.match(m.subject, /HYPERLINK/);
		assert.ok(m.links.some((l) => l.includes(`/submissions/${st.s1}`)));
		r = await c.get(`/submissions/${st.s1}`);
		assert.match(r.text, /Version 1/);
		assert.match(r.text, /Submitted/);
		r = await mpost(c, `/submissions/${st.s1}`, caseFields(
		    '=HYPERLINK("http://evil.example")', { outcomes: 'Better.',
		    action: 'submit' }), [
		    { name: 'a.pdf', data: PDF }, { name: 'b.pdf', data: PDF },
		    { name: 'c.pdf', data: PDF }, { name: 'd.pdf', data: PDF }]);
		assert.equal(r.status, 400, 'a sixth attachment is refused');
		assert.match(r.text, /At most 5 attachments/);
		r = await c.get(`/submissions/${st.s1}`);
		assert.match(r.text, /Version 2/);
		// The batch is refused whole: none of its four files is kept.
		assert.equal((r.text.match(/\/files\/\d+/g) || []).length, 2);
		const fl = r.text.match(/\/submissions\/\d+\/files\/(\d+)/);
		st.file = Number(fl[1]);
		const d = await c.get(`/submissions/${st.s1}/files/${st.file}`);
		assert.equal(d.status, 200);
		assert.equal(d.headers.get('content-type'), 'application/pdf');
		assert.match(d.headers.get('content-disposition'), /^attachment/);
		assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
		// A second case by another submitter, and a draft.
		r = await mpost(u.sub2.c, `/calls/${st.call}/submit`, caseFields(
		    'Other case', { organisation: 'Other Org', country: 'FR',
		    collaborators: '', action: 'submit' }));
		st.s2 = idOf(T.see303(r, s), /submissions\/(\d+)/);
		r = await c.get('/submissions');
		assert.equal(r.status, 200);
		assert.match(r.text, /HYPERLINK/);
	});

	it('another submitter, anonymous visitors and forged ids get ' +
	    'nothing and change nothing', async () => {
		const c = u.sub2.c;
		const before = (await u.sub1.c.get(`/submissions/${st.s1}`)).text;
		for (const p of [`/submissions/${st.s1}`,
		    `/submissions/${st.s1}?edit=1`,
		    `/submissions/${st.s1}/files/${st.file}`,
		    '/submissions/999999', `/submissions/${st.s1}/files/999999`,
		    `/review/cases/${st.s1}`])
			assert.equal((await c.get(p)).status, 404, p);
		let r = await mpost(c, `/submissions/${st.s1}`, caseFields('Hijack',
		    { action: 'submit' }));
		assert.equal(r.status, 404);
		r = await mpost(c, `/submissions/${st.s1}/withdraw`, {});
		assert.equal(r.status, 404);
		r = await mpost(c, '/submissions/999999', caseFields('x'));
		assert.equal(r.status, 404);
		const after = (await u.sub1.c.get(`/submissions/${st.s1}`)).text;
		assert.equal(S.text(after).replace(/\s+/g, ' '),
		    S.text(before).replace(/\s+/g, ' '), 'nothing changed');
		const anon = srv().client();
		r = await anon.get(`/submissions/${st.s1}/files/${st.file}`);
		assert.equal(r.status, 303);
		// a reviewer not assigned sees no case either
		assert.equal((await u.rev1.c.get(`/review/cases/${st.s1}`))
		    .status, 404);
		assert.equal((await u.rev1.c.get(
		    `/submissions/${st.s1}/files/${st.file}`)).status, 404);
	});

	it('reviewers: expertise, declared conflicts; chairs: detected ' +
	    'conflicts and automatic assignment', async () => {
		const s = srv();
		let r = await u.rev2.c.getForm('/review/expertise');
		assert.equal(r.status, 200);
		T.csrfOnEveryPostForm(r.html, '/review/expertise');
		r = await mpost(u.rev2.c, '/review/expertise', {
		    organisation: 'Acme Health', principle: ['fairness'],
		    region: ['africa'], language: ['en', 'fr'] });
		T.see303(r, s, '/review');
		r = await mpost(u.rev2.c, '/review/expertise', {
		    region: ['atlantis'] });
		assert.equal(r.status, 400, 'unknown region');
		r = await u.rev2.c.get('/review/expertise');
		assert.match(r.text, /value="Acme Health"/);
		// The chair reads the expertise as names, not slugs.
		r = await u.chair.c.get(`/chair/calls/${st.call}/reviewers`);
		assert.match(r.text, /<td>Fairness and non-discrimination<\/td>/);
		assert.match(r.text, /<td>Africa<\/td><td>English, French<\/td>/);
		// rev3 declares a conflict; chair2 too.
		r = await u.rev3.c.get(`/review/calls/${st.call}/conflicts`);
		assert.equal(r.status, 200);
		assert.match(r.text, /HYPERLINK/);
		assert.doesNotMatch(r.text, /Acme Health/, 'double-blind');
		for (const who of ['rev3', 'chair2']) {
			r = await mpost(u[who].c,
			    `/review/calls/${st.call}/conflicts`, {
			    submission_id: st.s1, reason: 'former colleague' });
			T.see303(r, s);
		}
		r = await u.rev3.c.get(`/review/calls/${st.call}/conflicts`);
		assert.doesNotMatch(r.text, /HYPERLINK/);
		// The chair detects: rev2 (same organisation and domain).
		r = await mpost(u.chair.c, `/chair/calls/${st.call}/detect`, {});
		T.see303(r, s, /found=1$/);
		r = await u.chair.c.get(`/chair/cases/${st.s1}`);
		assert.equal(r.status, 200);
		assert.match(r.text, /Same organisation|Same email domain/);
		const since = s.mailCount();
		r = await mpost(u.chair.c, `/chair/calls/${st.call}/autoassign`,
		    {});
		T.see303(r, s, /added=\d+&short=\d+$/);
		r = await u.chair.c.get(`/chair/cases/${st.s1}`);
		assert.match(r.text, /Under review/);
		const m = await s.readMail({ link: '/review/cases/', since });
		assert.ok(m.subject.length > 0);
		// s1 may only go to rev1 and rev4.
		for (const who of ['rev2', 'rev3'])
			assert.equal((await u[who].c.get(`/review/cases/${st.s1}`))
			    .status, 404, who);
		r = await mpost(u.chair.c, `/chair/cases/${st.s1}/assign`, {
		    user_id: await uid('rev3'), op: 'add' });
		assert.equal(r.status, 409, 'a conflicted reviewer cannot be ' +
		    'assigned');
	});

	// uid(name): a user's id, read from the chair's reviewers page.
	async function uid(name) {
		const r = await u.chair.c.get(`/chair/calls/${st.call}/reviewers`);
		const re = new RegExp(`<th scope="row">${name}[^<]*</th>[\\s\\S]*?` +
		    '/review/expertise\\?user=(\\d+)');
		const local = u[name].email.split('@')[0];
		const m = r.text.match(new RegExp(
		    `${local.split('.')[0]}[^\\n]*?user=(\\d+)`)) || r.text.match(re);
		assert.ok(m, `no id for ${name}`);
		return Number(m[1]);
	}

	it('a conflicted reviewer or chair never sees the case: every page, ' +
	    'list, export, audit, fairness', async () => {
		const chk = async (c, p) => {
			const r = await c.get(p);
			assert.ok([403, 404].includes(r.status) ||
			    !/HYPERLINK/.test(r.text),
			    `${p} shows the case (${r.status})`);
			return r;
		};
		for (const p of [`/review/cases/${st.s1}`,
		    `/submissions/${st.s1}`,
		    `/submissions/${st.s1}/files/${st.file}`, '/review',
		    `/review/calls/${st.call}/conflicts`, '/submissions',
		    `/chair/cases/${st.s1}`])
			await chk(u.rev3.c, p);
		assert.equal((await u.rev3.c.get(`/review/cases/${st.s1}`))
		    .status, 404);
		let r = await mpost(u.rev3.c, `/review/cases/${st.s1}`, {
		    score_0: 5, to_submitter: 'x', action: 'submit' });
		assert.equal(r.status, 404);
		r = await mpost(u.rev3.c, `/review/cases/${st.s1}/discuss`, {
		    body: 'x' });
		assert.equal(r.status, 404);
		const c2 = u.chair2.c;
		for (const p of [`/chair/cases/${st.s1}`,
		    `/review/cases/${st.s1}`, `/submissions/${st.s1}`,
		    `/submissions/${st.s1}/files/${st.file}`])
			assert.equal((await c2.get(p)).status, 404, p);
		for (const p of [`/chair/calls/${st.call}/cases`,
		    `/chair/calls/${st.call}/export.csv`,
		    `/chair/calls/${st.call}/audit`, '/review',
		    `/chair/calls/${st.call}/fairness`]) {
			r = await chk(c2, p);
			assert.equal(r.status, 200, p);
		}
		r = await c2.get(`/chair/calls/${st.call}/cases`);
		assert.match(r.text, /Other case/);
		r = await c2.get(`/chair/calls/${st.call}/audit`);
		assert.doesNotMatch(r.text, new RegExp(`submission ${st.s1}<`));
		for (const [p, f] of [[`/chair/cases/${st.s1}/decide`,
		    { decision: 'excellent', reason: 'x' }],
		    [`/chair/cases/${st.s1}/state`, { to: 'submitted' }],
		    [`/chair/cases/${st.s1}/assign`, { user_id: 1, op: 'add' }],
		    [`/chair/cases/${st.s1}/conflict`, { user_id: 1,
		    status: 'dismissed' }]]) {
			r = await mpost(c2, p, f);
			assert.equal(r.status, 404, p);
		}
		r = await mpost(c2, `/chair/calls/${st.call}/decide`, {
		    id: [st.s1], decision: 'excellent', reason: 'x' });
		assert.equal(r.status, 404, 'nothing decided');
	});

	it('reviews: double-blind, scores on the rubric, others only after ' +
	    'one\'s own, discussion', async () => {
		const s = srv();
		const c = u.rev1.c;
		let r = await c.get('/review');
		assert.equal(r.status, 200);
		assert.match(r.text, /HYPERLINK/);
		r = await c.getForm(`/review/cases/${st.s1}`);
		assert.equal(r.status, 200);
		T.csrfOnEveryPostForm(r.html, 'review case');
		for (const hidden of ['Acme Health', u.sub1.email,
		    'acme.example/report', 'collab@partner.example',
		    'evidence.pdf'])
			assert.ok(!r.html.includes(hidden), `shows ${hidden}`);
		assert.match(r.html, /Relevance level 4/);
		assert.doesNotMatch(r.html, /id="discussion"/);
		r = await mpost(c, `/review/cases/${st.s1}`, { score_0: 4,
		    to_submitter: 'Partial', action: 'submit' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Give a score for every criterion/);
		assert.match(r.text, /Partial/);
		r = await mpost(c, `/review/cases/${st.s1}`, { score_0: 4,
		    score_1: 4, score_2: 3, score_3: 5, score_4: 4,
		    to_submitter: 'Clear and useful.',
		    confidential: 'SECRET-NOTE for the group', action: 'submit' });
		T.see303(r, s, `/review/cases/${st.s1}`);
		r = await c.get(`/review/cases/${st.s1}`);
		assert.match(r.text, /id="discussion"/);
		r = await mpost(c, `/review/cases/${st.s1}/discuss`, {
		    body: 'Select it?' });
		T.see303(r, s);
		// The other reviewer of s1 (rev4) sees neither yet.
		r = await u.rev4.c.get(`/review/cases/${st.s1}`);
		if (r.status === 200) {
			assert.doesNotMatch(r.text, /SECRET-NOTE|Select it\?/);
			r = await mpost(u.rev4.c, `/review/cases/${st.s1}/discuss`,
			    { body: 'x' });
			assert.equal(r.status, 403);
		}
		// A reviewer not on the case cannot write a review there.
		r = await mpost(u.rev2.c, `/review/cases/${st.s1}`, { score_0: 1,
		    score_1: 1, score_2: 1, score_3: 1, score_4: 1,
		    to_submitter: 'Overwrite', action: 'submit' });
		assert.equal(r.status, 404);
		r = await u.chair.c.get(`/chair/cases/${st.s1}`);
		assert.match(r.text, /Clear and useful\./);
		assert.doesNotMatch(r.text, /Overwrite/);
		assert.match(r.text, /Version 2 ·/, 'every version kept');
		assert.match(r.text, /Version 1 ·/);
		assert.match(r.text, /SECRET-NOTE/);
	});

	it('decisions: one case and bulk, mail from the templates, the ' +
	    'submitter sees the decision and only the comments meant for them',
	    async () => {
		const s = srv();
		const c = u.chair.c;
		let r = await c.getForm(`/chair/calls/${st.call}/templates?lang=en`);
		assert.equal(r.status, 200);
		T.csrfOnEveryPostForm(r.html, 'templates');
		r = await mpost(c, `/chair/calls/${st.call}/templates`, {
		    lang: 'en', subject_0: 'Excellent news: {title}',
		    body_0: 'Dear {name},\n{decision}\n{reason}\n{link}\n',
		    subject_1: 'Accepted: {title}', body_1: 'Accepted {link}',
		    subject_2: 'Not selected: {title}', body_2: 'Sorry {link}' });
		T.see303(r, s, /\/templates\?lang=en$/);
		r = await mpost(c, `/chair/calls/${st.call}/templates`, {
		    lang: 'en', subject_0: '', body_0: '', subject_1: 'a',
		    body_1: 'b', subject_2: 'c', body_2: 'd' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'subject_0');
		r = await mpost(c, `/chair/cases/${st.s1}/decide`, {
		    decision: 'excellent', reason: '' });
		assert.equal(r.status, 400);
		const since = s.mailCount();
		// s2 has no submitted review: the chair is asked first, and the
		// page carries the same form with confirm=1 (no JavaScript).
		r = await mpost(c, `/chair/calls/${st.call}/decide`, {
		    id: [st.s1, st.s2], decision: 'excellent',
		    reason: 'An exemplary practice.' });
		assert.equal(r.status, 200);
		assert.match(r.text, /No reviewer has submitted a review/);
		assert.match(r.text, /name="confirm" value="1"/);
		assert.match(r.text, new RegExp(`name="id" value="${st.s2}"`));
		assert.equal(s.mailCount(), since, 'nothing sent before confirming');
		r = await mpost(c, `/chair/calls/${st.call}/decide`, {
		    id: [st.s1, st.s2], decision: 'excellent',
		    reason: 'An exemplary practice.', confirm: '1' });
		T.see303(r, s, /done=2$/);
		const m = await s.readMail({ to: u.sub1.email, since });
		assert.match(m.subject, /^Excellent news: /);
		assert.match(m.body, /An exemplary practice\./);
		r = await u.sub1.c.get(`/submissions/${st.s1}`);
		assert.match(r.text, /Selected as excellent/);
		assert.match(r.text, /Clear and useful\./);
		assert.doesNotMatch(r.text, /SECRET-NOTE/);
		assert.doesNotMatch(r.text, /Select it\?/);
		r = await mpost(c, `/chair/cases/${st.s1}/state`, {
		    to: 'published' });
		T.see303(r, s);
		const caseUrl = r.headers.get('location');
		assert.match(caseUrl, /^\/cases\/[a-z0-9-]+-s\d+$/);
		r = await c.get(`/chair/cases/${st.s1}`);
		assert.match(r.text, /Published/);
		// The library shows it to anyone, without the confidential notes.
		const anon = s.client();
		r = await anon.get(caseUrl);
		assert.equal(r.status, 200, 'published case is public');
		assert.doesNotMatch(r.text, /SECRET-NOTE/);
		r = await anon.get('/cases.json');
		assert.ok(r.text.includes(caseUrl.split('/').pop()),
		    'in the open data');
		// Unpublishing needs a reason, which the address then shows.
		r = await mpost(c, `/chair/cases/${st.s1}/state`, {
		    to: 'decided', reason: '' });
		assert.equal(r.status, 400);
		r = await anon.get(caseUrl);
		assert.equal(r.status, 200, 'still published');
		r = await mpost(c, `/chair/cases/${st.s1}/state`, {
		    to: 'decided', reason: 'Withdrawn at the request of the ministry.' });
		T.see303(r, s);
		r = await anon.get(caseUrl);
		assert.equal(r.status, 410);
		assert.match(r.text, /Withdrawn at the request of the ministry\./);
		r = await anon.get('/cases.json');
		assert.ok(!r.text.includes(caseUrl.split('/').pop()),
		    'gone from the open data');
		r = await mpost(c, `/chair/cases/${st.s1}/state`, {
		    to: 'published' });
		T.see303(r, s);
		r = await anon.get(caseUrl);
		assert.equal(r.status, 200, 'published again');
		r = await mpost(c, `/chair/cases/${st.s1}/state`, {
		    to: 'withdrawn' });
		assert.equal(r.status, 403, 'not a chair move');
	});

	it('fairness report, audit trail and CSV export', async () => {
		const c = u.chair.c;
		let r = await c.get(`/chair/calls/${st.call}/fairness`);
		assert.equal(r.status, 200);
		assert.match(r.text, /&lt; 5/);
		assert.match(r.text, /Africa/);
		r = await c.get(`/chair/calls/${st.call}/audit`);
		assert.equal(r.status, 200);
		for (const a of ['submission.submit', 'assign.add',
		    'submission.decide', 'conflict.declare'])
			assert.match(r.text, new RegExp(a.replace('.', '\\.')));
		r = await c.get(`/chair/calls/${st.call}/export.csv`);
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		assert.match(r.text, /^\uFEFFid,state,/);
		assert.match(r.text, /"'=HYPERLINK\(""http:\/\/evil\.example""\)"/);
		assert.doesNotMatch(r.text, /(^|,)=HYPERLINK/m);
		assert.match(r.text, /4\.00/);
		for (const who of ['rev1', 'sub1']) {
			r = await u[who].c.get(`/chair/calls/${st.call}/export.csv`);
			assert.equal(r.status, 403, who);
		}
		for (const p of [`/chair/calls/${st.call}/cases`,
		    `/chair/calls/${st.call}/reviewers`, `/chair/cases/${st.s1}`,
		    '/chair', `/chair/calls/${st.call}`]) {
			r = await c.get(p);
			assert.equal(r.status, 200, p);
			T.csrfOnEveryPostForm(r.text, p);
		}
	});

	it('after the deadline nothing of the submitter changes', async () => {
		const s = srv();
		const c = u.sub2.c;
		// A new call that closes in a minute... the chair moves the
		// deadline of a call with a draft into the past.
		let r = await mpost(u.chair.c, '/chair/calls/new', callFields({
		    title_en: 'Short call' }));
		const call2 = idOf(T.see303(r, s), /calls\/(\d+)/);
		r = await mpost(c, `/calls/${call2}/submit`, caseFields('Late',
		    { action: 'save' }));
		const late = idOf(T.see303(r, s), /submissions\/(\d+)/);
		r = await mpost(u.chair.c, `/chair/calls/${call2}`, callFields({
		    title_en: 'Short call',
		    opens: utc(new Date(Date.now() - 3 * 86400e3)),
		    closes: utc(new Date(Date.now() - 86400e3)) }));
		T.see303(r, s);
		const before = (await c.get(`/submissions/${late}`)).text;
		assert.match(before, /can no longer be changed/);
		r = await mpost(c, `/submissions/${late}`, caseFields('Changed',
		    { action: 'submit' }));
		assert.equal(r.status, 409);
		r = await mpost(c, `/submissions/${late}/withdraw`, {});
		assert.equal(r.status, 409);
		r = await mpost(c, `/calls/${call2}/submit`, caseFields('New'));
		assert.equal(r.status, 409);
		r = await c.get(`/calls/${call2}/submit`);
		assert.equal(r.status, 409);
		const after = (await c.get(`/submissions/${late}`)).text;
		assert.match(after, /Late/);
		assert.doesNotMatch(after, /Changed/);
	});

	it('withdraw and reopen before the deadline', async () => {
		const s = srv();
		const c = u.learner.c;
		let r = await mpost(c, `/calls/${st.call}/submit`, caseFields(
		    'Withdraw me', { action: 'submit' }));
		const id = idOf(T.see303(r, s), /submissions\/(\d+)/);
		r = await mpost(c, `/submissions/${id}/withdraw`,
		    { confirm: '1' });
		T.see303(r, s, `/submissions/${id}`);
		r = await c.get(`/submissions/${id}`);
		assert.match(r.text, /Withdrawn/);
		r = await mpost(c, `/submissions/${id}/reopen`, {});
		T.see303(r, s, `/submissions/${id}?edit=1`);
		r = await c.get(`/submissions/${id}`);
		assert.match(r.text, /Draft/);
		r = await mpost(c, `/submissions/${id}/reopen`, {});
		assert.equal(r.status, 409);
	});
});
