'use strict';
// cases.test.js: the case library as a new visitor uses it (issue 7), in a
// real browser with JavaScript on and off, without an account: search the
// library for "algorithm register" and for a Korean word, narrow the
// results to government cases about transparency in Europe by following
// facet links, open a case, read its citation, follow its principle to
// the principle page and one of its lessons, and download /cases.json.
// axe-core must find no violation on any page visited; with JavaScript on
// no CSP violation, script error or failed asset is allowed.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const T = require('../http/lib/suite');
const B = require('./lib/browser');

const CASE = '/cases/amsterdam-algorithm-register';

const browser = B.fileBrowser();

// search(page, words): submits the library's search form.
async function search(page, words) {
	const form = page.locator('form.search');
	await form.locator('#q').fill(words);
	await B.navigate(page, () => B.submitButton(form).click());
}

// resultTitles(page): the titles listed in the results.
async function resultTitles(page) {
	return page.locator('ol.case-list h2 a').allInnerTexts();
}

// facet(page, kind, slug): follows the facet link that adds kind=slug.
async function facet(page, kind, slug) {
	const link = page.locator(`aside.facets a[href*="${kind}=${slug}"]`)
	    .first();
	assert.equal(await link.count(), 1, `no facet link ${kind}=${slug}`);
	assert.match(await link.locator('xpath=..').innerText(), /\([0-9]+\)/,
	    `facet ${kind}=${slug} shows no count`);
	await B.navigate(page, () => link.click());
	const u = new URL(page.url());
	assert.equal(u.pathname, '/cases');
	assert.equal(u.searchParams.get(kind), slug);
}

async function journey(srv, page, visit) {
	const status = B.lastStatus(page);

	await page.goto(srv.url('/cases'));
	assert.equal(status(), 200);
	await visit('library');

	await search(page, 'algorithm register');
	assert.equal(status(), 200);
	assert.ok((await resultTitles(page)).includes(
	    'Amsterdam algorithm register'), 'English search misses Amsterdam');
	await visit('search, English');

	await search(page, '알고리즘');
	assert.equal(status(), 200);
	assert.equal(new URL(page.url()).searchParams.get('q'), '알고리즘');
	assert.ok((await resultTitles(page)).length > 0,
	    'Korean search finds nothing');
	await visit('search, Korean');

	await page.goto(srv.url('/cases'));
	await facet(page, 'sector', 'government');
	await facet(page, 'principle', 'transparency');
	await facet(page, 'region', 'europe-north-america');
	const narrowed = await resultTitles(page);
	assert.ok(narrowed.includes('Amsterdam algorithm register'),
	    `narrowed results: ${narrowed.join(', ')}`);
	assert.equal(await page.locator('ul.chips li').count(), 3,
	    'three active filters');
	await visit('narrowed by facets');

	await B.navigate(page, () => page.locator(
	    `ol.case-list a[href="${CASE}"]`).first().click());
	assert.equal(status(), 200);
	assert.equal(new URL(page.url()).pathname, CASE);
	assert.equal(await page.locator('h1').innerText(),
	    'Amsterdam algorithm register');
	const cite = await page.locator('#cite-text').innerText();
	assert.match(cite, /Amsterdam algorithm register/);
	assert.ok(cite.includes(CASE), 'citation without the stable URL');
	assert.match(await page.locator('#cite-bibtex').innerText(),
	    /^@[a-z]+\{/);
	const csl = JSON.parse(await page.locator('#cite-csl').innerText());
	assert.match(JSON.stringify(csl), /Amsterdam algorithm register/);
	await visit('case page');

	await B.navigate(page, () => page.locator(
	    'a[href="/principles/transparency"]').first().click());
	assert.equal(status(), 200);
	assert.equal(new URL(page.url()).pathname, '/principles/transparency');
	const cases = page.locator(`main a[href="${CASE}"]`);
	assert.ok(await cases.count() > 0, 'principle page misses the case');
	await visit('principle page');

	const lesson = page.locator('main a[href*="/lessons/"]').first();
	assert.equal(await lesson.count(), 1, 'principle page lists no lesson');
	await B.navigate(page, () => lesson.click());
	assert.equal(status(), 200);
	assert.match(new URL(page.url()).pathname, /\/lessons\//);
	await visit('lesson of the principle');

	await page.goto(srv.url('/cases'));
	const dl = page.locator('a[href="/cases.json"]').first();
	assert.equal(await dl.count(), 1, 'no link to /cases.json');
	const r = await page.request.get(srv.url(await dl.getAttribute('href')));
	assert.equal(r.status(), 200);
	assert.match(r.headers()['content-type'], /json/);
	const dump = JSON.parse(await r.text());
	assert.ok(JSON.stringify(dump).includes('amsterdam-algorithm-register'),
	    'the dump misses the case');
}

T.serverSuite('browser case library', (srv) => {
	const seen = { js: [], nojs: [] };

	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
	});

	it('with JavaScript: search, facets, case, citation, principle, ' +
	    'lesson, dump', async () => {
		const ctx = await browser.newContext();
		let problems = [];
		try {
			const page = await ctx.newPage();
			problems = B.watch(page);
			await journey(srv(), page, async (label) => {
				seen.js.push({ label, url: page.url(),
				    violations: await B.axeHere(page) });
			});
		} finally {
			await ctx.close();
		}
		assert.deepEqual(problems, []);
		const bad = B.report(seen.js);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	});

	it('without JavaScript: the same journey works, axe clean',
	    async () => {
		const ctx = await browser.newContext({ javaScriptEnabled: false });
		const axeCtx = await browser.newContext({ bypassCSP: true });
		try {
			const page = await ctx.newPage();
			const axePage = await axeCtx.newPage();
			await journey(srv(), page, async (label) => {
				const html = await page.content();
				seen.nojs.push({ label, url: page.url(),
				    violations: await B.axeSnapshot(axePage,
				    page.url(), html) });
			});
		} finally {
			await ctx.close();
			await axeCtx.close();
		}
		const bad = B.report(seen.nojs);
		assert.equal(bad, '', `axe violations:\n${bad}`);
	});
});
