// chair_list.test.js: the chair's case list of a call with many cases
// (issue 14, point 1): after `ethica demo` and `ethica dev seed-submissions
// 120` (run twice: the second run adds nothing), /chair/calls/1/cases shows
// 50 cases a page, oldest first; "Next page" walks every case exactly once
// and "Previous page" comes back; the state filter stays in the pager's
// links; each row carries its reviewers and mean score.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PAGE = '/chair/calls/1/cases';

// The case ids and titles of a list page, and its pager links.
function rows(html) {
	const out = [];
	const re = /<a href="\/chair\/cases\/(\d+)">([^<]*)<\/a>/g;
	let m;
	while ((m = re.exec(html)) !== null)
		out.push({ id: Number(m[1]), title: m[2] });
	const link = (rel) => {
		const t = S.tags(html, 'a').find((a) => S.attr(a, 'rel') === rel);
		return t ? S.attr(t, 'href') : null;
	};
	return { out, next: link('next'), prev: link('prev') };
}

T.serverSuite('chair case list', (srv) => {
	let chair;

	before(async () => {
		let r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		r = await srv().ethica(['dev', 'seed-submissions', '120']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.match(r.stdout, /120 added/);
		r = await srv().ethica(['dev', 'seed-submissions', '120']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.match(r.stdout, /0 added \(120 already there\)/);
		chair = srv().client();
		await T.login(chair, srv(), 'chair@demo.ethica.example',
		    'ethica-demo-2026');
	});

	it('pages the cases 50 at a time, each once, oldest first',
	    async () => {
		let url = PAGE;
		const seen = [];
		const pages = [];
		for (let i = 0; i < 10 && url !== null; i++) {
			const r = await chair.get(url);
			assert.equal(r.status, 200);
			const p = rows(r.text);
			assert.ok(p.out.length <= 50, `${p.out.length} rows`);
			assert.equal(p.prev === null, i === 0, `prev on page ${i}`);
			pages.push(p);
			seen.push(...p.out);
			url = p.next;
		}
		assert.equal(url, null, 'more than 10 pages');
		assert.ok(pages.length >= 3, `${pages.length} pages`);
		assert.equal(pages[0].out.length, 50);
		const ids = seen.map((x) => x.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
		assert.equal(new Set(ids).size, ids.length, 'a case shown twice');
		const seeded = seen.filter((x) => /^Seed case \d{6}$/.test(x.title));
		assert.equal(seeded.length, 120);
		// Back from the second page: the first page again.
		const r = await chair.get(pages[1].prev);
		assert.deepEqual(rows(r.text).out.map((x) => x.id),
		    pages[0].out.map((x) => x.id));
	});

	it('keeps the state filter in the pager', async () => {
		const r = await chair.get(`${PAGE}?state=under_review`);
		assert.equal(r.status, 200);
		const p = rows(r.text);
		assert.equal(p.out.length, 50);
		assert.match(p.next, /^\/chair\/calls\/1\/cases\?state=under_review&after=\d+$/);
		const r2 = await chair.get(p.next);
		assert.ok(rows(r2.text).out.length > 0);
		assert.match(rows(r2.text).prev,
		    /^\/chair\/calls\/1\/cases\?state=under_review&before=\d+$/);
		const none = await chair.get(`${PAGE}?state=withdrawn`);
		assert.equal(none.status, 200);
		assert.equal(rows(none.text).out.length, 0);
	});

	it('shows each seeded case with its three reviewers and mean score',
	    async () => {
		const r = await chair.get(`${PAGE}?state=under_review`);
		const m = /<a href="\/chair\/cases\/\d+">Seed case 000001<\/a><\/th><td>[^<]*<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>(\d+)<\/td><td>([^<]*)<\/td>/
		    .exec(r.text);
		assert.ok(m, 'no row for Seed case 000001');
		assert.equal(m[1], '3');
		assert.match(m[2], /^\d\.\d$/);
	});

	it('is the chair\'s only', async () => {
		const r = await srv().client().get(PAGE);
		assert.notEqual(r.status, 200);
	});
});
