'use strict';
// studio_version.test.js: a course's versions in the studio (issue 16
// point 6: the list, the diff, rollback). An owner creates a course and
// saves a few changes; the versions page lists them newest first with
// who and the note; the diff page shows the changed file and the line
// diff (escaped: a title with markup comes out as text); a reviewer on
// the team sees both but has no rollback form and is refused the POST
// (403); an author of another course gets 404; a POST without CSRF 403;
// rolling back makes a new version with the old text ("rolled back to
// N"), the newest is refused with an error in the page's language, and
// bad version numbers give 400 or 404.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';

async function signIn(srv, email, role) {
	await srv.addUser(email, role, PASSWORD);
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD);
	return c;
}

async function post(c, formPath, fields, postPath) {
	const page = await c.getForm(formPath);
	assert.ok(page.csrf, `csrf on ${formPath} (${page.status})`);
	return c.post(postPath || formPath, { csrf: page.csrf, ...fields });
}

const NEW = {
	title: 'Versioned course', slug: 'versioned',
	summary: 'A course that changes.',
	default_language: 'en', language: ['ar'], level: 'beginner',
	licence: 'CC-BY-4.0', principle: [], value: [], policy_area: [],
	track: 'foundations', module_title: 'Basics',
	lesson_title: 'First lesson',
};

T.serverSuite('studio versions', (srv) => {
	let owner, reviewer, other;
	const C = '/studio/courses/versioned';
	const reviewerEmail = S.uniqueEmail('reviewer');

	it('lists every save newest first, with who and the note',
	    async () => {
		owner = await signIn(srv(), S.uniqueEmail('owner'), 'author');
		let r = await post(owner, '/studio', NEW);
		assert.equal(r.status, 303, r.text.slice(0, 2000));
		for (const title of ['Second <b>title</b>', 'Third title']) {
			r = await post(owner, C, { op: 'lesson-rename',
			    lesson: 'first-lesson', title });
			assert.equal(r.status, 303, r.text.slice(0, 2000));
		}
		const v = await owner.get(`${C}/versions`);
		assert.equal(v.status, 200);
		const order = [...v.text.matchAll(/id="v-(\d+)"/g)]
		    .map((m) => Number(m[1]));
		assert.deepEqual(order, [3, 2, 1]);
		assert.match(v.text, /studio lesson-rename first-lesson/);
		assert.match(v.text, /studio create/);
		assert.match(v.text, /Roll back to version 2/);
		assert.doesNotMatch(v.text, /Roll back to version 3/);
		assert.match(v.text, /href="\/studio\/courses\/versioned\/diff\?from=2&amp;to=3"/);
		r = await post(owner, `${C}/team`, { op: 'add',
		    email: reviewerEmail, role: 'reviewer' });
		assert.equal(r.status, 400, 'no such account yet');
		reviewer = await signIn(srv(), reviewerEmail, 'learner');
		r = await post(owner, `${C}/team`, { op: 'add',
		    email: reviewerEmail, role: 'reviewer' });
		assert.equal(r.status, 303);
	});

	it('shows the diff of two versions, escaped, either way round',
	    async () => {
		const d = await reviewer.get(`${C}/diff?from=2&to=3`);
		assert.equal(d.status, 200);
		assert.match(d.text, /course\.yaml/);
		assert.match(d.text, /class="diff-del"/);
		assert.match(d.text, /class="diff-add"/);
		assert.match(d.text, /Second &lt;b&gt;title&lt;\/b&gt;/);
		assert.doesNotMatch(d.text, /Second <b>title/);
		assert.match(d.text, /Third title/);
		const back = await reviewer.get(`${C}/diff?from=3&to=1`);
		assert.equal(back.status, 200);
		assert.match(back.text, /First lesson/);
		const same = await reviewer.get(`${C}/diff?from=2&to=2`);
		assert.equal(same.status, 200);
		assert.match(same.text, /These two versions have the same files/);
		const ko = await reviewer.get(`${C}/diff?from=2&to=3&lang=ko`);
		assert.equal(ko.status, 200);
		await reviewer.get(`${C}/diff?from=2&to=3&lang=en`);
		assert.equal((await reviewer.get(`${C}/diff?from=2&to=99`))
		    .status, 404);
		assert.equal((await reviewer.get(`${C}/diff?from=2`)).status,
		    400);
		assert.equal((await reviewer.get(`${C}/diff?from=x&to=2`))
		    .status, 400);
	});

	it('keeps rollback from reviewers, strangers and forged posts',
	    async () => {
		const v = await reviewer.get(`${C}/versions`);
		assert.equal(v.status, 200);
		assert.doesNotMatch(v.text, /Roll back to version/);
		let r = await post(reviewer, `${C}/versions`, { op: 'rollback',
		    version: '2' });
		assert.equal(r.status, 403);
		other = await signIn(srv(), S.uniqueEmail('other'), 'author');
		assert.equal((await other.get(`${C}/versions`)).status, 404);
		assert.equal((await other.get(`${C}/diff?from=1&to=2`)).status,
		    404);
		r = await owner.post(`${C}/versions`, { op: 'rollback',
		    version: '2' });
		assert.equal(r.status, 403, 'no CSRF token');
		r = await post(owner, `${C}/versions`, { op: 'drop',
		    version: '2' });
		assert.equal(r.status, 400);
		r = await post(owner, `${C}/versions`, { op: 'rollback',
		    version: '99' });
		assert.equal(r.status, 404);
		r = await post(owner, `${C}/versions`, { op: 'rollback',
		    version: '3' });
		assert.equal(r.status, 400);
		assert.match(r.text, /already the newest version/);
		const ko = await owner.getForm(`${C}/versions?lang=ko`);
		r = await owner.post(`${C}/versions?lang=ko`, { csrf: ko.csrf,
		    op: 'rollback', version: '3' });
		assert.equal(r.status, 400);
		assert.doesNotMatch(r.text, /already the newest version/);
		await owner.get(`${C}/versions?lang=en`);
	});

	it('rolls back as a new version, history kept', async () => {
		let r = await post(owner, `${C}/versions`, { op: 'rollback',
		    version: '1' });
		assert.equal(r.status, 303, r.text.slice(0, 2000));
		assert.equal(r.location, `${C}/versions`);
		const v = await owner.get(`${C}/versions`);
		const order = [...v.text.matchAll(/id="v-(\d+)"/g)]
		    .map((m) => Number(m[1]));
		assert.deepEqual(order, [4, 3, 2, 1]);
		assert.match(v.text, /rolled back to 1/);
		const o = await owner.get(C);
		assert.match(o.text, /First lesson/);
		assert.match(o.text, /version 4/);
		const d = await owner.get(`${C}/diff?from=1&to=4`);
		assert.match(d.text, /These two versions have the same files/);
		r = await post(owner, `${C}/versions`, { op: 'rollback',
		    version: '1' });
		assert.equal(r.status, 400);
		assert.match(r.text, /already has the files of this one/);
	});
});
