'use strict';
// navigation.test.js: moving around keeps what the reader was doing. The
// language menu comes back to the same page with its query (a search, its
// filters, a page); a new catalog search keeps the active filters; the
// case library offers the open data of the search on screen; a browser
// asking for Traditional Chinese is told that the page is in Simplified.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

// The value of the language form's hidden "next" input.
function menuNext(html) {
	const f = S.forms(html).find((x) => x.action === '/language');
	assert.ok(f, 'no language form');
	const n = S.tags(f.body, 'input').find((t) => S.attr(t, 'name') ===
	    'next');
	assert.ok(n, 'no next input in the language form');
	return S.attr(n, 'value');
}

T.serverSuite('navigation', (srv) => {
	before(async () => {
		await srv().ethica(['demo']);
	});

	it('changing the language keeps the query of the page', async () => {
		const c = srv().client();
		for (const p of ['/cases?principle=privacy',
		    '/cases?q=register&sort=title', '/courses?principle=fairness',
		    '/courses']) {
			const f = await c.getForm(p);
			assert.equal(f.status, 200, p);
			assert.equal(menuNext(f.html), p, p);
			const r = await c.post('/language', { csrf: f.csrf,
			    lang: 'ko', next: menuNext(f.html) });
			T.see303(r, srv(), p);
		}
		const r = await c.get('/cases?principle=privacy');
		assert.equal(S.htmlLang(r.text).lang, 'ko');
	});

	it('a catalog search keeps the filters that are on', async () => {
		const r = await srv().client().get('/courses?principle=fairness');
		assert.equal(r.status, 200);
		const f = S.forms(r.text).find((x) => x.action === '/courses');
		assert.ok(f, 'no search form');
		const hidden = S.tags(f.body, 'input').filter((t) =>
		    S.attr(t, 'type') === 'hidden');
		assert.deepEqual(hidden.map((t) => [S.attr(t, 'name'),
		    S.attr(t, 'value')]), [['principle', 'fairness']]);
	});

	it('the case library links the open data of the search on screen',
	    async () => {
		const c = srv().client();
		let r = await c.get('/cases?principle=transparency&q=register');
		const m = /<a href="([^"]*)">These results as JSON<\/a>/
		    .exec(r.text);
		assert.ok(m, 'no JSON link for the search');
		const api = S.decodeEntities(m[1]);
		assert.match(api, /^\/api\/cases\?/);
		const doc = JSON.parse((await c.get(api)).text);
		const page = (await c.get('/cases?principle=transparency&q=register'))
		    .text;
		assert.ok(doc.total > 0);
		assert.match(page, new RegExp(`${doc.total} cases?`));
		for (const x of doc.cases)
			assert.ok(page.includes(`/cases/${x.slug}"`), x.slug);
		r = await c.get('/cases');
		assert.doesNotMatch(r.text, /These results as JSON/);
	});

	it('a Traditional Chinese reader is told the page is Simplified',
	    async () => {
		const note = /<p class="notice" lang="zh-Hant">[^<]*簡體中文/;
		for (const al of ['zh-TW', 'zh-HK,zh;q=0.8', 'zh-Hant']) {
			const c = srv().client({ headers:
			    { 'accept-language': al } });
			for (let i = 0; i < 2; i++) {	/* page cache too */
				const r = await c.get('/cases');
				assert.equal(S.htmlLang(r.text).lang, 'zh', al);
				assert.match(r.text, note, al);
			}
		}
		for (const al of ['zh-CN', 'zh', 'en']) {
			const c = srv().client({ headers:
			    { 'accept-language': al } });
			for (let i = 0; i < 2; i++) {
				const r = await c.get('/cases');
				assert.doesNotMatch(r.text, note, al);
			}
		}
	});

	it('English text on an Arabic page says its language and direction',
	    async () => {
		const ar = srv().client({ headers: { 'accept-language': 'ar' } });
		let r = await ar.get('/courses');
		assert.equal(S.htmlLang(r.text).dir, 'rtl');
		const cards = [...r.text.matchAll(
		    /<h3 lang="([^"]*)" dir="([^"]*)"><a href="\/courses\/([^"]+)">/g)];
		assert.ok(cards.length >= 2, 'no course cards with lang and dir');
		// Each card says its own language: Arabic where the course
		// has it, else its default (demo-intro is English only).
		const want = { ar: 'rtl', en: 'ltr' };
		for (const m of cards)
			assert.equal(want[m[1]], m[2], m[3]);
		assert.ok(cards.some((m) => m[3] === 'demo-intro' &&
		    m[1] === 'en'), 'demo-intro is in English');
		r = await ar.get('/courses/demo-intro/lessons/why-ethics');
		assert.equal(r.status, 200);
		assert.match(r.text,
		    /<article class="lesson" lang="en" dir="ltr">/);
		assert.match(r.text, /<p class="notice" lang="ar" dir="rtl">/);
		r = await ar.get('/courses/ethics-of-ai/lessons/what-ai-systems-are');
		assert.match(r.text,
		    /<article class="lesson" lang="ar" dir="rtl">/);
		const ko = srv().client({ headers: { 'accept-language': 'ko' } });
		r = await ko.get('/courses/ethics-of-ai/lessons/what-ai-systems-are');
		assert.match(r.text,
		    /<article class="lesson" lang="ko" dir="ltr">/);
	});

	it('a confirmation cookie shows a fixed text once, never cached',
	    async () => {
		const flash = /<p class="success flash" role="status">([^<]*)<\/p>/;
		for (const v of ['999', '0', 'abc', '%3Cscript%3E', '-1']) {
			const r = await srv().client({ headers:
			    { cookie: `flash=${v}` } }).get('/cases');
			assert.equal(r.status, 200, v);
			assert.doesNotMatch(r.text, flash, v);
		}
		const anon = srv().client({ headers: { cookie: 'flash=1' } });
		const plain = srv().client();
		for (let i = 0; i < 3; i++) {
			let r = await plain.get('/principles');
			assert.doesNotMatch(r.text, flash, 'cached with a flash');
			r = await anon.get('/principles');
			assert.equal(flash.exec(r.text)[1], 'Your profile is saved.');
			assert.ok(r.setCookies.some((x) => /^flash=;.*Max-Age=0/
			    .test(x)), 'the cookie is dropped');
		}
		const ko = srv().client({ headers: { cookie: 'flash=1',
		    'accept-language': 'ko' } });
		const r = await ko.get('/principles');
		assert.equal(flash.exec(r.text)[1], '프로필을 저장했습니다.');
	});

	it('a course shown in another language says so, with lang and dir',
	    async () => {
		// demo-intro has English and Korean only.
		const zh = srv().client({ headers: { 'accept-language': 'zh' } });
		let r = await zh.get('/courses/demo-intro');
		assert.equal(r.status, 200);
		assert.match(r.text, /<h1 lang="en" dir="ltr">/);
		assert.match(r.text, /<p class="notice">本课程尚无您所用语言的版本/);
		const ar = srv().client({ headers: { 'accept-language': 'ar' } });
		r = await ar.get('/courses/demo-intro');
		assert.match(r.text, /<h1 lang="en" dir="ltr">/);
		assert.match(r.text, /<h3 lang="en" dir="ltr">/);
		r = await ar.get('/courses/ethics-of-ai');
		assert.match(r.text, /<h1 lang="ar" dir="rtl">/);
		assert.doesNotMatch(r.text, /<p class="notice">/);
		const ko = srv().client({ headers: { 'accept-language': 'ko' } });
		r = await ko.get('/courses/demo-intro');
		assert.match(r.text, /<h1 lang="ko" dir="ltr">/);
		assert.doesNotMatch(r.text, /<p class="notice">/);
	});

	it('a link with ?lang= opens the page in that language and keeps it ' +
	    '(issue 20.5)', async () => {
		const c = srv().client({ headers: { 'accept-language': 'en' } });
		let r = await c.get('/principles?lang=ko');
		assert.equal(S.htmlLang(r.text).lang, 'ko');
		// The menu comes back without it, or it would override the
		// language the reader then chooses.
		assert.equal(menuNext(r.text), '/principles');
		r = await c.get('/courses/ethics-of-ai?lang=ar');
		assert.equal(S.htmlLang(r.text).lang, 'ar');
		assert.equal(S.htmlLang(r.text).dir, 'rtl');
		// The next pages stay in the link's language, as after
		// choosing it in the menu; an unknown one changes nothing.
		r = await c.get('/principles');
		assert.equal(S.htmlLang(r.text).lang, 'ar', 'remembered');
		r = await c.get('/principles?lang=xx');
		assert.equal(S.htmlLang(r.text).lang, 'ar');
		// Where lang is the page's own filter (cases in Korean), it
		// stays a filter.
		r = await c.get('/cases?lang=ko');
		assert.equal(S.htmlLang(r.text).lang, 'ar');
		assert.match(r.text, /aria-current="true"/);
		r = await c.get('/principles?lang=zh');
		assert.ok(r.setCookies.some((x) => /^lang=zh;/.test(x)));
		r = await c.get('/courses');
		assert.equal(S.htmlLang(r.text).lang, 'zh');
		// A signed-in reader's own profile language comes first on
		// the next page.
		const email = S.uniqueEmail('lang-link');
		await srv().addUser(email, 'learner', 'a long enough passphrase');
		const u = srv().client();
		await T.login(u, srv(), email, 'a long enough passphrase', '/me');
		const f = await u.getForm('/account');
		T.see303(await u.post('/account', { csrf: f.csrf,
		    display_name: 'Lang Link', language: 'fr', country: '' }),
		    srv());
		r = await u.get('/principles?lang=ko');
		assert.equal(S.htmlLang(r.text).lang, 'ko');
		r = await u.get('/principles');
		assert.equal(S.htmlLang(r.text).lang, 'fr');
	});
});
