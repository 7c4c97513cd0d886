'use strict';
// accounts.test.js: registration, e-mail verification, sign-in and out,
// password reset and change, profile, language choice, bad input of every
// kind, the login rate limit, and the admin user list, role change and
// audit log, all through HTTP on a real server.
//
// Contract: every POST form has a hidden csrf input; success is a 303;
// invalid input re-renders the form with 400, keeps the input except
// passwords, and shows an element with class "field-error" beside the
// field; a bad or missing CSRF token is a 403 page.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const cookies = [];

// register(srv, client, fields): POST /register and return the response.
async function register(srv, c, fields) {
	const r = await c.submit('/register', fields);
	cookies.push(...r.setCookies);
	return r;
}

// verifiedUser(srv, tag): a learner registered and verified through the
// web flow. Returns {email, name, password}.
async function verifiedUser(srv, tag, name) {
	const email = S.uniqueEmail(tag);
	const c = srv.client();
	const since = srv.mailCount();
	const r = await register(srv, c, { email, display_name: name || tag,
	    password: PASSWORD });
	T.see303(r, srv, '/register/sent');
	const m = await srv.readMail({ to: email, link: '/verify?token=',
	    since });
	const link = m.links.find((l) => l.includes('/verify?token='));
	const v = await c.get(S.pathOf(link));
	assert.equal(v.status, 200, 'verification link');
	return { email, name: name || tag, password: PASSWORD };
}

// cliUser(srv, role): a verified account made with `ethica user add`.
async function cliUser(srv, role, tag) {
	const email = S.uniqueEmail(tag || role);
	await srv.addUser(email, role, PASSWORD);
	return { email, password: PASSWORD };
}

T.serverSuite('accounts', (srv) => {
	it('every POST form on the public account pages has a hidden csrf',
	    async () => {
		const c = srv().client();
		let n = 0;
		for (const p of ['/register', '/login', '/password/forgot']) {
			const r = await c.get(p);
			cookies.push(...r.setCookies);
			assert.equal(r.status, 200, p);
			T.isHtml(r);
			n += T.csrfOnEveryPostForm(r.text, p);
		}
		assert.ok(n >= 3, `only ${n} POST forms on the three pages`);
	});

	it('register → mail → verify → login → account → logout', async () => {
		const s = srv();
		const c = s.client();
		const email = S.uniqueEmail('flow');
		const since = s.mailCount();
		const r = await register(s, c, { email,
		    display_name: 'Ada Lovelace', password: PASSWORD });
		T.see303(r, s, '/register/sent');
		const sent = await c.get('/register/sent');
		assert.equal(sent.status, 200);

		const m = await s.readMail({ to: email, since });
		assert.ok(m.subject.length > 0, 'mail without subject');
		const link = m.links.find((l) => l.includes('/verify?token='));
		assert.ok(link, `no /verify?token= link in:\n${m.body}`);
		assert.ok(link.startsWith(s.base), `link not to ${s.base}: ${link}`);
		const v = await c.get(S.pathOf(link));
		assert.equal(v.status, 200);
		assert.match(S.text(v.text), /verified|confirmed/i);

		const l = await c.submit('/login', { email, password: PASSWORD,
		    next: '/account' });
		cookies.push(...l.setCookies);
		T.see303(l, s, '/account');
		assert.ok(c.cookie('sid'), 'no sid cookie');
		const a = await c.get('/account');
		assert.equal(a.status, 200);
		assert.match(S.text(a.text), /Ada Lovelace/);
		T.csrfOnEveryPostForm(a.text, '/account');

		const sid = c.cookie('sid');
		const out = await c.submit('/account', {}, '/logout');
		cookies.push(...out.setCookies);
		T.see303(out, s);
		assert.equal(c.cookie('sid'), undefined, 'sid cookie kept');
		assert.equal(await T.signedIn(c), false, 'still signed in');
		// The old token is dead on the server too.
		const old = s.client();
		old.setCookie('sid', sid);
		assert.equal(await T.signedIn(old), false,
		    'old session token still works after logout');
	});

	it('a verification link works once; a bad token is 400', async () => {
		const s = srv();
		const c = s.client();
		const email = S.uniqueEmail('once');
		const since = s.mailCount();
		T.see303(await register(s, c, { email, display_name: 'Once',
		    password: PASSWORD }), s, '/register/sent');
		const m = await s.readMail({ to: email, since });
		const link = S.pathOf(m.links.find((l) =>
		    l.includes('/verify?token=')));
		assert.equal((await c.get(link)).status, 200);
		const again = await c.get(link);
		assert.notEqual(again.status, 500);
		// Unknown, used or expired: 400 or 410 Gone, an HTML page.
		const bad = await c.get('/verify?token=' + 'A'.repeat(43));
		assert.ok([400, 410].includes(bad.status), `got ${bad.status}`);
		T.isHtml(bad);
		const none = await c.get('/verify');
		assert.ok([400, 410].includes(none.status), `got ${none.status}`);
	});

	it('next= on login only goes to same-site paths', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'next');
		for (const next of ['https://evil.example/', '//evil.example/x',
		    '/\\evil.example', 'javascript:alert(1)']) {
			const c = s.client();
			const r = await c.submit('/login', { email: u.email,
			    password: u.password, next });
			cookies.push(...r.setCookies);
			const to = T.see303(r, s);
			assert.ok(to.startsWith('/') && !to.startsWith('//') &&
			    !to.startsWith('/\\') && !/evil/.test(to),
			    `next=${next} redirected to ${to}`);
		}
	});

	it('logout-all ends every session of the user', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'all');
		const a = s.client();
		const b = s.client();
		await T.login(a, s, u.email, u.password);
		await T.login(b, s, u.email, u.password);
		assert.equal(await T.signedIn(b), true);
		T.see303(await a.submit('/account', {}, '/logout-all'), s);
		assert.equal(await T.signedIn(a), false);
		assert.equal(await T.signedIn(b), false,
		    'other session survived logout-all');
	});

	it('logout and logout-all need a valid CSRF token', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'lcsrf');
		const c = s.client();
		await T.login(c, s, u.email, u.password);
		for (const p of ['/logout', '/logout-all']) {
			const r = await c.post(p, { csrf: 'f'.repeat(64) });
			assert.equal(r.status, 403, p);
			const r2 = await c.post(p, {});
			assert.equal(r2.status, 403, p);
		}
		assert.equal(await T.signedIn(c), true);
	});

	it('forgot password: same answer for known and unknown addresses',
	    async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'forgot');
		const c = s.client();
		const known = await c.submit('/password/forgot',
		    { email: u.email });
		const unknown = await c.submit('/password/forgot',
		    { email: S.uniqueEmail('ghost') });
		T.see303(known, s, '/password/forgot/sent');
		T.see303(unknown, s, '/password/forgot/sent');
		const p1 = await c.get('/password/forgot/sent');
		assert.equal(p1.status, 200);
		T.isHtml(p1);
	});

	it('password reset: mail link, new password, token single-use',
	    async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'reset');
		const c = s.client();
		const since = s.mailCount();
		T.see303(await c.submit('/password/forgot', { email: u.email }),
		    s, '/password/forgot/sent');
		const m = await s.readMail({ to: u.email, since,
		    link: '/password/reset?token=' });
		const link = S.pathOf(m.links.find((l) =>
		    l.includes('/password/reset?token=')));
		const token = new URL('http://x' + link).searchParams.get('token');
		const form = await c.getForm(link);
		assert.equal(form.status, 200);
		T.csrfOnEveryPostForm(form.html, link);
		assert.equal(S.inputs(form.html).token, token,
		    'reset form does not carry the token');
		const np = 'a brand new passphrase';
		const r = await c.post('/password/reset', { csrf: form.csrf,
		    token, password: np });
		T.see303(r, s, '/login');

		const n = s.client();
		await T.login(n, s, u.email, np);
		const old = await s.client().submit('/login',
		    { email: u.email, password: u.password });
		assert.equal(old.status, 400, 'old password still works');

		const f2 = await c.getForm('/password/forgot');
		const again = await c.post('/password/reset', { csrf: f2.csrf,
		    token, password: 'yet another passphrase' });
		assert.equal(again.status, 410, 'reset token reused');
		T.isHtml(again);
		assert.match(S.text(again.text), /expired|already used|invalid/i,
		    'no message saying the link is spent');
		// Not a dead end: the way on is a new link.
		assert.match(again.text,
		    /<a class="button" href="\/password\/forgot">Send me a new link<\/a>/);
		const opened = await c.get(`/password/reset?token=${token}`);
		assert.equal(opened.status, 410);
		assert.match(opened.text, /href="\/password\/forgot">Send me a new link/);
	});

	it('account: change display name, language, country', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'profile');
		const c = s.client();
		await T.login(c, s, u.email, u.password);
		const r = await c.submit('/account', { display_name: 'Hypatia',
		    language: 'ko', country: 'KR' });
		T.see303(r, s);
		const a = await c.get('/account');
		assert.equal(a.status, 200);
		assert.match(S.text(a.text), /Hypatia/);
		assert.equal(S.htmlLang(a.text).lang, 'ko',
		    'profile language ko does not show the page in Korean');
		assert.match(S.text(a.text), T.HANGUL);
		const back = await c.submit('/account', { display_name: 'Hypatia',
		    language: 'en', country: 'EG' });
		T.see303(back, s);
		const a2 = await c.get('/account');
		assert.equal(S.htmlLang(a2.text).lang, 'en');
	});

	it('account: bad display name is 400 with the field kept', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'badprof');
		const c = s.client();
		await T.login(c, s, u.email, u.password);
		const r = await c.submit('/account', { display_name: '',
		    language: 'en', country: 'FR' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'display_name');
		const big = await c.submit('/account', {
		    display_name: 'x'.repeat(100 * 1024), language: 'en',
		    country: 'FR' });
		assert.equal(big.status, 400);
	});

	it('account password: wrong current is 400, right one changes it',
	    async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'chpw');
		const c = s.client();
		await T.login(c, s, u.email, u.password);
		const bad = await c.submit('/account', {
		    current_password: 'not my password at all',
		    new_password: 'another long passphrase' },
		    '/account/password');
		assert.equal(bad.status, 400);
		T.fieldError(bad.text, 'current_password');
		assert.doesNotMatch(bad.text, /another long passphrase/,
		    'password echoed back');
		const short = await c.submit('/account', {
		    current_password: u.password, new_password: 'short' },
		    '/account/password');
		assert.equal(short.status, 400);
		T.fieldError(short.text, 'new_password');
		const ok = await c.submit('/account', {
		    current_password: u.password,
		    new_password: 'another long passphrase' },
		    '/account/password');
		T.see303(ok, s);
		await T.login(s.client(), s, u.email, 'another long passphrase');
	});

	it('signed-out visitors are sent away from /account', async () => {
		const c = srv().client();
		const r = await c.get('/account');
		assert.ok([302, 303].includes(r.status), `got ${r.status}`);
		assert.match(T.where(r, srv().base), /^\/login\b/);
		const p = await c.post('/account', { display_name: 'x' });
		assert.notEqual(p.status, 200);
		assert.notEqual(p.status, 500);
	});

	it('POST /language sets the lang cookie and goes to next', async () => {
		const s = srv();
		const c = s.client();
		const f = await c.getForm('/login');
		T.csrfOnEveryPostForm(f.html, '/login');
		const r = await c.post('/language', { csrf: f.csrf, lang: 'ko',
		    next: '/login' });
		cookies.push(...r.setCookies);
		T.see303(r, s, '/login');
		assert.equal(c.cookie('lang'), 'ko');
		const sc = r.setCookies.find((x) => x.startsWith('lang='));
		assert.ok(sc, 'no lang Set-Cookie');
		const p = await c.get('/login');
		assert.equal(S.htmlLang(p.text).lang, 'ko');
		for (const next of ['https://evil.example/', '//evil.example',
		    '/\\evil.example']) {
			const f2 = await c.getForm('/login');
			const x = await c.post('/language', { csrf: f2.csrf,
			    lang: 'en', next });
			const to = T.see303(x, s);
			assert.ok(to.startsWith('/') && !to.startsWith('//') &&
			    !/evil/.test(to), `next=${next} went to ${to}`);
		}
		const f3 = await c.getForm('/login');
		const bad = await c.post('/language', { csrf: 'a'.repeat(64),
		    lang: 'ko', next: '/' });
		assert.equal(bad.status, 403);
		assert.ok(f3.csrf);
	});

	it('a Korean lang cookie shows /login in Korean', async () => {
		const c = srv().client();
		c.setCookie('lang', 'ko');
		const r = await c.get('/login');
		assert.equal(r.status, 200);
		assert.equal(S.htmlLang(r.text).lang, 'ko');
		assert.match(S.text(r.text), T.HANGUL);
	});

	it('register: missing fields are 400 with field errors', async () => {
		const c = srv().client();
		const r = await c.submit('/register', {});
		assert.equal(r.status, 400);
		T.isHtml(r);
		T.fieldError(r.text, 'email');
		T.csrfOnEveryPostForm(r.text, 'POST /register');
		const r2 = await c.submit('/register', { email: 'a@b.org',
		    password: PASSWORD });
		assert.equal(r2.status, 400);
		T.fieldError(r2.text, 'display_name');
	});

	it('register: bad e-mail is 400', async () => {
		const c = srv().client();
		const r = await c.submit('/register', { email: 'not-an-email',
		    display_name: 'X', password: PASSWORD });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'email');
	});

	it('register: 100 KB fields are 400, not 500', async () => {
		const c = srv().client();
		const big = 'x'.repeat(100 * 1024);
		for (const f of ['email', 'display_name', 'password']) {
			const fields = { email: S.uniqueEmail('big'),
			    display_name: 'Big', password: PASSWORD };
			fields[f] = f === 'email' ? big + '@example.org' : big;
			const r = await c.submit('/register', fields);
			assert.equal(r.status, 400, f);
			T.isHtml(r);
		}
	});

	it('register: wrong or missing CSRF is a 403 page', async () => {
		const s = srv();
		const c = s.client();
		await c.get('/register');
		const fields = { email: S.uniqueEmail('csrf'),
		    display_name: 'C', password: PASSWORD };
		const since = s.mailCount();
		for (const csrf of ['0'.repeat(64), undefined, 'zz']) {
			const r = await c.post('/register', { csrf, ...fields });
			assert.equal(r.status, 403, `csrf=${csrf}`);
			T.isHtml(r);
		}
		// A token from another visitor's session is wrong too.
		const other = await s.client().getForm('/register');
		const r = await c.post('/register', { csrf: other.csrf,
		    ...fields });
		assert.equal(r.status, 403, 'csrf of another session accepted');
		assert.equal(s.mailCount(), since, 'mail sent despite 403');
	});

	it('register: short password is 400, input kept, password not',
	    async () => {
		const c = srv().client();
		const email = S.uniqueEmail('short');
		const r = await c.submit('/register', { email,
		    display_name: 'Shorty', password: 'abc123xyz' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'password');
		const v = S.inputs(r.text);
		assert.equal(v.email, email, 'email not kept');
		assert.equal(v.display_name, 'Shorty', 'display_name not kept');
		assert.ok(!v.password, 'password echoed back');
		assert.doesNotMatch(r.text, /abc123xyz/);
	});

	it('register: a common password is 400', async () => {
		const c = srv().client();
		const r = await c.submit('/register', {
		    email: S.uniqueEmail('common'), display_name: 'C',
		    password: 'password123' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'password');
	});

	it('register: duplicate e-mail looks like success, mails the owner,' +
	    ' makes no second account', async () => {
		const s = srv();
		const u = await verifiedUser(s, 'dup', 'First Owner');
		const c = s.client();
		const since = s.mailCount();
		const r = await register(s, c, { email: u.email,
		    display_name: 'Intruder', password: 'intruder passphrase' });
		T.see303(r, s, '/register/sent');
		// The owner is told (readMail throws when no mail arrives).
		await s.readMail({ to: u.email, since });
		// The intruder's password opens nothing; the owner's still works.
		const bad = await s.client().submit('/login',
		    { email: u.email, password: 'intruder passphrase' });
		assert.equal(bad.status, 400, 'second account was created');
		const own = s.client();
		await T.login(own, s, u.email, u.password);
		const a = await own.get('/account');
		assert.match(S.text(a.text), /First Owner/);
		assert.doesNotMatch(S.text(a.text), /Intruder/);
		// The same address in other case is the same account.
		const r2 = await register(s, s.client(), {
		    email: u.email.toUpperCase(), display_name: 'Upper',
		    password: 'intruder passphrase' });
		T.see303(r2, s, '/register/sent');
		const bad2 = await s.client().submit('/login',
		    { email: u.email, password: 'intruder passphrase' });
		assert.equal(bad2.status, 400);
	});

	it('register: injection strings in display_name are shown escaped',
	    async () => {
		const s = srv();
		// Under the 80-character limit of display names.
		const evil = '<script>alert(1)</script>\' OR 1=1;--' +
		    '<img src=x onerror=alert(2)>&amp;';
		assert.ok(evil.length <= 80);
		// Re-rendered form (short password) keeps it, escaped.
		const c = s.client();
		const r = await c.submit('/register', {
		    email: S.uniqueEmail('xss'), display_name: evil,
		    password: 'short' });
		assert.equal(r.status, 400);
		assert.ok(!r.text.includes('<script>alert(1)'), 'raw script');
		assert.ok(!r.text.includes('<img src=x'), 'raw img');
		assert.equal(S.inputs(r.text).display_name, evil,
		    'display_name not kept verbatim');
		// Stored and shown on the account page.
		const u = await verifiedUser(s, 'xss2', evil);
		const c2 = s.client();
		await T.login(c2, s, u.email, u.password);
		const a = await c2.get('/account');
		assert.equal(a.status, 200);
		assert.ok(!a.text.includes('<script>alert(1)'), 'raw script');
		assert.ok(!a.text.includes('<img src=x'), 'raw img');
		assert.ok(a.text.includes('&lt;script&gt;alert(1)'),
		    'escaped name not shown');
		// The users table is still there.
		await T.login(s.client(), s, u.email, u.password);
	});

	it('invalid UTF-8 in a field is 400, not 500', async () => {
		const s = srv();
		// Each form's own field carries the bad bytes (undeclared
		// fields are dropped by Kore before the handler sees them).
		const cases = [
			['/register', 'email=a%40b.org&password=aaaaaaaaaaaaa&' +
			    'display_name=', Buffer.from([0x41, 0xff, 0xfe, 0x42])],
			['/register', 'email=a%40b.org&display_name=Ann&password=',
			    Buffer.from('bbbbbbbbbbb\xc0\xaf', 'latin1')],
			['/login', 'password=aaaaaaaaaaaa&email=',
			    Buffer.from([0x61, 0xff, 0x40, 0x62, 0x2e, 0x6f])],
			['/password/forgot', 'email=', Buffer.from([0xed, 0xa0,
			    0x80, 0x40, 0x62, 0x2e, 0x6f])],
			// The same, percent-encoded.
			['/register', 'email=a%40b.org&password=aaaaaaaaaaaaa&' +
			    'display_name=A%FF%FEB', Buffer.alloc(0)],
			['/login', 'password=aaaaaaaaaaaa&email=a%C0%AF%40b.org',
			    Buffer.alloc(0)],
			['/password/forgot', 'email=%ED%A0%80%40b.org',
			    Buffer.alloc(0)],
		];
		for (const [p, pre, bad] of cases) {
			const c = s.client();
			const f = await c.getForm(p);
			const raw = Buffer.concat([
			    Buffer.from(`csrf=${f.csrf}&${pre}`), bad]);
			const r = await c.post(p, null, { raw });
			assert.equal(r.status, 400, `${p} ${pre}`);
			T.isHtml(r);
		}
	});

	it('wrong password is 400 with a message, no session', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'wrong');
		const c = s.client();
		const r = await c.submit('/login', { email: u.email,
		    password: 'not the password' });
		assert.equal(r.status, 400);
		assert.match(r.text, /class\s*=\s*["'][^"']*\bfield-error\b/);
		assert.equal(S.inputs(r.text).email, u.email);
		assert.ok(!S.inputs(r.text).password);
		assert.equal(await T.signedIn(c), false);
		const unknown = await s.client().submit('/login',
		    { email: S.uniqueEmail('nobody'), password: 'whatever pass' });
		assert.equal(unknown.status, 400);
	});

	it('admin: user list with search and paging', async () => {
		const s = srv();
		const admin = await cliUser(s, 'admin', 'admin');
		const tag = 'pg' + Math.random().toString(36).slice(2, 8);
		const emails = [];
		for (let i = 0; i < 30; i++) {
			const e = `${tag}.${String(i).padStart(2, '0')}@example.org`;
			await s.addUser(e, 'learner', PASSWORD);
			emails.push(e);
		}
		const c = s.client();
		await T.login(c, s, admin.email, admin.password);
		const all = await c.get('/admin/users');
		assert.equal(all.status, 200);
		assert.ok(all.text.includes(admin.email), 'admin not listed');

		const one = await c.get('/admin/users?q=' +
		    encodeURIComponent(emails[7]));
		assert.equal(one.status, 200);
		assert.ok(one.text.includes(emails[7]));
		assert.ok(!one.text.includes(emails[8]), 'search not applied');

		// Follow the "next page" links of a search: every match once,
		// the filter kept in each link.
		const seen = [];
		let p = '/admin/users?q=' + encodeURIComponent(tag);
		for (let n = 0; p && n < 40; n++) {
			const r = await c.get(p);
			assert.equal(r.status, 200, p);
			for (const e of emails) {
				if (r.text.includes(e))
					seen.push(e);
			}
			const next = S.tags(r.text, 'a').find((t) =>
			    S.attr(t, 'rel') === 'next');
			p = next ? S.attr(next, 'href') : null;
			if (p)
				assert.match(p, new RegExp(
				    `^/admin/users\\?q=${tag}&after=\\d+$`));
		}
		assert.deepEqual([...seen].sort(), emails,
		    'paging lost or repeated users');
		assert.ok(seen.length > 0);
		// A forged key: the first page, never an error.
		const far = await c.get('/admin/users?after=1&q=' + tag);
		assert.equal(far.status, 200);
		assert.ok(far.text.includes(emails[29]), 'not the first page');
	});

	it('admin: change a role; the audit log shows it', async () => {
		const s = srv();
		const admin = await cliUser(s, 'admin', 'admin2');
		const u = await cliUser(s, 'learner', 'promote');
		const c = s.client();
		await T.login(c, s, admin.email, admin.password);
		const list = await c.get('/admin/users?q=' +
		    encodeURIComponent(u.email));
		assert.equal(list.status, 200);
		const form = S.forms(list.text).find((f) =>
		    f.method === 'post' && f.action === '/admin/users/role');
		assert.ok(form, 'no role form for the user');
		const ins = S.inputs(form.body);
		assert.match(ins.user_id || '', /^[0-9]+$/, 'no user_id');
		assert.ok(ins.csrf, 'no csrf in role form');
		const r = await c.post('/admin/users/role', { csrf: ins.csrf,
		    user_id: ins.user_id, role: 'reviewer' });
		T.see303(r, s);
		const after = await c.get('/admin/users?q=' +
		    encodeURIComponent(u.email));
		assert.match(S.text(after.text), /reviewer/i);
		const audit = await c.get('/admin/audit');
		assert.equal(audit.status, 200);
		const at = S.text(audit.text);
		assert.ok(at.includes(u.email) || at.includes(`#${ins.user_id}`),
		    'audit does not name the user');
		assert.match(at, /reviewer/i);
		const bad = await c.post('/admin/users/role', {
		    csrf: '1'.repeat(64), user_id: ins.user_id, role: 'admin' });
		assert.equal(bad.status, 403);
		const bogus = await c.post('/admin/users/role', { csrf: ins.csrf,
		    user_id: ins.user_id, role: 'emperor' });
		assert.equal(bogus.status, 400);
	});

	it('admin pages are 403 for a learner, closed to visitors',
	    async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'nosy');
		const c = s.client();
		await T.login(c, s, u.email, u.password);
		for (const p of ['/admin/users', '/admin/audit']) {
			const r = await c.get(p);
			assert.equal(r.status, 403, p);
			T.isHtml(r);
		}
		const f = await c.getForm('/account');
		const r = await c.post('/admin/users/role', { csrf: f.csrf,
		    user_id: '1', role: 'admin' });
		assert.equal(r.status, 403);
		const anon = await s.client().get('/admin/users');
		assert.ok([302, 303, 401, 403].includes(anon.status),
		    `visitor got ${anon.status}`);
	});

	it('login rate limit: the 11th failed try is a 429 page', async () => {
		const s = srv();
		const u = await cliUser(s, 'learner', 'limit');
		const c = s.client();
		for (let i = 1; i <= 10; i++) {
			const r = await c.submit('/login', { email: u.email,
			    password: `wrong password ${i}` });
			assert.equal(r.status, 400, `try ${i}`);
		}
		const r = await c.submit('/login', { email: u.email,
		    password: 'wrong password 11' });
		assert.equal(r.status, 429);
		T.isHtml(r);
		assert.match(S.text(r.text), /too many|try again|later/i,
		    'no clear message on the 429 page');
		// The limit is per account: another account still signs in.
		const v = await cliUser(s, 'learner', 'free');
		await T.login(s.client(), s, v.email, v.password);
	});

	it('every Set-Cookie seen had HttpOnly, SameSite=Lax, Path=/',
	    () => {
		const all = [...cookies, ...S.seenSetCookies];
		assert.ok(all.length > 0);
		for (const sc of all)
			T.cookieFlags(sc);
	});
});
