'use strict';
// suite.js: glue between node:test and lib/server.js. serverSuite() gives a
// describe block its own running server and ends it with a test that stops
// the server and fails on an unclean exit or any sanitizer/seccomp report.
// Also the assertions several test files share (redirects, forms, cookies)
// and their steps (a signed-in account, a multipart POST with CSRF).

const assert = require('node:assert/strict');
const { describe, it, before, after } = require('node:test');
const S = require('./server');

// serverSuite(name, body(get), opts): body registers tests and receives
// get(), which returns the running Server.
function serverSuite(name, body, opts = {}) {
	describe(name, () => {
		let srv;
		before(async () => {
			srv = await S.startServer(opts);
		});
		after(() => {
			if (srv)
				srv.kill();
		});
		body(() => {
			assert.ok(srv, 'server did not start');
			return srv;
		});
		it('server stops cleanly: exit 0, no sanitizer or seccomp report',
		    async () => {
			assert.ok(srv, 'server did not start');
			await srv.stop();
		});
	});
}

// where(res, base): the Location of a redirect as a path ("/x?y"), whether
// the server sent it relative or absolute on its own origin; absolute
// elsewhere stays absolute.
function where(res, base) {
	const l = res.location;
	if (l === null || l === undefined)
		return l;
	if (base && l.startsWith(base))
		return l.slice(base.length) || '/';
	return l;
}

// see303(res, srv, path): res is a 303 to path (a string, or a RegExp
// tested against the path).
function see303(res, srv, p) {
	assert.equal(res.status, 303, `expected 303, got ${res.status}: ` +
	    S.text(res.text).slice(0, 300));
	const got = where(res, srv.base);
	if (p instanceof RegExp)
		assert.match(got, p);
	else if (p !== undefined)
		assert.equal(got, p);
	return got;
}

function isHtml(res) {
	assert.match(res.headers.get('content-type') || '',
	    /^text\/html\b/i);
}

// fieldError(html, field): there is an element with class field-error and
// it stands beside the input named field (within the same few hundred
// characters of markup).
function fieldError(html, field) {
	const re = new RegExp(`<(input|textarea|select)\\b[^>]*\\bname=` +
	    `["']?${field}["'\\s>]`, 'i');
	const m = re.exec(html);
	assert.ok(m, `no input named ${field} in the re-rendered form`);
	const errs = [...html.matchAll(
	    /class\s*=\s*["'][^"']*\bfield-error\b[^"']*["']/gi)];
	assert.ok(errs.length > 0, 'no element with class field-error');
	const near = errs.some((e) => Math.abs(e.index - m.index) < 800);
	assert.ok(near, `no field-error beside the ${field} input`);
}

// postForms(html): every POST form carries a hidden csrf input.
function csrfOnEveryPostForm(html, where_) {
	const fs = S.forms(html).filter((f) => f.method === 'post');
	for (const f of fs) {
		const ok = S.tags(f.body, 'input').some((t) =>
		    S.attr(t, 'name') === 'csrf' &&
		    (S.attr(t, 'type') || '').toLowerCase() === 'hidden' &&
		    (S.attr(t, 'value') || '').length > 0);
		assert.ok(ok, `POST form ${f.action} on ${where_} has no ` +
		    'hidden csrf input');
	}
	return fs.length;
}

// cookieFlags(setCookie): HttpOnly, SameSite=Lax, Path=/, no Domain=.
function cookieFlags(sc) {
	const attrs = sc.split(';').slice(1).map((s) => s.trim());
	const has = (re) => attrs.some((a) => re.test(a));
	assert.ok(has(/^httponly$/i), `no HttpOnly: ${sc}`);
	assert.ok(has(/^samesite=lax$/i), `no SameSite=Lax: ${sc}`);
	assert.ok(has(/^path=\/$/i), `no Path=/: ${sc}`);
	assert.ok(!has(/^domain=/i), `Domain= set: ${sc}`);
}

// login(client, srv, email, password, next): signs in; asserts the 303 and
// the sid cookie.
async function login(c, srv, email, password, next) {
	const res = await c.submit('/login', { email, password, next });
	see303(res, srv);
	assert.ok(c.cookie('sid'), 'no sid cookie after login');
	return res;
}

// signIn(srv, name, role, password, email): a new account of role and a
// client of srv signed in as it: {email, c, local (the address before
// the @)}. The address is email, or NAME<time>@NAME.test (a domain of its
// own: accounts of one domain are in conflict with each other).
async function signIn(srv, name, role, password, email) {
	const e = email || `${name}${Date.now()}@${name}.test`;
	await srv.addUser(e, role, password);
	const c = srv.client();
	await login(c, srv, e, password);
	return { email: e, c, local: e.split('@')[0] };
}

// learner(srv, tag, password): a client signed in as a new learner (an
// address of its own made from tag).
async function learner(srv, tag, password) {
	return (await signIn(srv, tag, 'learner', password,
	    S.uniqueEmail(tag))).c;
}

// mpost(client, path, fields, files): a multipart POST of fields (an
// object; arrays repeat the name, undefined values are left out) and
// files ([{field (default attachment), name, data}]) with the client's
// CSRF token, taken from /calls unless fields.csrf is given (null: none).
async function mpost(c, p, fields, files = []) {
	const fd = new FormData();
	let csrf = fields.csrf;
	if (csrf === undefined)
		csrf = (await c.getForm('/calls')).csrf;
	if (csrf !== null)
		fd.append('csrf', csrf);
	for (const [k, v] of Object.entries(fields)) {
		if (k === 'csrf' || v === undefined)
			continue;
		for (const x of Array.isArray(v) ? v : [v])
			fd.append(k, String(x));
	}
	for (const f of files)
		fd.append(f.field || 'attachment', new Blob([f.data]), f.name);
	return c.request('POST', p, { body: fd });
}

// utc(date): the date as a datetime-local form value (UTC, to the minute).
function utc(d) {
	return d.toISOString().slice(0, 16);
}

// signedIn(client): true when GET /account answers 200 with the account
// page, false when it sends the visitor elsewhere.
async function signedIn(c) {
	const r = await c.get('/account');
	if (r.status === 200)
		return true;
	assert.ok([302, 303, 401, 403].includes(r.status),
	    `unexpected /account status ${r.status}`);
	return false;
}

const HANGUL = /[\uac00-\ud7a3]/;

module.exports = {
	serverSuite, where, see303, isHtml, fieldError, csrfOnEveryPostForm,
	cookieFlags, login, signIn, learner, signedIn, mpost, utc, HANGUL,
};
