'use strict';
// account_tokens.test.js: issue 12, the accounts points, through HTTP on a
// real server: one-time links die when they should (12.5), no token
// reaches the access log (12.6), /password/forgot and /register answer
// known and unknown addresses alike (12.8), and X-Forwarded-For without
// --trust-proxy is reported (12.12).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';

// cliUser(srv, tag): a verified learner made with `ethica user add`.
async function cliUser(srv, tag) {
	const email = S.uniqueEmail(tag);
	await srv.addUser(email, 'learner', PASSWORD);
	return { email, password: PASSWORD };
}

// resetToken(srv, client, email): asks for a reset link and returns its
// token, from the newest mail to email carrying one.
async function resetToken(srv, c, email) {
	const since = srv.mailCount();
	T.see303(await c.submit('/password/forgot', { email }), srv,
	    '/password/forgot/sent');
	const m = await srv.readMail({ to: email, since,
	    link: '/password/reset?token=' });
	const link = m.links.find((l) => l.includes('/password/reset?token='));
	return new URL(link).searchParams.get('token');
}

// resetWith(client, token, password): POSTs the reset form of token.
async function resetWith(c, token, password) {
	const f = await c.getForm('/password/forgot');
	return c.post('/password/reset', { csrf: f.csrf, token, password });
}

// accessLines(srv, marker, n): the access log lines whose user agent is
// marker, once there are at least n (workers write their lines about once
// a second, so this polls a bounded number of times).
async function accessLines(srv, marker, n) {
	const file = path.join(srv.dataDir, 'log', 'access.log');
	let lines = [];
	for (let i = 0; i < 200; i++) {
		const text = fs.existsSync(file) ?
		    fs.readFileSync(file, 'utf8') : '';
		lines = text.split('\n').filter((l) => l.includes(marker));
		if (lines.length >= n)
			return lines;
		await S.sleep(50);
	}
	assert.fail(`only ${lines.length} of ${n} lines with ${marker} in ` +
	    file);
}

T.serverSuite('account tokens', (srv) => {
	it('12.5 using one reset link spends the others', async () => {
		const s = srv();
		const u = await cliUser(s, 'tok2');
		const c = s.client();
		const t1 = await resetToken(s, c, u.email);
		const t2 = await resetToken(s, c, u.email);
		assert.notEqual(t1, t2);
		const ok = await resetWith(c, t1, 'the first new passphrase');
		T.see303(ok, s, '/login');
		const page = await c.get('/password/reset?token=' +
		    encodeURIComponent(t2));
		assert.equal(page.status, 410, 'second link still opens');
		const again = await resetWith(c, t2, 'an attacker passphrase');
		assert.equal(again.status, 410, 'second link still resets');
		await T.login(s.client(), s, u.email, 'the first new passphrase');
	});

	it('12.5 a reset signs every session out and signs nobody in',
	    async () => {
		const s = srv();
		const u = await cliUser(s, 'tokr');
		const a = s.client();
		await T.login(a, s, u.email, u.password);
		const c = s.client();
		const t = await resetToken(s, c, u.email);
		const r = await resetWith(c, t, 'a reset passphrase here');
		T.see303(r, s, '/login');
		assert.equal(await T.signedIn(a), false, 'old session lives');
		assert.equal(await T.signedIn(c), false,
		    'the reset signed its visitor in');
	});

	it('12.5 a password change spends reset links and other sessions',
	    async () => {
		const s = srv();
		const u = await cliUser(s, 'tokc');
		const a = s.client();
		const b = s.client();
		await T.login(a, s, u.email, u.password);
		await T.login(b, s, u.email, u.password);
		const t = await resetToken(s, s.client(), u.email);
		const ch = await a.submit('/account', {
		    current_password: u.password,
		    new_password: 'a changed passphrase' },
		    '/account/password');
		T.see303(ch, s);
		assert.equal(await T.signedIn(a), true,
		    'the session that changed it was signed out');
		assert.equal(await T.signedIn(b), false,
		    'another session survived the password change');
		const page = await s.client().get('/password/reset?token=' +
		    encodeURIComponent(t));
		assert.equal(page.status, 410, 'reset link survived');
		const r = await resetWith(s.client(), t, 'an attacker passphrase');
		assert.equal(r.status, 410, 'reset link still resets');
		await T.login(s.client(), s, u.email, 'a changed passphrase');
	});

	it('12.6 token pages send no Referer; the access log keeps no query',
	    async () => {
		const s = srv();
		const marker = 'alog-probe-' + process.pid;
		const c = s.client({ headers: { 'user-agent': marker } });
		const email = S.uniqueEmail('alog');
		const since = s.mailCount();
		T.see303(await c.submit('/register', { email,
		    display_name: 'Al Og', password: PASSWORD }), s,
		    '/register/sent');
		const m = await s.readMail({ to: email, since,
		    link: '/verify?token=' });
		const verify = S.pathOf(m.links.find((l) =>
		    l.includes('/verify?token=')));
		const reset = '/password/reset?token=' +
		    encodeURIComponent(await resetToken(s, c, email));
		const secrets = [verify, reset].map((p) =>
		    new URL('http://x' + p).searchParams.get('token'));
		let n = 0;
		for (const p of [reset, verify]) {
			const page = await c.get(p);
			n++;
			assert.equal(page.status, 200, p);
			assert.equal(page.headers.get('referrer-policy'),
			    'no-referrer', `${p} lets the token out as a Referer`);
			const assets = [...S.tags(page.text, 'link'),
			    ...S.tags(page.text, 'script')]
			    .map((t) => S.attr(t, 'href') || S.attr(t, 'src'))
			    .filter((u) => u && u.startsWith('/'));
			assets.push('/favicon.ico');
			assert.ok(assets.length >= 3, `assets of ${p}: ${assets}`);
			// What a browser that ignored the policy would send.
			for (const a of assets) {
				const r = await c.get(a, { headers: {
				    referer: s.base + p } });
				assert.ok(r.status < 400, `${a}: ${r.status}`);
				n++;
			}
		}
		// A query string of our own, and a search's.
		await c.get('/cases?q=' + secrets[0], { headers: {
		    referer: s.base + '/cases?q=' + secrets[1] } });
		n++;
		const lines = await accessLines(s, marker, n);
		for (const l of lines) {
			for (const t of secrets)
				assert.ok(!l.includes(t), `token in the log: ${l}`);
			assert.ok(!l.includes('?'), `query in the log: ${l}`);
		}
		// The ordinary pages keep their same-origin policy.
		const home = await c.get('/');
		assert.equal(home.headers.get('referrer-policy'), 'same-origin');
	});

	it('12.8 /password/forgot and /register answer known and unknown ' +
	    'addresses byte for byte alike', async () => {
		const s = srv();
		const u = await cliUser(s, 'same');
		const c = s.client();
		const f = await c.getForm('/password/forgot');
		// Headers that differ per request by nature.
		const skip = new Set(['date', 'set-cookie']);
		const shape = (r) => ({
			status: r.status,
			headers: [...r.headers].filter(([k]) => !skip.has(k)),
			body: r.text,
		});
		const post = (p, fields) => c.post(p, { csrf: f.csrf, ...fields });
		const known = shape(await post('/password/forgot',
		    { email: u.email }));
		const unknown = shape(await post('/password/forgot',
		    { email: S.uniqueEmail('nobody') }));
		assert.equal(known.status, 303);
		assert.deepEqual(unknown, known);
		const rk = shape(await post('/register', { email: u.email,
		    display_name: 'Someone', password: 'a long enough secret' }));
		const ru = shape(await post('/register', {
		    email: S.uniqueEmail('fresh'), display_name: 'Someone',
		    password: 'a long enough secret' }));
		assert.equal(rk.status, 303);
		assert.deepEqual(ru, rk);
		// The work is done all the same: the owner hears of both.
		const m = await s.readMail({ to: u.email,
		    link: '/password/reset?token=' });
		assert.ok(m);
		await s.readMail({ to: u.email, link: '/password/forgot' });
	});

	it('12.12 X-Forwarded-For without --trust-proxy: /healthz and the ' +
	    'log say so', async () => {
		const s = srv();
		const before = await s.client().get('/healthz');
		assert.equal(before.status, 200);
		assert.equal(before.text, 'ok\n');
		const r = await s.client({ headers: {
		    'x-forwarded-for': '203.0.113.7' } }).get('/');
		assert.equal(r.status, 200);
		// Every worker reads the flag: ask more often than there are.
		for (let i = 0; i < 4; i++) {
			const h = await s.client().get('/healthz');
			assert.equal(h.status, 200);
			assert.match(h.text, /^ok\n/);
			assert.match(h.text, /X-Forwarded-For.*--trust-proxy/,
			    `no warning in /healthz: ${h.text}`);
		}
		for (let i = 0; i < 100 &&
		    !/X-Forwarded-For arrived/.test(s.output); i++)
			await S.sleep(50);
		assert.match(s.output, /X-Forwarded-For arrived.*--trust-proxy/);
	});
});

T.serverSuite('account tokens, --trust-proxy', (srv) => {
	it('12.12 with --trust-proxy, X-Forwarded-For is no warning',
	    async () => {
		const s = srv();
		const r = await s.client({ headers: {
		    'x-forwarded-for': '203.0.113.8' } }).get('/');
		assert.equal(r.status, 200);
		for (let i = 0; i < 4; i++) {
			const h = await s.client().get('/healthz');
			assert.equal(h.text, 'ok\n');
		}
		assert.doesNotMatch(s.output, /warning/i);
	});
}, { args: ['--trust-proxy', '--public-url', 'https://ethica.example'] });

T.serverSuite('account tokens, a proxy URL', (srv) => {
	it('12.12 serve warns at start when the public URL is not the ' +
	    'listen address and --trust-proxy is off', async () => {
		assert.match(srv().output,
		    /warning: the public URL https:\/\/ethica.example .*--trust-proxy/);
	});
}, { args: ['--public-url', 'https://ethica.example'] });
