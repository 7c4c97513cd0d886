'use strict';
// gate.test.js: the signed-in actions and forms that open with gate()
// (src/http/gate.c), the chair's among them, all answer the same way to
// the three things it refuses, in its order: another method (405, Allow:
// POST; POST-only actions), a POST without a good CSRF token (403), an
// anonymous POST with a good token (303 to /login, back here after).

const assert = require('node:assert/strict');
const { it } = require('node:test');
const T = require('./lib/suite');

const PATHS = [
	'/logout-all',
	'/account/password',
	'/admin/users/role',
	'/admin/mail/retry',
	'/cases/some-case/unpublish',
	'/certificates/AAAAAAAAAAAAAAAAAAAAAA/revoke',
	'/courses/some-course/quizzes/some-quiz/grants',
	'/courses/some-course/quizzes/some-quiz/attempts',
	'/submissions/1/withdraw',
	'/submissions/1/reopen',
	'/review/cases/1/discuss',
	'/chair/calls/1/decide',
	'/chair/calls/1/autoassign',
	'/chair/calls/1/detect',
	'/chair/cases/1/assign',
	'/chair/cases/1/conflict',
	'/chair/cases/1/state',
	'/chair/cases/1/decide',
];
// Pages that GET shows and POST sends, for signed-in users.
const FORMS = [
	'/account',
	'/review/calls/1/conflicts',
	'/review/cases/1',
	'/chair/calls/new',
	'/chair/calls/1',
	'/chair/calls/1/templates',
];

T.serverSuite('gate', (srv) => {
	it('GET is refused with 405 and Allow: POST', async () => {
		const c = srv().client();
		for (const p of PATHS) {
			const r = await c.get(p);
			assert.equal(r.status, 405, p);
			assert.equal(r.headers.get('allow'), 'POST', p);
		}
	});

	it('a POST without the CSRF token is refused with 403', async () => {
		const c = srv().client();
		await c.getForm('/login');
		for (const p of PATHS.concat(FORMS)) {
			const r = await c.post(p, {});
			assert.equal(r.status, 403, p);
		}
	});

	it('an anonymous POST with a good token goes to /login', async () => {
		const c = srv().client();
		const f = await c.getForm('/login');
		assert.ok(f.csrf);
		for (const p of PATHS.concat(FORMS)) {
			const r = await c.post(p, { csrf: f.csrf });
			const to = T.see303(r, srv(), /^\/login\?next=/);
			assert.ok(to.includes(p) ||
			    decodeURIComponent(to).includes(p), `${p}: ${to}`);
		}
	});
});
