'use strict';
// smoke.test.js: the things every page must get right, checked on a real
// server: security headers, language attributes, error pages, cookie
// flags, health check, page weight.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

T.serverSuite('smoke', (srv) => {
	const cookies = [];
	const keep = (res) => {
		cookies.push(...res.setCookies);
		return res;
	};

	it('GET / is an HTML page with the security headers', async () => {
		const c = srv().client();
		const r = keep(await c.get('/'));
		assert.equal(r.status, 200);
		T.isHtml(r);
		const csp = r.headers.get('content-security-policy');
		assert.ok(csp, 'no Content-Security-Policy');
		assert.ok(!csp.includes('unsafe-inline'),
		    `CSP allows unsafe-inline: ${csp}`);
		assert.match(csp, /frame-ancestors 'none'/);
		assert.match(csp, /form-action 'self'/);
		assert.match(csp, /base-uri 'none'/);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		assert.equal(r.headers.get('referrer-policy'), 'same-origin');
	});

	it('GET / has <html lang="en" dir="ltr">', async () => {
		const r = keep(await srv().client().get('/',
		    { headers: { 'accept-language': 'en-US,en;q=0.9' } }));
		assert.deepEqual(S.htmlLang(r.text), { lang: 'en', dir: 'ltr' });
		const r2 = keep(await srv().client().get('/'));
		assert.equal(S.htmlLang(r2.text).lang, 'en',
		    'default language (Accept-Language: *) is not English');
	});

	it('Accept-Language: ko gives lang="ko" and Korean text', async () => {
		const r = keep(await srv().client().get('/',
		    { headers: { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' } }));
		assert.equal(r.status, 200);
		assert.equal(S.htmlLang(r.text).lang, 'ko');
		assert.match(S.text(r.text), T.HANGUL);
	});

	it('GET /nope is a 404 HTML page with a link home and the headers',
	    async () => {
		const r = keep(await srv().client().get('/nope'));
		assert.equal(r.status, 404);
		T.isHtml(r);
		assert.match(r.text, /<a\b[^>]*href=["']\/["']/);
		assert.equal(S.htmlLang(r.text).lang, 'en');
		assert.ok(r.headers.get('content-security-policy'));
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	});

	it('404 for deeper unknown paths too', async () => {
		for (const p of ['/nope/deeper', '/static/nope.css',
		    '/register/nope', '/%FF%FE']) {
			const r = keep(await srv().client().get(p));
			assert.equal(r.status, 404, p);
		}
	});

	it('GET /healthz is 200 ok', async () => {
		const r = await srv().client().get('/healthz');
		assert.equal(r.status, 200);
		assert.equal(r.text.trim(), 'ok');
	});

	it('pages with forms set only HttpOnly, SameSite=Lax, Path=/ cookies',
	    async () => {
		const c = srv().client();
		for (const p of ['/', '/login', '/register', '/password/forgot'])
			keep(await c.get(p));
		const f = await c.getForm('/login');
		keep(f.res);
		keep(await c.post('/language', { csrf: f.csrf, lang: 'ko',
		    next: '/' }));
		keep(await c.post('/login', { csrf: f.csrf,
		    email: 'nobody@example.org', password: 'x'.repeat(12) }));
		assert.ok(cookies.length > 0, 'no cookie was ever set');
		for (const sc of cookies)
			T.cookieFlags(sc);
	});

	it('home page CSS+JS under 30 KB, page plus assets under 60 KB',
	    async () => {
		const c = srv().client();
		const r = await c.get('/');
		const links = S.tags(r.text, 'link')
		    .filter((t) => /stylesheet/i.test(S.attr(t, 'rel') || ''))
		    .map((t) => S.attr(t, 'href'));
		const scripts = S.tags(r.text, 'script')
		    .map((t) => S.attr(t, 'src')).filter(Boolean);
		assert.ok(links.length > 0, 'no stylesheet linked');
		let assets = 0;
		for (const [u, type] of [
		    ...links.map((l) => [l, /^text\/css\b/]),
		    ...scripts.map((s) => [s, /javascript/])]) {
			assert.ok(u.startsWith('/') && !u.startsWith('//'),
			    `asset not same-origin: ${u}`);
			const a = await c.get(u);
			assert.equal(a.status, 200, u);
			assert.match(a.headers.get('content-type') || '', type, u);
			assets += a.bytes;
		}
		assert.ok(assets < 30 * 1024, `CSS+JS is ${assets} bytes`);
		assert.ok(assets + r.bytes < 60 * 1024,
		    `page plus assets is ${assets + r.bytes} bytes`);
	});

	it('the access log gets one line per request, flushed within a ' +
	    'second, with forged bytes escaped', async () => {
		const fs = require('node:fs');
		const path = require('node:path');
		const mark = `alog-${process.pid}-${Date.now()}`;
		const c = srv().client({ headers: { 'user-agent':
		    `${mark} "quoted"`, referer: 'http://x.example/r' } });
		assert.equal((await c.get(`/no-such-page/${mark}`)).status, 404);
		assert.equal((await c.get('/healthz')).status, 200);
		const log = path.join(srv().dataDir, 'log', 'access.log');
		// Workers flush once a second: bounded tries, not a guess.
		let lines = [];
		for (let i = 0; i < 60 && lines.length === 0; i++) {
			lines = fs.readFileSync(log, 'utf8').split('\n')
			    .filter((l) => l.includes(mark));
			if (lines.length === 0)
				await S.sleep(50);
		}
		assert.ok(lines.length >= 1, 'no access log line');
		const l = lines.find((x) => x.includes('/no-such-page/'));
		assert.match(l, /^127\.0\.0\.1 - - \[[^\]]+\] "GET \/no-such-page\/alog-[^ ]+ HTTP\/1\.1" 404 \d+ "http:\/\/x\.example\/r" "alog-[^"]* \\x22quoted\\x22"$/);
	});

	it('no inline script or event handler attribute on the home page', async () => {
		const r = await srv().client().get('/');
		const inline = S.tags(r.text, 'script')
		    .filter((t) => !S.attr(t, 'src'));
		assert.deepEqual(inline, [], 'inline <script> blocked by CSP');
		assert.doesNotMatch(r.text, /\son[a-z]+\s*=/i,
		    'inline event handler');
	});
});
