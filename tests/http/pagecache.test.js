'use strict';
// pagecache.test.js: the page cache and the course caches across nodes
// (issue 14.3). Two servers share one database (with ETHICA_TEST_DB=pg:,
// one PostgreSQL database; else one SQLite file), as nodes behind a load
// balancer do. Node B's workers keep the anonymous pages (each is read
// until every worker has it); a write through node A (a case unpublished
// by the chair, a new course version by the operator) is seen on node B
// at the very next request, because both key their caches on the content
// version the write moved; the same for the library's search with a
// word and two facets and for the catalog, kept as well. Signed-in traffic on A (logins, sessions)
// leaves B's pages kept: B reports its page cache hits when it stops.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const { describe, it, before, after } = require('node:test');
const S = require('./lib/server');

const SLUG = 'amsterdam-algorithm-register';
const CHAIR = 'chair@demo.ethica.example';
const PASSWORD = 'ethica-demo-2026';
const COURSE = '/courses/demo-intro';
const LESSON = `${COURSE}/lessons/why-ethics`;
// A search of the library with a word and two facets that finds SLUG.
const FACETS = '/cases?q=register&principle=transparency&region=europe-north-america';

// Reads p often enough that each of B's two workers has rendered (and
// kept) it, whichever worker the connections land on.
async function warm(srv, p) {
	for (let i = 0; i < 6; i++) {
		const r = await srv.client().get(p);
		assert.equal(r.status, 200, p);
	}
}

describe('page cache across two nodes on one database', () => {
	let a, b;

	before(async () => {
		// B in strict push mode: see push.test.js.
		[a, b] = await S.startNodes(2, { setup: async (first) => {
			const d = await first.ethica(['demo']);
			assert.equal(d.code, 0, d.stdout + d.stderr);
		} });
	});
	after(() => {
		if (a)
			a.kill();
		if (b)
			b.kill();
	});

	it('a case unpublished on node A is gone on node B at once',
	    async () => {
		await warm(b, `/cases/${SLUG}`);
		await warm(b, '/');
		await warm(b, '/cases');
		await warm(b, FACETS);
		assert.match((await b.client().get(FACETS)).text,
		    new RegExp(SLUG));
		const c = a.client();
		const l = await c.submit('/login', { email: CHAIR,
		    password: PASSWORD, next: '/' });
		assert.equal(l.status, 303);
		// Signed-in traffic on A writes sessions, not content: B keeps
		// its pages (counted below, when B stops).
		await warm(b, `/cases/${SLUG}`);
		const r = await c.submit(`/cases/${SLUG}`,
		    { reason: 'Withdrawn on node A' },
		    `/cases/${SLUG}/unpublish`);
		assert.equal(r.status, 303);
		for (let i = 0; i < 4; i++) {
			const g = await b.client().get(`/cases/${SLUG}`);
			assert.equal(g.status, 410, 'node B still serves the case');
			assert.match(g.text, /Withdrawn on node A/);
			const h = await b.client().get('/cases');
			assert.doesNotMatch(h.text, new RegExp(SLUG));
			const f = await b.client().get(FACETS);
			assert.doesNotMatch(f.text, new RegExp(SLUG));
		}
	});

	it('a new course version imported on node A shows on node B at once',
	    async () => {
		await warm(b, COURSE);
		await warm(b, LESSON);
		await warm(b, '/courses');
		await warm(b, '/courses?q=node');
		assert.doesNotMatch((await b.client().get('/courses?q=node'))
		    .text, /Taster from node A/);
		const before = await b.client().get(LESSON);
		assert.match(before.text, /Ten minutes of AI ethics/);
		const dir = S.courseCopy('twonode', (t) => t
		    .replace('"Ten minutes of AI ethics"', '"Taster from node A"')
		    .replace('"Why AI ethics?"', '"Why ethics, node A?"'));
		try {
			const r = await a.ethica(['course', 'import', dir]);
			assert.equal(r.code, 0, r.stdout + r.stderr);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
		for (let i = 0; i < 4; i++) {
			let g = await b.client().get(COURSE);
			assert.equal(g.status, 200);
			assert.match(g.text, /Taster from node A/);
			g = await b.client().get(LESSON);
			assert.match(g.text, /Why ethics, node A\?/);
			assert.doesNotMatch(g.text, /Ten minutes of AI ethics/);
			g = await b.client().get('/courses?q=node');
			assert.match(g.text, /Taster from node A/);
			g = await b.client().get('/courses');
			assert.match(g.text, /Taster from node A/);
		}
	});

	it('both nodes stop cleanly, and node B served pages from its cache',
	    async () => {
		await a.stop();
		await b.stop();
		const m = [...b.output.matchAll(/page cache: (\d+) hits/g)];
		const hits = m.reduce((n, x) => n + Number(x[1]), 0);
		assert.ok(hits > 0, 'node B never served a kept page:\n' +
		    b.output.slice(-2000));
	});
});
