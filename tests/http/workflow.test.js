'use strict';
// workflow.test.js: the review workflow through HTTP on a real server
// (issues 12 and 13): the chair moves a case to "Under review" and the
// reviewers' mailed links open it (13.1); the rubric never grows past its
// cap however often the call is saved, and a review is saved on it (ASan
// run: ETHICA_BUILD=build-san) (12.2); reviewers of a double-blind call
// read each other as "Reviewer A, B" (12.4); a published case is not
// re-decided while in the library, leaves it in one step, and a decision
// without reviews is confirmed first (12.3); a conflicted chair and a
// conflicted admin walk every route of conf/ and learn nothing of the
// case, and cannot unpublish it (12.7).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { it } = require('node:test');
const T = require('./lib/suite');
const { mpost, utc } = T;

const PW = 'correct horse battery';
const TITLE = 'Zebracase quokka practice';
const REVIEW = 'Quokkareview comments';

function callFields(ncrit) {
	const f = {
		default_lang: 'en', title_en: 'Workflow call',
		description_en: 'About.', opens: utc(new Date(Date.now() - 86400e3)),
		closes: utc(new Date(Date.now() + 30 * 86400e3)),
		blind_mode: 'double', reviewers: '2',
		public: ['organisation', 'summary', 'outcomes'],
	};
	for (let i = 0; i < ncrit; i++) {
		f[`c${i}_name`] = `Critname${i}`;
		f[`c${i}_desc`] = `About ${i}.`;
		for (let k = 1; k <= 5; k++)
			f[`c${i}_a${k}`] = `Level ${k}`;
	}
	return f;
}

// Every route of conf/ as a path for the case (id, slug) and its call.
function routes(sid, callId, slug) {
	const root = path.join(__dirname, '..', '..', 'conf');
	const files = [path.join(root, 'ethica.conf.in'), ...fs.readdirSync(
	    path.join(root, 'routes')).map((f) => path.join(root, 'routes', f))];
	const out = [];
	for (const f of files) {
		for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
			const m = line.match(/^\s*route\s+(\S+)\s+\S+/);
			if (!m)
				continue;
			let p = m[1];
			if (p.startsWith('^')) {
				p = p.slice(1).replace(/\$$/, '')
				    .replace(/\[0-9\]\+/g, 'ID')
				    .replace(/\[a-z0-9\]\[a-z0-9-\]\*/g, slug)
				    .replace(/\(lessons\/\)\?/g, '')
				    .replace(/\[a-z\]\+/g, 'en')
				    .replace(/\[A-Za-z0-9_-\]\{22\}/g, 'a'.repeat(22))
				    .replace(/\[A-Za-z0-9_\]\[A-Za-z0-9._\/-\]\*/g, 'x.png')
				    .replace(/\[A-Za-z0-9._-\]\+/g, 'x.css')
				    .replace(/\\\./g, '.');
				// Call routes get the call's id, the rest the case's.
				const id = /\/calls\/ID/.test(p) ? callId : sid;
				p = p.replace(/ID/g, String(id));
			}
			out.push(p);
		}
	}
	return out;
}

T.serverSuite('workflow', (srv) => {
	const u = {};
	const st = {};

	async function user(name, role) {
		u[name] = await T.signIn(srv(), name, role, PW);
		return u[name];
	}

	it('setup: users, a call saved again and again keeps its rubric ' +
	    'capped (12.2)', async () => {
		const s = srv();
		for (const [n, r] of [['chairok', 'chair'], ['chairx', 'chair'],
		    ['adminx', 'admin'], ['adminok', 'admin'], ['revada', 'reviewer'],
		    ['revbob', 'reviewer'], ['subz', 'learner']])
			await user(n, r);
		const c = u.chairok.c;
		let r = await mpost(c, '/chair/calls/new', callFields(8));
		const loc = T.see303(r, s, /^\/chair\/calls\/\d+$/);
		st.call = Number(loc.match(/calls\/(\d+)/)[1]);
		// The form posted again without criterion ids: new criteria
		// replace the old, the rubric never exceeds the cap.
		const count = async () => ((await c.get(`/calls/${st.call}`))
		    .text.match(/Critname7/g) || []).length;
		const once = await count();
		assert.ok(once > 0);
		for (let k = 0; k < 3; k++) {
			r = await mpost(c, `/chair/calls/${st.call}`, callFields(8));
			T.see303(r, s);
		}
		assert.equal(await count(), once, 'criteria multiplied');
		// Criteria removed: three left.
		r = await mpost(c, `/chair/calls/${st.call}`, callFields(3));
		T.see303(r, s);
		r = await c.get(`/calls/${st.call}`);
		assert.doesNotMatch(r.text, /Critname3/, 'criteria not removed');
		assert.match(r.text, /Critname2/);
	});

	it('13.1: the chair moves a case to "Under review", the mailed link ' +
	    'opens it, a review is saved (12.2 under ASan)', async () => {
		const s = srv();
		let r = await mpost(u.subz.c, `/calls/${st.call}/submit`, {
		    organisation: 'Zebra Org', sector: 'private-sector',
		    country: 'KE', category: 'tools-applications',
		    tag: ['fairness'], title: TITLE, summary: 'Summary.',
		    ai_system: 'A model.', actions: 'Audits.', outcomes: 'Less.',
		    lessons: 'Early.', links: '', language: 'en',
		    collaborators: '', consent_publish: '1',
		    consent_contact: '1', action: 'submit' });
		const loc = T.see303(r, s, /^\/submissions\/\d+$/);
		st.s = Number(loc.match(/(\d+)$/)[1]);
		const c = u.chairok.c;
		r = await c.get(`/chair/cases/${st.s}`);
		assert.match(r.text, /name="to" value="under_review"/,
		    'the move is offered');
		r = await mpost(c, `/chair/cases/${st.s}/state`,
		    { to: 'under_review' });
		T.see303(r, s, `/chair/cases/${st.s}`);
		r = await c.get(`/chair/cases/${st.s}`);
		assert.match(r.text, /<strong>Under review<\/strong>/);
		const ids = {};
		r = await c.get(`/chair/cases/${st.s}`);
		for (const n of ['revada', 'revbob']) {
			const m = r.text.match(new RegExp(
			    `<option value="(\\d+)">${n}`));
			assert.ok(m, `no candidate ${n}`);
			ids[n] = Number(m[1]);
		}
		for (const n of ['revada', 'revbob']) {
			const since = s.mailCount();
			r = await mpost(c, `/chair/cases/${st.s}/assign`, {
			    user_id: ids[n], op: 'add' });
			T.see303(r, s);
			const m = await s.readMail({ to: u[n].email, since,
			    link: '/review/cases/' });
			const link = m.links.find((l) =>
			    l.includes('/review/cases/'));
			const p = new URL(link).pathname;
			assert.equal(p, `/review/cases/${st.s}`);
			r = await u[n].c.get(p);
			assert.equal(r.status, 200, `${n} follows the mailed link`);
			assert.match(r.text, new RegExp(TITLE));
		}
		// A review with every score field the route takes.
		const f = { to_submitter: `${REVIEW} one`, action: 'submit' };
		for (let i = 0; i < 8; i++)
			f[`score_${i}`] = 4;
		r = await mpost(u.revada.c, `/review/cases/${st.s}`, f);
		T.see303(r, s, `/review/cases/${st.s}`);
	});

	it('12.4: double-blind reviewers read each other as Reviewer A, B',
	    async () => {
		const s = srv();
		const f = { to_submitter: `${REVIEW} two`, action: 'submit',
		    score_0: 3, score_1: 3, score_2: 3 };
		let r = await mpost(u.revbob.c, `/review/cases/${st.s}`, f);
		T.see303(r, s);
		r = await mpost(u.revbob.c, `/review/cases/${st.s}/discuss`,
		    { body: 'Bob speaks.' });
		T.see303(r, s);
		r = await mpost(u.revada.c, `/review/cases/${st.s}/discuss`,
		    { body: 'Ada speaks.' });
		T.see303(r, s);
		for (const [me, other] of [['revada', 'revbob'],
		    ['revbob', 'revada']]) {
			r = await u[me].c.get(`/review/cases/${st.s}`);
			assert.equal(r.status, 200);
			assert.ok(!r.text.includes(u[other].local),
			    `${me} reads ${other}'s name`);
			assert.match(r.text, /Reviewer A/);
			assert.match(r.text, /Reviewer B/);
		}
		// Korean: the label is translated.
		r = await u.revada.c.get(`/review/cases/${st.s}?lang=ko`);
		r = await u.revada.c.request('GET', `/review/cases/${st.s}`,
		    { headers: { 'accept-language': 'ko' } });
		// Chairs still see names.
		r = await u.chairok.c.get(`/chair/cases/${st.s}`);
		assert.ok(r.text.includes(u.revada.local));
		assert.ok(r.text.includes(u.revbob.local));
	});

	it('12.7 setup: the other chair and the admin declare conflicts',
	    async () => {
		const s = srv();
		for (const n of ['chairx', 'adminx']) {
			const r = await mpost(u[n].c,
			    `/review/calls/${st.call}/conflicts`, {
			    submission_id: st.s, reason: 'colleague' });
			T.see303(r, s);
			assert.equal((await u[n].c.get(`/chair/cases/${st.s}`))
			    .status, 404, n);
		}
	});

	it('12.3: publish; a published case is not re-decided while in the ' +
	    'library; unpublish and re-decide in one step each', async () => {
		const s = srv();
		const c = u.chairok.c;
		let r = await mpost(c, `/chair/cases/${st.s}/decide`, {
		    decision: 'excellent', reason: 'Exemplary.' });
		T.see303(r, s);
		r = await mpost(c, `/chair/cases/${st.s}/state`,
		    { to: 'published' });
		st.url = T.see303(r, s, /^\/cases\/[a-z0-9-]+-s\d+$/);
		st.slug = st.url.split('/').pop();
		const anon = s.client();
		assert.equal((await anon.get(st.url)).status, 200);
		// The decision form is not offered on a published case, and a
		// forged one changes nothing and mails nobody.
		r = await c.get(`/chair/cases/${st.s}`);
		assert.doesNotMatch(r.text, /action="\/chair\/cases\/\d+\/decide"/);
		const since = s.mailCount();
		r = await mpost(c, `/chair/cases/${st.s}/decide`, {
		    decision: 'not-selected', reason: 'Changed our mind.',
		    confirm: '1' });
		assert.equal(r.status, 409);
		assert.equal(s.mailCount(), since, 'no "Not selected" mail');
		assert.equal((await anon.get(st.url)).status, 200);
		assert.equal((await anon.get(`/api/cases/${st.slug}`)).status,
		    200);
		st.since = since;
	});

	it('12.7: a conflicted chair and a conflicted admin walk every route ' +
	    'and learn nothing of the case', async () => {
		const s = srv();
		const list = routes(st.s, st.call, st.slug);
		assert.ok(list.length > 70, `only ${list.length} routes`);
		const leak = (t) => t.includes(TITLE) || t.includes(REVIEW) ||
		    new RegExp(`cases/${st.s}\\b`).test(t) ||
		    /Zebra Org/.test(t);
		const skip = new Set(['/logout', '/logout-all', '/login',
		    '/register', '/language',
		    '/password/forgot', '/password/reset', '/account',
		    '/account/password', '/calls/tz', '/lang']);
		const fields = {
		    [`/chair/cases/${st.s}/state`]: { to: 'decided',
			reason: 'Leak.' },
		    [`/chair/cases/${st.s}/decide`]: { decision: 'not-selected',
			reason: 'Leak.', confirm: '1' },
		    [`/chair/cases/${st.s}/assign`]: { user_id: 1, op: 'add' },
		    [`/chair/cases/${st.s}/conflict`]: { user_id: 1,
			status: 'dismissed' },
		    [`/cases/${st.slug}/unpublish`]: { reason: 'Leak.' },
		    [`/chair/calls/${st.call}/decide`]: { id: [st.s],
			decision: 'not-selected', reason: 'Leak.',
			confirm: '1' },
		    [`/review/cases/${st.s}`]: { score_0: 1,
			to_submitter: 'Leak.', action: 'submit' },
		    [`/review/cases/${st.s}/discuss`]: { body: 'Leak.' },
		    [`/submissions/${st.s}/withdraw`]: {},
		};
		// Public pages of the library are public: what an anonymous
		// visitor reads there may show the published case.
		const anon0 = s.client();
		const pub = new Set();
		for (const p of list) {
			if (!skip.has(p) && leak((await anon0.get(p)).text))
				pub.add(p);
		}
		for (const who of ['chairx', 'adminx']) {
			const c = u[who].c;
			for (const p of list) {
				if (skip.has(p))
					continue;
				let r = await c.get(p);
				if (pub.has(p))
					assert.doesNotMatch(r.text, /\/unpublish"/,
					    `${who} GET ${p} offers unpublish`);
				else
					assert.ok(r.status >= 400 || !leak(r.text),
					    `${who} GET ${p}: ${r.status} shows the case`);
				r = await mpost(c, p, fields[p] || {});
				assert.ok(r.status >= 400 || r.status === 303 ||
				    !leak(r.text), `${who} POST ${p}: ${r.status}`);
				if (fields[p])
					assert.ok(r.status === 404 || r.status === 403,
					    `${who} POST ${p} answered ${r.status} ` +
					    `${r.headers.get('location')}`);
			}
			// The admin's audit log holds nothing of the case.
			const r = await c.get('/admin/audit');
			if (who === 'adminx')
				assert.equal(r.status, 200);
			if (r.status === 200) {
				assert.ok(!r.text.includes(`submission ${st.s}<`),
				    `${who} reads the case's entries`);
				assert.ok(!r.text.includes(st.slug),
				    `${who} reads the case's slug`);
			}
		}
		// An unconflicted admin reads them (the check above can fail).
		const ra = await u.adminok.c.get('/admin/audit');
		assert.ok(ra.text.includes(`submission ${st.s}<`));
		assert.ok(ra.text.includes(st.slug));
		// Still signed in (no route walked logged them out).
		for (const who of ['chairx', 'adminx'])
			assert.equal((await u[who].c.get('/chair')).status, 200);
		// The unconflicted chair's audit still has it.
		const a = await u.chairok.c.get(`/chair/calls/${st.call}/audit`);
		assert.match(a.text, /submission\.decide/);
	});

	it('12.3: unpublish through the library, then not selected: out of ' +
	    'the library and the mail agrees', async () => {
		const s = srv();
		const c = u.chairok.c;
		const anon = s.client();
		let r = await mpost(c, `/cases/${st.slug}/unpublish`,
		    { reason: 'Withdrawn at the request of the ministry.' });
		T.see303(r, s);
		assert.equal((await anon.get(st.url)).status, 410);
		r = await c.get(`/chair/cases/${st.s}`);
		assert.match(r.text, /<strong>Decided<\/strong>/,
		    'the workflow moved with the library');
		const since = s.mailCount();
		r = await mpost(c, `/chair/cases/${st.s}/decide`, {
		    decision: 'not-selected', reason: 'Changed our mind.' });
		T.see303(r, s);
		const m = await s.readMail({ to: u.subz.email, since });
		assert.match(m.body, /Changed our mind\./);
		assert.notEqual((await anon.get(st.url)).status, 200);
		assert.notEqual((await anon.get(`/api/cases/${st.slug}`))
		    .status, 200);
		r = await mpost(c, `/chair/cases/${st.s}/state`,
		    { to: 'published' });
		assert.equal(r.status, 409, 'not publishable now');
		assert.notEqual((await anon.get(st.url)).status, 200);
	});
});
