'use strict';
// login_offload.test.js: argon2id runs off the worker's event loop
// (src/http/offload.c, src/lib/workq.c). With the bound of steps a worker
// holds set to 0 (ETHICA_HASH_SLOTS=0), every form that hashes answers the
// busy page: 503, Retry-After, in the visitor's language, the input kept
// but never a password, nothing written. With a small bound (2 per
// worker), a burst of 32 concurrent logins gets, for each login, either a
// session or the busy page, never anything else, and every session
// works. A client that leaves while its step waits costs nothing (the
// suite fails on a worker death or a sanitizer report). The open-data
// exports (whole tables) are built on the same threads: at bound 0 they
// answer the busy page, else they come whole with their headers set once.
// Correctness only:
// no timing is asserted here (bench/login.sh measures).

const assert = require('node:assert/strict');
const path = require('node:path');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const BUSY_KO = '지금 로그인하는 사람이 많아';
const BUSY_EN = 'Many people are signing in right now';

function isBusy(r, lang) {
	assert.equal(r.status, 503, `expected 503, got ${r.status}: ` +
	    S.text(r.text).slice(0, 300));
	assert.equal(r.headers.get('retry-after'), '5');
	T.isHtml(r);
	assert.ok(S.text(r.text).includes(lang === 'ko' ? BUSY_KO : BUSY_EN),
	    'no busy message in ' + lang);
	// No password ever comes back in the page.
	assert.ok(!r.text.includes(PASSWORD), 'the password came back');
	for (const [name, value] of Object.entries(S.inputs(r.text))) {
		if (/password/.test(name))
			assert.equal(value, '', `password input ${name} has a value`);
	}
}

T.serverSuite('hashing bound 0: the busy page', (srv) => {
	it('login answers the busy page with the e-mail kept (en and ko)',
	    async () => {
		const s = srv();
		const email = S.uniqueEmail('busy');
		await s.addUser(email, 'learner', PASSWORD);
		for (const lang of ['en', 'ko']) {
			const c = s.client();
			c.setCookie('lang', lang);
			const r = await c.submit('/login', { email,
			    password: PASSWORD });
			isBusy(r, lang);
			assert.equal(S.htmlLang(r.text).lang, lang);
			assert.ok(r.text.includes(`value="${email}"`),
			    'the e-mail was not kept');
			assert.equal(c.cookie('sid'), undefined,
			    'a session was started');
		}
	});

	it('register answers the busy page and queues nothing', async () => {
		const s = srv();
		const c = s.client();
		const email = S.uniqueEmail('busyreg');
		const r = await c.submit('/register', { email,
		    display_name: 'Busy Bee', password: PASSWORD });
		isBusy(r, 'en');
		assert.ok(r.text.includes('value="Busy Bee"'),
		    'the name was not kept');
		// Nothing was queued: the accounts timer (250 ms) mails nobody,
		// and the address can register once the server has room.
		const again = await c.submit('/register', { email,
		    display_name: 'Busy Bee', password: 'x' });
		assert.equal(again.status, 400, 'the password check runs first');
		assert.equal(S.mailsTo(s.dataDir, email).length, 0);
	});

	it('the open-data exports answer the busy page', async () => {
		const c = srv().client();
		for (const p of ['/cases.json', '/cases.csv']) {
			const r = await c.get(p);
			assert.equal(r.status, 503, p);
			assert.equal(r.headers.get('retry-after'), '5');
			assert.ok(S.text(r.text).includes('Many requests are ' +
			    'waiting right now'), p);
		}
	});

	it('invalid input is still 400 at once, not the busy page',
	    async () => {
		const c = srv().client();
		const r = await c.submit('/login', { email: '', password: '' });
		assert.equal(r.status, 400);
	});
}, { env: { ETHICA_HASH_SLOTS: '0' } });

T.serverSuite('logins of one account at once', (srv) => {
	// A seeded account's hash was made with older limits, so its first
	// login makes it again. Logins that checked the old hash meanwhile
	// find it moved and check the new one once more: every one of them
	// signs in (none is told the password is wrong).
	it('4 logins at once of an account whose hash is made again',
	    async () => {
		const s = srv();
		let r = await s.ethica(['course', 'import',
		    path.join(__dirname, '..', '..', 'content', 'courses',
		    'demo-intro')]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		r = await s.ethica(['dev', 'seed', '--learners', '1']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		const email = 'learner-000001@seed.ethica.example';
		const clients = [];
		for (let i = 0; i < 4; i++) {
			const c = s.client();
			const f = await c.getForm('/login');
			clients.push({ c, csrf: f.csrf });
		}
		const res = await Promise.all(clients.map((x) =>
		    x.c.post('/login', { csrf: x.csrf, email,
		    password: 'ethica-demo-2026' })));
		for (let i = 0; i < res.length; i++) {
			assert.equal(res[i].status, 303, `login ${i}: ` +
			    S.text(res[i].text).slice(0, 300));
			const me = await clients[i].c.get('/me');
			assert.equal(me.status, 200, 'session works');
		}
	});
});

T.serverSuite('hashing bound 2: a burst of logins', (srv) => {
	it('32 concurrent logins: each a session or the busy page',
	    async () => {
		const s = srv();
		const users = [];
		for (let i = 0; i < 8; i++) {
			const email = S.uniqueEmail('burst' + i);
			await s.addUser(email, 'learner', PASSWORD);
			users.push(email);
		}
		const clients = [];
		for (let i = 0; i < 32; i++) {
			const c = s.client();
			const f = await c.getForm('/login');
			clients.push({ c, csrf: f.csrf, email: users[i % 8] });
		}
		const res = await Promise.all(clients.map((x) =>
		    x.c.post('/login', { csrf: x.csrf, email: x.email,
		    password: PASSWORD })));
		let ok = 0, busy = 0;
		for (let i = 0; i < res.length; i++) {
			const r = res[i];
			if (r.status === 303) {
				T.see303(r, s, '/me');
				const me = await clients[i].c.get('/me');
				assert.equal(me.status, 200, 'session works');
				ok++;
			} else {
				isBusy(r, 'en');
				busy++;
			}
		}
		assert.equal(ok + busy, 32);
		assert.ok(ok >= 1, 'no login succeeded');
	});

	it('exports come whole, each header once, also in a burst',
	    async () => {
		const s = srv();
		const res = await Promise.all([...Array(6).keys()].map((i) =>
		    s.client().get(i % 2 ? '/cases.csv' : '/cases.json')));
		let whole = 0;
		for (let i = 0; i < res.length; i++) {
			const r = res[i];
			if (r.status === 503)
				continue;
			assert.equal(r.status, 200);
			// A header set in the parked first call and again in
			// the second would come twice ("*, *").
			assert.equal(r.headers.get('access-control-allow-origin'),
			    '*');
			assert.match(r.headers.get('etag') || '', /^"[^,]*"$/);
			assert.equal((r.headers.getSetCookie() || []).filter((c) =>
			    c.startsWith('csrf=')).length <= 1, true);
			if (i % 2)
				assert.match(r.text, /^\uFEFF?slug,/);
			else
				assert.equal(typeof JSON.parse(r.text), 'object');
			whole++;
		}
		assert.ok(whole >= 1, 'no export came');
		// Unchanged data: the ETag still gives 304, at once.
		const c = s.client();
		const r1 = await c.get('/cases.json');
		if (r1.status === 200) {
			const r2 = await c.get('/cases.json', { headers:
			    { 'if-none-match': r1.headers.get('etag') } });
			assert.equal(r2.status, 304);
		}
	});

	it('wrong passwords in a burst are refused, never signed in',
	    async () => {
		const s = srv();
		const email = S.uniqueEmail('wrong');
		await s.addUser(email, 'learner', PASSWORD);
		const cs = [];
		for (let i = 0; i < 6; i++) {
			const c = s.client();
			const f = await c.getForm('/login');
			cs.push({ c, csrf: f.csrf });
		}
		const res = await Promise.all(cs.map((x) => x.c.post('/login',
		    { csrf: x.csrf, email, password: 'not the password' })));
		for (const r of res) {
			assert.ok(r.status === 400 || r.status === 503,
			    `status ${r.status}`);
			if (r.status === 400)
				T.fieldError(r.text, 'password');
		}
		for (const x of cs)
			assert.equal(x.c.cookie('sid'), undefined);
	});

	it('a client that leaves while its login waits breaks nothing',
	    async () => {
		const s = srv();
		const email = S.uniqueEmail('gone');
		await s.addUser(email, 'learner', PASSWORD);
		const aborts = [];
		for (let i = 0; i < 6; i++) {
			const c = s.client();
			const f = await c.getForm('/login');
			const ac = new AbortController();
			const body = new URLSearchParams({ csrf: f.csrf, email,
			    password: PASSWORD }).toString();
			const p = fetch(s.url('/login'), { method: 'POST', body,
			    headers: { 'content-type':
			    'application/x-www-form-urlencoded',
			    cookie: `csrf=${c.cookie('csrf')}` },
			    redirect: 'manual', signal: ac.signal })
			    .catch(() => null);
			ac.abort();
			aborts.push(p);
		}
		await Promise.all(aborts);
		// The workers still serve, and still sign people in.
		const c = s.client();
		let r;
		for (let i = 0; i < 20; i++) {
			r = await c.submit('/login', { email,
			    password: PASSWORD });
			if (r.status !== 503)
				break;
		}
		T.see303(r, s, '/me');
	});
}, { env: { ETHICA_HASH_SLOTS: '2' } });
