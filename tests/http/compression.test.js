'use strict';
// compression.test.js: light on the wire (issue 20.3). A client that
// accepts gzip gets HTML, CSS, JavaScript, JSON, CSV and Atom compressed,
// and every body inflates (node's zlib, as a browser's) to exactly what
// a client without gzip gets, but for the per-visitor CSRF token, which
// is the visitor's own even in a page from the page cache (compressed
// there around the token, not again per request); responses say they
// vary by Accept-Encoding; q=0, no header, short bodies and zip files go
// out plain; signed-in pages too; the first visit to the home page, a
// lesson and a case page (page, stylesheet and script) stays under 12 KB
// on the wire.

const assert = require('node:assert/strict');
const http = require('node:http');
const zlib = require('node:zlib');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const GZ = { 'accept-encoding': 'gzip, deflate, br' };
const PAGES = ['/', '/courses/ethics-of-ai/lessons/what-ai-systems-are',
    '/cases/amsterdam-algorithm-register', '/courses', '/cases',
    '/principles/fairness'];

// body(r): the response's bytes, inflated when it says gzip.
function body(r) {
	const enc = r.headers.get('content-encoding');
	if (enc === null)
		return r.raw;
	assert.equal(enc, 'gzip');
	return zlib.gunzipSync(r.raw);
}

// get(srv, path, headers): one GET through node:http, which (unlike
// fetch) neither asks for nor inflates compression itself: the bytes as
// they came, headers with a get() like fetch's.
function get(srv, path, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(srv.url(path), { headers }, (res) => {
			const parts = [];
			res.on('data', (d) => parts.push(d));
			res.on('end', () => resolve({
				status: res.statusCode,
				headers: { get: (k) => res.headers[k] === undefined ?
				    null : [].concat(res.headers[k]).join(', ') },
				raw: Buffer.concat(parts),
			}));
		});
		req.on('error', reject);
		req.end();
	});
}

// token(html): the CSRF token of the page's forms.
function token(html) {
	const m = /name="csrf" value="([0-9a-f]+)"/.exec(html);
	return m === null ? null : m[1];
}

T.serverSuite('compression', (srv) => {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	it('pages go out gzipped and inflate to the plain page, from the ' +
	    'page cache too, each with its visitor\'s token', async () => {
		for (const p of PAGES) {
			const plain = await get(srv(), p);
			assert.equal(plain.status, 200, p);
			assert.equal(plain.headers.get('content-encoding'), null);
			assert.equal(plain.headers.get('vary'), 'accept-encoding');
			const want = plain.raw.toString('utf8');
			// Twice: rendered (or cached by the plain request), then
			// certainly from the cache; two visitors with their own
			// CSRF cookies.
			for (const who of ['a', 'b']) {
				const csrf = who.repeat(32);
				const r = await get(srv(), p, { ...GZ,
				    cookie: `csrf=${csrf}` });
				assert.equal(r.status, 200, p);
				assert.equal(r.headers.get('content-encoding'), 'gzip',
				    p);
				assert.equal(r.headers.get('vary'), 'accept-encoding');
				assert.ok(r.raw.length < plain.raw.length / 2,
				    `${p}: ${r.raw.length} of ${plain.raw.length}`);
				const html = body(r).toString('utf8');
				const mine = token(html);
				assert.ok(mine, `${p}: no token`);
				assert.notEqual(mine, token(want), p);
				assert.equal(html.split(mine).join('T'),
				    want.split(token(want)).join('T'), p);
			}
		}
	});

	it('the two visitors\' tokens differ and each is accepted', async () => {
		const c = srv().client({ headers: GZ });
		const f = await c.getForm('/login');
		assert.ok(f.csrf);
		const r = await c.post('/language', { csrf: f.csrf, lang: 'ko',
		    next: '/' });
		assert.equal(r.status, 303);
	});

	it('stylesheet, script, JSON, CSV and Atom are compressed',
	    async () => {
		const home = (await get(srv(), '/')).raw.toString('utf8');
		const assets = [...home.matchAll(
		    /(?:href|src)="(\/static\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]);
		assert.equal(assets.length, 2);
		for (const p of [...assets, '/cases.json', '/cases.csv',
		    '/cases.atom', '/api/cases']) {
			const plain = await get(srv(), p);
			const r = await get(srv(), p, GZ);
			assert.equal(r.status, 200, p);
			assert.equal(r.headers.get('content-encoding'), 'gzip', p);
			assert.match(r.headers.get('vary') || '',
			    /accept-encoding/, p);
			assert.ok(body(r).equals(plain.raw), p);
		}
	});

	it('no gzip when not accepted, for short bodies and for zip files',
	    async () => {
		for (const h of [{}, { 'accept-encoding': 'gzip;q=0' },
		    { 'accept-encoding': 'identity' },
		    { 'accept-encoding': 'br' }]) {
			const r = await get(srv(), '/', h);
			assert.equal(r.headers.get('content-encoding'), null,
			    JSON.stringify(h));
		}
		const hz = await get(srv(), '/healthz', GZ);
		assert.equal(hz.headers.get('content-encoding'), null);
		const p = await srv().ethica(['course', 'pack', 'demo-intro',
		    '--lang', 'en']);
		assert.equal(p.code, 0, p.stderr);
		const z = await get(srv(), '/courses/demo-intro/offline/en.zip',
		    GZ);
		assert.equal(z.status, 200);
		assert.equal(z.headers.get('content-encoding'), null);
	});

	it('signed-in pages are compressed', async () => {
		const c = srv().client({ headers: GZ });
		await T.login(c, srv(), 'learner@demo.ethica.example',
		    'ethica-demo-2026', '/me');
		const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const r = await get(srv(), '/me', { ...GZ, cookie });
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-encoding'), 'gzip');
		assert.match(body(r).toString('utf8'), /<html lang="en"/);
	});

	it('a first visit stays under 12 KB on the wire', async (t) => {
		for (const p of ['/',
		    '/courses/ethics-of-ai/lessons/what-ai-systems-are',
		    '/cases/amsterdam-algorithm-register']) {
			const page = await get(srv(), p, GZ);
			const html = body(page).toString('utf8');
			let total = page.raw.length;
			for (const m of html.matchAll(
			    /(?:href|src)="(\/static\/[^"]+\.(?:css|js))"/g))
				total += (await get(srv(), m[1], GZ)).raw.length;
			t.diagnostic(`${p}: ${total} bytes compressed`);
			assert.ok(total <= 12 * 1024, `${p}: ${total} bytes`);
		}
	});
});
