'use strict';
// push.test.js: sessions across two nodes on one database (issue 14,
// PostgreSQL: src/store/st_push.c, migration 0023). Each of node B's
// workers remembers a session's user once it has read it, and the
// database tells it when that must end: a sign-out on node A, "sign out
// everywhere" on A, a role changed by the operator, an account removed.
// Each is refused (or seen with its new role) on node B at its very next
// request. With ETHICA_TEST_DB=pg: the two nodes share one PostgreSQL
// database; else one SQLite file (no memory there: the same answers).

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'violet kettle ridge 42';

// Reads p as c often enough that each of B's two workers has the
// session (whichever worker a connection lands on); each answer must be
// status.
async function warm(c, p, status) {
	for (let i = 0; i < 6; i++) {
		const r = await c.get(p);
		assert.equal(r.status, status, p);
	}
}

describe('sessions across two nodes on one database', () => {
	let a, b;

	before(async () => {
		// B in strict push mode (the default, which startNodes says
		// since this test is about it): B's every request first
		// collects what the database has to tell (one round trip), so
		// "at once" holds however late this busy host schedules B's
		// PostgreSQL backend. With ETHICA_PUSH=fast a notification
		// may land a few milliseconds after the next request
		// (test_push.c covers that mode).
		[a, b] = await S.startNodes(2);
	});
	after(() => {
		if (a)
			a.kill();
		if (b)
			b.kill();
	});

	// A client of node B holding the session of ca, a client of A.
	function onB(ca) {
		const cb = b.client();
		cb.setCookie('sid', ca.cookie('sid'));
		return cb;
	}

	it('a sign-out on node A is refused on node B at once', async () => {
		const email = S.uniqueEmail('push');
		await a.addUser(email, 'learner', PASSWORD);
		const ca = a.client();
		await T.login(ca, a, email, PASSWORD);
		const cb = onB(ca);
		await warm(cb, '/account', 200);
		T.see303(await ca.submit('/account', {}, '/logout'), a);
		for (let i = 0; i < 4; i++)
			assert.equal(await T.signedIn(cb), false,
			    'node B still knows the session signed out on A');
	});

	it('"sign out everywhere" on node A ends the sessions on node B',
	    async () => {
		const email = S.uniqueEmail('pushall');
		await a.addUser(email, 'learner', PASSWORD);
		const c1 = a.client();
		const c2 = a.client();
		await T.login(c1, a, email, PASSWORD);
		await T.login(c2, a, email, PASSWORD);
		const cb = onB(c2);
		await warm(cb, '/account', 200);
		T.see303(await c1.submit('/account', {}, '/logout-all'), a);
		for (let i = 0; i < 4; i++)
			assert.equal(await T.signedIn(cb), false,
			    'node B kept a session ended everywhere on A');
	});

	// The admin's change on A follows B's last read by milliseconds:
	// well within the second a worker trusts what it read (st_push.c),
	// so only the notification can tell B.
	it('a role changed on node A applies on node B at once', async () => {
		const admin = S.uniqueEmail('pushadmin');
		const email = S.uniqueEmail('pushrole');
		await a.addUser(admin, 'admin', PASSWORD);
		await a.addUser(email, 'learner', PASSWORD);
		const ad = a.client();
		await T.login(ad, a, admin, PASSWORD);
		const list = await ad.get('/admin/users?q=' +
		    encodeURIComponent(email));
		assert.equal(list.status, 200);
		const form = S.forms(list.text).find((f) =>
		    f.method === 'post' && f.action === '/admin/users/role');
		assert.ok(form, 'no role form for the user');
		const ins = S.inputs(form.body);
		const ca = a.client();
		await T.login(ca, a, email, PASSWORD);
		const cb = onB(ca);
		await warm(cb, '/chair', 403);
		for (const [role, status] of [['chair', 200], ['learner', 403]]) {
			T.see303(await ad.post('/admin/users/role', {
			    csrf: ins.csrf, user_id: ins.user_id, role }), a);
			for (let i = 0; i < 4; i++)
				assert.equal((await cb.get('/chair')).status,
				    status, `node B missed the role ${role}`);
		}
	});

	it('both nodes stop cleanly', async () => {
		await a.stop();
		await b.stop();
	});
});
