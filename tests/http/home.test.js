'use strict';
// home.test.js: the home page on a real server, first empty (a fresh
// install: no course, no call, no case, yet a working page), then after
// `ethica demo`: the starter course with its facts and links, the open
// call, the newest cases and the principle map, in English and in Korean.

const assert = require('node:assert/strict');
const { describe, it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

function main(html) {
	const m = /<main[^>]*>([\s\S]*)<\/main>/.exec(html);
	assert.ok(m, 'no <main>');
	return m[1];
}

function hrefs(html) {
	return S.tags(html, 'a').map((t) => S.attr(t, 'href'));
}

// The section of the home page whose heading has id (course-h ...).
function section(html, id) {
	const m = new RegExp(`<section[^>]*aria-labelledby="${id}"[^>]*>` +
	    '([\\s\\S]*?)</section>').exec(html);
	assert.ok(m, `no section ${id}`);
	return m[1];
}

T.serverSuite('home', (srv) => {
	it('a fresh install has a working home page without content',
	    async () => {
		const r = await srv().client().get('/');
		assert.equal(r.status, 200);
		const m = main(r.text);
		assert.equal((m.match(/<h1\b/g) || []).length, 1);
		assert.doesNotMatch(m, /href="\/courses\/ethics-of-ai"/);
		assert.match(m, /No call is open right now\./);
		assert.match(m, /The first selected cases will appear here\./);
		assert.ok(hrefs(m).includes('/courses'), 'no link to /courses');
		assert.ok(hrefs(m).includes('/calls'), 'no link to /calls');
		assert.ok(hrefs(m).includes('/cases'), 'no link to /cases');
	});

	describe('after ethica demo', () => describeLoaded(srv));
});

function describeLoaded(srv) {
	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	it('lists the starter course with its modules, lessons and time',
	    async () => {
		const r = await srv().client().get('/',
		    { headers: { 'accept-language': 'en' } });
		assert.equal(r.status, 200);
		const c = section(main(r.text), 'course-h');
		assert.match(c, /<a href="\/courses\/ethics-of-ai">Ethics of AI<\/a>/);
		assert.match(c, /UNESCO Recommendation/);
		assert.match(c, /\b10 modules\b/);
		assert.match(c, /\b\d+ lessons\b/);
		assert.match(c, /\d+ (h|min)\b/);
		assert.ok(hrefs(c).some((h) =>
		    /^\/courses\/ethics-of-ai\/lessons\/[a-z0-9-]+$/.test(h)),
		    'no link to the first lesson');
	});

	it('links to the open call and to submitting a case', async () => {
		const r = await srv().client().get('/');
		const c = section(main(r.text), 'call-h');
		const h = hrefs(c);
		const call = h.find((x) => /^\/calls\/\d+$/.test(x));
		assert.ok(call, `no link to a call: ${h}`);
		assert.ok(h.includes(`${call}/submit`), 'no link to submit');
		assert.match(c, /Closes /);
		// The call it links to is open: its page offers the form.
		const p = await srv().client().get(call);
		assert.equal(p.status, 200);
		assert.ok(hrefs(p.text).includes(`${call}/submit`));
	});

	it('shows the three newest cases and links to the library',
	    async () => {
		const r = await srv().client().get('/');
		const c = section(main(r.text), 'cases-h');
		const cases = hrefs(c).filter((h) => /^\/cases\/[a-z0-9-]+$/
		    .test(h));
		assert.equal(cases.length, 3, `case links: ${cases}`);
		assert.equal(new Set(cases).size, 3);
		assert.ok(hrefs(c).includes('/cases'));
		assert.match(c, /See all \d+ cases in the library/);
		for (const h of cases) {
			const p = await srv().client().get(h);
			assert.equal(p.status, 200, h);
		}
		// The same three the library lists first, newest first.
		const lib = await srv().client().get('/cases?sort=newest');
		const first = hrefs(main(lib.text)).filter((h) =>
		    /^\/cases\/[a-z0-9-]+$/.test(h)).slice(0, 3);
		assert.deepEqual(cases, first);
	});

	it('a kept page carries each visitor\'s own working token',
	    async () => {
		const pages = [];
		for (let i = 0; i < 6; i++) {
			const c = srv().client();
			const r = await c.getForm('/');
			assert.equal(r.status, 200);
			assert.match(r.csrf || '', /^[0-9a-f]{64}$/);
			pages.push({ c, r });
		}
		const tokens = new Set(pages.map((p) => p.r.csrf));
		assert.equal(tokens.size, pages.length, 'a token was shared');
		const blank = (p) => p.r.text.split(p.r.csrf).join('TOKEN');
		for (const p of pages) {
			assert.equal(blank(p), blank(pages[0]));
			const other = pages.find((q) => q !== p).r.csrf;
			assert.ok(!p.r.text.includes(other), 'another token');
		}
		const last = pages[pages.length - 1];
		const r = await last.c.post('/language',
		    { csrf: last.r.csrf, lang: 'ko', next: '/' });
		assert.equal(r.status, 303);
	});

	it('maps the ten principles to their pages', async () => {
		const r = await srv().client().get('/');
		const c = section(main(r.text), 'principles-h');
		const p = hrefs(c).filter((h) => /^\/principles\/[a-z-]+$/
		    .test(h));
		assert.equal(p.length, 10);
		assert.ok(p.includes('/principles/fairness'));
		const f = await srv().client().get('/principles/fairness');
		assert.equal(f.status, 200);
	});

	it('in Korean: Korean course title, call and case texts', async () => {
		const c = srv().client();
		const r = await c.get('/', { headers:
		    { 'accept-language': 'ko-KR,ko;q=0.9' } });
		assert.equal(r.status, 200);
		assert.deepEqual(S.htmlLang(r.text), { lang: 'ko', dir: 'ltr' });
		const m = main(r.text);
		const course = section(m, 'course-h');
		assert.match(course, /<h3 lang="ko" dir="auto"><a href="\/courses\/ethics-of-ai">인공지능 윤리<\/a><\/h3>/);
		assert.match(course, /모듈 10개/);
		assert.match(S.text(section(m, 'call-h')), T.HANGUL);
		assert.match(S.text(section(m, 'cases-h')), /싱가포르/);
		assert.match(S.text(section(m, 'principles-h')),
		    /공정성/);
		// The cookie set by the language form wins as well.
		const k = srv().client();
		k.setCookie('lang', 'ko');
		const r2 = await k.get('/');
		assert.match(main(r2.text), /인공지능 윤리<\/a>/);
	});

	it('stays small: page plus CSS and JS under 60 KB', async () => {
		const c = srv().client();
		const r = await c.get('/');
		let bytes = r.bytes;
		for (const t of [...S.tags(r.text, 'link'),
		    ...S.tags(r.text, 'script')]) {
			const u = S.attr(t, 'href') || S.attr(t, 'src');
			if (!u || !/\.(css|js)$/.test(u))
				continue;
			const a = await c.get(u);
			assert.equal(a.status, 200, u);
			bytes += a.bytes;
		}
		assert.ok(bytes < 60 * 1024, `home page weighs ${bytes} bytes`);
	});
}
