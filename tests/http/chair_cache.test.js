'use strict';
// chair_cache.test.js: the chair's case list kept in the page cache
// (issue 14, point 1; src/http/h_chair_cases.c, migration 0022). Each
// list is fetched twice before every write, so that the worker holds it:
// a chair then sees at once a case submitted, moved, assigned, reviewed,
// decided, and a conflict declared (each write moves the call's data
// version); two chairs never see each other's page (names, conflicts,
// CSRF tokens), nor does a reviewer get a chair's page. Both backends
// (ETHICA_TEST_DB=pg:...).

const assert = require('node:assert/strict');
const { it } = require('node:test');
const T = require('./lib/suite');
const { mpost, utc } = T;

const PW = 'correct horse battery';

function callFields() {
	const f = {
		default_lang: 'en', title_en: 'Cached call',
		description_en: 'About.', opens: utc(new Date(Date.now() - 86400e3)),
		closes: utc(new Date(Date.now() + 30 * 86400e3)),
		blind_mode: 'double', reviewers: '2',
		public: ['organisation', 'summary'],
	};
	for (let i = 0; i < 3; i++) {
		f[`c${i}_name`] = `Crit${i}`;
		f[`c${i}_desc`] = `About ${i}.`;
		for (let k = 1; k <= 5; k++)
			f[`c${i}_a${k}`] = `Level ${k}`;
	}
	return f;
}

// The row of case id on a list page: its cells after the title, or null.
function row(html, id) {
	const m = new RegExp(`<a href="/chair/cases/${id}">([^<]*)</a></th>` +
	    '<td>([^<]*)</td><td>[^<]*</td><td>[^<]*</td><td>(\\d+)</td>' +
	    '<td>([^<]*)</td>').exec(html);
	return m ? { title: m[1], state: m[2], assigned: Number(m[3]),
	    mean: m[4] } : null;
}

const csrfOf = (html) => (/name="csrf" value="([0-9a-f]+)"/.exec(html) ||
    [])[1];

T.serverSuite('chair list in the page cache', (srv) => {
	const u = {};
	const st = {};

	// The list as the chair sees it now, fetched three times: the first
	// shows a write's confirmation (never cached), the third answer is
	// the cached one, and must equal the second.
	async function list(n) {
		await u[n].c.get(st.page);
		const a = await u[n].c.get(st.page);
		assert.equal(a.status, 200, n);
		const b = await u[n].c.get(st.page);
		assert.equal(b.status, 200, n);
		assert.equal(b.text, a.text, `${n}: the cached page differs`);
		return b.text;
	}

	it('setup: two chairs, a reviewer, a submitter, a call', async () => {
		const s = srv();
		for (const [n, r] of [['chaira', 'chair'], ['chairb', 'chair'],
		    ['rev', 'reviewer'], ['sub', 'learner']])
			u[n] = await T.signIn(s, n, r, PW);
		const r = await mpost(u.chaira.c, '/chair/calls/new',
		    callFields());
		const loc = T.see303(r, s, /^\/chair\/calls\/\d+$/);
		st.call = Number(loc.match(/calls\/(\d+)/)[1]);
		st.page = `/chair/calls/${st.call}/cases`;
	});

	it('shows a new case, its move, assignment, review and decision ' +
	    'at once', async () => {
		const s = srv();
		assert.match(await list('chaira'), /No case submitted yet/);
		let r = await mpost(u.sub.c, `/calls/${st.call}/submit`, {
		    organisation: 'Org', sector: 'private-sector',
		    country: 'KE', category: 'tools-applications',
		    tag: ['fairness'], title: 'Cachecase otter', summary: 'S.',
		    ai_system: 'A model.', actions: 'Audits.', outcomes: 'Less.',
		    lessons: 'Early.', links: '', language: 'en',
		    collaborators: '', consent_publish: '1',
		    consent_contact: '1', action: 'submit' });
		const loc = T.see303(r, s, /^\/submissions\/\d+$/);
		st.s = Number(loc.match(/(\d+)$/)[1]);
		let w = row(await list('chaira'), st.s);
		assert.ok(w, 'the new case is not listed');
		assert.equal(w.title, 'Cachecase otter');
		assert.equal(w.state, 'Submitted');

		r = await mpost(u.chaira.c, `/chair/cases/${st.s}/state`,
		    { to: 'under_review' });
		T.see303(r, s);
		w = row(await list('chaira'), st.s);
		assert.equal(w.state, 'Under review');
		assert.equal(w.assigned, 0);

		r = await u.chaira.c.get(`/chair/cases/${st.s}`);
		const m = r.text.match(new RegExp(
		    `<option value="(\\d+)">${u.rev.local}`));
		assert.ok(m, 'no candidate reviewer');
		r = await mpost(u.chaira.c, `/chair/cases/${st.s}/assign`,
		    { user_id: m[1], op: 'add' });
		T.see303(r, s);
		w = row(await list('chaira'), st.s);
		assert.equal(w.assigned, 1);
		assert.equal(w.mean, '–');

		r = await mpost(u.rev.c, `/review/cases/${st.s}`, {
		    to_submitter: 'Fine.', action: 'submit', score_0: 4,
		    score_1: 4, score_2: 5 });
		T.see303(r, s, `/review/cases/${st.s}`);
		w = row(await list('chaira'), st.s);
		assert.equal(w.mean, '4.3');

		r = await mpost(u.chaira.c, `/chair/cases/${st.s}/decide`, {
		    decision: 'excellent', reason: 'Exemplary.' });
		T.see303(r, s);
		w = row(await list('chaira'), st.s);
		assert.match(w.state, / · /, 'the decision is not shown');
	});

	it('keeps each chair\'s page to that chair, conflicts included',
	    async () => {
		const s = srv();
		const a = await list('chaira');
		let b = await list('chairb');
		assert.ok(row(b, st.s), 'chair B does not see the case');
		assert.ok(a.includes(u.chaira.local));
		assert.ok(!a.includes(u.chairb.local), 'A reads B\'s name');
		assert.ok(b.includes(u.chairb.local));
		assert.ok(!b.includes(u.chaira.local), 'B reads A\'s name');
		// Each page carries its own viewer's CSRF token.
		const ta = (await u.chaira.c.getForm('/calls')).csrf;
		const tb = (await u.chairb.c.getForm('/calls')).csrf;
		assert.notEqual(ta, tb);
		assert.equal(csrfOf(a), ta);
		assert.equal(csrfOf(b), tb);
		// B declares a conflict: the case leaves B's list at once,
		// and stays on A's.
		const r = await mpost(u.chairb.c,
		    `/review/calls/${st.call}/conflicts`,
		    { submission_id: st.s, reason: 'colleague' });
		T.see303(r, s);
		b = await list('chairb');
		assert.equal(row(b, st.s), null, 'B still sees a conflicted case');
		assert.ok(row(await list('chaira'), st.s), 'A lost the case');
	});

	it('gives a reviewer no chair\'s page, and the submitter none',
	    async () => {
		await list('chaira');
		for (const n of ['rev', 'sub']) {
			const r = await u[n].c.get(st.page);
			assert.equal(r.status, 403, n);
			assert.ok(!r.text.includes('Cachecase otter'), n);
		}
		const r = await srv().client().get(st.page);
		assert.notEqual(r.status, 200);
		assert.ok(!r.text.includes('Cachecase otter'));
	});
});
