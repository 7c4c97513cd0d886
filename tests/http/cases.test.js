'use strict';
// cases.test.js: the public case library on a real server: the library
// with search (English and Korean) and facets, a case page with its
// citations, principle pages, open data (JSON, CSV, Atom, API) with
// ETag/304 and CORS, and unpublishing: the case leaves search, facets,
// feeds, dumps and the API, and its URL answers 410 with the reason.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const SLUG = 'amsterdam-algorithm-register';
const CHAIR = 'chair@demo.ethica.example';
const PASSWORD = 'ethica-demo-2026';

T.serverSuite('cases', (srv) => {
	before(async () => {
		await srv().ethica(['demo']);
	});

	it('the library lists the sample cases with facet links and counts',
	    async () => {
		const r = await srv().client().get('/cases');
		assert.equal(r.status, 200);
		T.isHtml(r);
		assert.match(r.text, /14 cases/);
		assert.match(r.text, /Example entry/);
		assert.match(r.text,
		    /href="\/cases\?principle=transparency[^"]*"[^>]*>Transparency and explainability<\/a> <span class="count">\(\d+\)/);
	});

	it('search works in English and in Korean', async () => {
		const c = srv().client();
		let r = await c.get('/cases?q=algorithm+register');
		assert.match(r.text, new RegExp(`/cases/${SLUG}`));
		r = await c.get('/cases?q=' +
		    encodeURIComponent('알고리즘 등록부'));
		assert.match(r.text, new RegExp(`/cases/${SLUG}`));
		r = await c.get('/cases?q=' + encodeURIComponent('윤리'));
		assert.match(r.text, /korea-ai-ethics-self-checklist/);
		// Each title and summary says its language, which is the
		// reader's when the case has it, else the case's own.
		assert.match(r.text, /href="\/cases\/korea-ai-ethics-self-checklist" lang="en"/);
		const k = srv().client({ headers: { 'accept-language': 'ko' } });
		r = await k.get('/cases?q=' + encodeURIComponent('윤리'));
		assert.match(r.text, /href="\/cases\/korea-ai-ethics-self-checklist" lang="ko"/);
		r = await c.get('/cases?q=zzzzqqq');
		assert.match(r.text, /0 cases/);
	});

	it('combined facets narrow the list', async () => {
		const r = await srv().client().get('/cases?sector=government' +
		    '&principle=transparency&region=europe-north-america');
		assert.equal(r.status, 200);
		assert.match(r.text, new RegExp(`/cases/${SLUG}`));
		assert.doesNotMatch(r.text, /singapore-ai-verify"/);
		assert.match(r.text, /aria-current="true"/);
	});

	it('a year typed in Arabic-Indic, Persian or full-width digits is the same year (issue 20.5)',
	    async () => {
		const c = srv().client();
		const ascii = await c.get('/cases?year=2019');
		assert.equal(ascii.status, 200);
		const n = ascii.text.match(/(\d+) cases?</);
		assert.ok(n && Number(n[1]) > 0, 'the demo has cases of 2019');
		for (const y of ['٢٠١٩', '۲۰۱۹', '２０１９']) {
			const r = await c.get('/cases?year=' +
			    encodeURIComponent(y));
			assert.equal(r.status, 200, y);
			assert.match(r.text, new RegExp(`${n[1]} cases?<`), y);
		}
		const api = await c.get('/api/cases?year=' +
		    encodeURIComponent('٢٠١٩'));
		assert.equal(api.status, 200);
		const j = JSON.parse(api.text);
		assert.equal(j.total, Number(n[1]));
		const bad = await c.get('/cases?year=' +
		    encodeURIComponent('十'));
		assert.ok(bad.status === 200 || bad.status === 400, 'no 500');
	});

	it('a case page has sections, tags, licence and citations',
	    async () => {
		const r = await srv().client().get(`/cases/${SLUG}`);
		assert.equal(r.status, 200);
		assert.match(r.text, /<h1[^>]*>Amsterdam algorithm register<\/h1>/);
		assert.match(r.text, /href="\/principles\/transparency"/);
		assert.match(r.text, /CC BY 4.0/);
		assert.match(r.text, /@misc\{ethica-amsterdam-algorithm-register,/);
		assert.match(r.text, /&quot;type&quot;:&quot;webpage&quot;/);
		assert.match(r.text, /Last updated/);
		assert.match(r.text, /https:\/\/algoritmeregister.amsterdam.nl\//);
	});

	it('principle, value and policy-area pages list cases', async () => {
		const c = srv().client();
		let r = await c.get('/principles');
		assert.equal(r.status, 200);
		assert.match(r.text, /href="\/policy-areas\/gender"/);
		r = await c.get('/principles/transparency');
		assert.equal(r.status, 200);
		assert.match(r.text, new RegExp(`/cases/${SLUG}`));
		r = await c.get('/values/diversity');
		assert.equal(r.status, 200);
		r = await c.get('/policy-areas/culture');
		assert.match(r.text, /masakhane-community-nlp/);
		r = await c.get('/principles/no-such-thing');
		assert.equal(r.status, 404);
	});

	it('open data: JSON, CSV, Atom and the API, with 304 and CORS',
	    async () => {
		const c = srv().client();
		const j = await c.get('/cases.json');
		assert.equal(j.status, 200);
		assert.equal(j.headers.get('access-control-allow-origin'), '*');
		const doc = JSON.parse(j.text);
		assert.equal(doc.licence, 'CC BY 4.0');
		assert.equal(doc.cases.length, 14);
		assert.ok(doc.cases.every((x) => x.example_entry === true));
		const etag = j.headers.get('etag');
		const lm = j.headers.get('last-modified');
		assert.ok(etag && lm);
		let r = await c.get('/cases.json',
		    { headers: { 'if-none-match': etag } });
		assert.equal(r.status, 304);
		r = await c.get('/cases.csv',
		    { headers: { 'if-modified-since': lm } });
		assert.equal(r.status, 304);
		r = await c.get('/cases.csv');
		// The UTF-8 byte-order mark first, or Excel garbles Korean.
		assert.match(r.text, /^\uFEFFslug,url,title,/);
		assert.equal(r.text.trim().split('\r\n').length, 15);
		r = await c.get('/cases.atom');
		assert.match(r.headers.get('content-type'), /atom\+xml/);
		assert.match(r.text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
		r = await c.get('/api/cases?per_page=5&principle=transparency');
		const a = JSON.parse(r.text);
		assert.equal(a.per_page, 5);
		assert.ok(a.total > 5 && a.pages >= 2 && a.next);
		assert.equal(a.cases.length, 5);
		r = await c.get(a.next);
		assert.equal(JSON.parse(r.text).page, 2);
		r = await c.get(`/api/cases/${SLUG}`);
		assert.equal(JSON.parse(r.text).slug, SLUG);
		r = await c.get('/api/cases/nope');
		assert.equal(r.status, 404);
		assert.deepEqual(JSON.parse(r.text), { error: 'not found' });
		assert.equal(r.headers.get('access-control-allow-origin'), '*');
	});

	it('open data speaks CORS to other sites\' scripts', async () => {
		const c = srv().client({ headers: { origin: 'https://x.example' } });
		for (const p of ['/cases.json', '/cases.csv', '/cases.atom',
		    '/api/cases', `/api/cases/${SLUG}`]) {
			let r = await c.request('OPTIONS', p, { headers: {
			    'access-control-request-method': 'GET',
			    'access-control-request-headers': 'if-none-match' } });
			assert.equal(r.status, 204, `OPTIONS ${p}`);
			assert.equal(r.headers.get('access-control-allow-origin'),
			    '*');
			assert.match(r.headers.get('access-control-allow-methods'),
			    /\bGET\b/);
			assert.match(r.headers.get('access-control-allow-headers'),
			    /if-none-match/i);
			r = await c.get(p);
			assert.equal(r.status, 200, `GET ${p}`);
			const ex = (r.headers.get('access-control-expose-headers') ||
			    '').toLowerCase();
			assert.ok(ex.includes('etag') && ex.includes('last-modified'),
			    `${p} exposes ${ex}`);
		}
	});

	it('the API refuses a page size or page out of range', async () => {
		const c = srv().client();
		for (const q of ['per_page=0', 'per_page=101', 'per_page=abc',
		    'page=0', 'per_page=1000000']) {
			const r = await c.get(`/api/cases?${q}`);
			assert.equal(r.status, 400, q);
			assert.match(JSON.parse(r.text).error,
			    /must be a whole number from 1 to/, q);
		}
		const r = await c.get('/api/cases?per_page=100');
		assert.equal(r.status, 200);
		assert.equal(JSON.parse(r.text).per_page, 100);
	});

	it('an unpublished case disappears everywhere and says why',
	    async () => {
		const c = srv().client();
		const anon = srv().client();
		const l = await c.submit('/login', { email: CHAIR,
		    password: PASSWORD, next: '/' });
		assert.equal(l.status, 303);
		// Read twice first, so that a worker keeps the page: the
		// change must show at once all the same.
		for (let i = 0; i < 2; i++)
			assert.equal((await anon.get(`/cases/${SLUG}`)).status, 200);
		// Not as an anonymous visitor.
		let r = await anon.post(`/cases/${SLUG}/unpublish`,
		    { reason: 'x' });
		assert.notEqual(r.status, 303);
		r = await c.submit(`/cases/${SLUG}`,
		    { reason: 'Withdrawn at the city request' },
		    `/cases/${SLUG}/unpublish`);
		assert.equal(r.status, 303);
		r = await anon.get(`/cases/${SLUG}`);
		assert.equal(r.status, 410);
		assert.match(r.text, /Withdrawn at the city request/);
		for (const p of ['/cases', '/cases?q=amsterdam',
		    '/principles/transparency', '/cases.json', '/cases.csv',
		    '/cases.atom', '/api/cases?per_page=100',
		    '/api/cases?q=amsterdam']) {
			r = await anon.get(p);
			assert.equal(r.status, 200, p);
			assert.doesNotMatch(r.text, /amsterdam-algorithm-register/,
			    `${p} still shows the unpublished case`);
		}
		r = await anon.get(`/api/cases/${SLUG}`);
		assert.equal(r.status, 410);
		assert.deepEqual(JSON.parse(r.text), { error: 'unpublished',
		    reason: 'Withdrawn at the city request' });
		r = await anon.get('/cases');
		assert.match(r.text, /13 cases/);
	});
});
