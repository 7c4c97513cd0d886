'use strict';
// gate.test.js: the signed-in actions that open with gate_post_user()
// (src/http/gate.c) all answer the same way to the three things it
// refuses, in its order: another method (405, Allow: POST), a POST without
// a good CSRF token (403), an anonymous POST with a good token (303 to
// /login, back here after).

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
		for (const p of PATHS) {
			const r = await c.post(p, {});
			assert.equal(r.status, 403, p);
		}
	});

	it('an anonymous POST with a good token goes to /login', async () => {
		const c = srv().client();
		const f = await c.getForm('/login');
		assert.ok(f.csrf);
		for (const p of PATHS) {
			const r = await c.post(p, { csrf: f.csrf });
			const to = T.see303(r, srv(), /^\/login\?next=/);
			assert.ok(to.includes(p) ||
			    decodeURIComponent(to).includes(p), `${p}: ${to}`);
		}
	});
});
