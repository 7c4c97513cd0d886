// lists.test.js: the lists that grow with the data are paged by key
// (issue 14.1). After `ethica demo` and `ethica dev seed-submissions 120`
// (a seed reviewer then has 120 cases), each list is walked by its "Next
// page" links to the end and by "Previous page" back to the start: every
// row once, the same pages both ways, the filters kept in the links. A
// forged, stale or malformed `after`/`before` key gives the first page,
// never an error; a list of one page has no pager; an empty list neither.

const assert = require('node:assert/strict');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'ethica-demo-2026';

// The pager links of a page, or null.
function links(html) {
	const link = (rel) => {
		const t = S.tags(html, 'a').find((a) => S.attr(a, 'rel') === rel);
		return t ? S.attr(t, 'href') : null;
	};
	return { next: link('next'), prev: link('prev') };
}

// The keys of a page's rows: the ids in links matching re (one group).
function keys(html, re) {
	const out = [];
	const g = new RegExp(re.source, 'g');
	let m;
	while ((m = g.exec(html)) !== null)
		out.push(m[1]);
	return out;
}

// walk(client, first, re, base): follows "next" from first to the end,
// then "prev" back; returns the pages (arrays of keys) both ways.
async function walk(c, first, re, base) {
	const fwd = [];
	let url = first;
	let last = null;
	for (let i = 0; url !== null && i < 20; i++) {
		const r = await c.get(url);
		assert.equal(r.status, 200, url);
		const l = links(r.text);
		assert.equal(l.prev === null, i === 0, `prev on page ${i}`);
		for (const h of [l.next, l.prev].filter((x) => x !== null))
			assert.ok(h.startsWith(base), `${h} leaves ${base}`);
		fwd.push(keys(r.text, re));
		last = l.prev;
		url = l.next;
	}
	assert.equal(url, null, 'more than 20 pages');
	// Back from the last page to the first by "prev".
	const back = [fwd[fwd.length - 1]];
	url = last;
	for (let i = 0; url !== null && i < 20; i++) {
		const r = await c.get(url);
		assert.equal(r.status, 200, url);
		back.unshift(keys(r.text, re));
		url = links(r.text).prev;
	}
	return { fwd, back };
}

T.serverSuite('paged lists', (srv) => {
	let rev, admin, chair;

	before(async () => {
		let r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		r = await srv().ethica(['dev', 'seed-submissions', '120']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		// 30 audited role changes: more than a page of the audit log.
		for (let i = 0; i < 30; i++) {
			r = await srv().ethica(['user', 'role',
			    `submitter-${String(i + 1).padStart(6, '0')}` +
			    '@seed.ethica.example', i % 2 ? 'learner' : 'author']);
			assert.equal(r.code, 0, r.stdout + r.stderr);
		}
		rev = srv().client();
		await T.login(rev, srv(), 'reviewer-1@seed.ethica.example',
		    PASSWORD);
		admin = srv().client();
		await T.login(admin, srv(), 'admin@demo.ethica.example',
		    PASSWORD);
		chair = srv().client();
		await T.login(chair, srv(), 'chair@demo.ethica.example',
		    PASSWORD);
	});

	it('the reviewer\'s list: 120 cases in 3 pages, both ways',
	    async () => {
		const re = /<a href="\/review\/cases\/(\d+)">/;
		const { fwd, back } = await walk(rev, '/review', re, '/review?');
		assert.equal(fwd.length, 3);
		assert.deepEqual(fwd.map((p) => p.length), [50, 50, 20]);
		assert.deepEqual(back, fwd);
		const ids = fwd.flat().map(Number);
		assert.equal(new Set(ids).size, 120, 'a case missed or repeated');
		assert.deepEqual(ids, [...ids].sort((a, b) => b - a),
		    'not newest first');
	});

	it('forged, stale and malformed keys give the first page',
	    async () => {
		const re = /<a href="\/review\/cases\/(\d+)">/;
		const first = keys((await rev.get('/review')).text, re);
		// Newest first: nothing is after id 1 or before a key past the
		// newest; out of range, negative, not a number, zero: refused
		// by the route's validator. Each is the first page.
		for (const q of ['after=1', 'before=99999999',
		    'after=99999999999999999999', 'after=-5', 'after=abc',
		    'before=0', 'after=1&before=1']) {
			const r = await rev.get('/review?' + q);
			assert.equal(r.status, 200, q);
			assert.deepEqual(keys(r.text, re), first, q);
			assert.equal(links(r.text).prev, null, q);
		}
		// Before the oldest but one: a real page, the 50 just above it.
		const r = await rev.get('/review?before=1');
		assert.equal(r.status, 200);
		assert.equal(keys(r.text, re).length, 50);
		assert.notEqual(links(r.text).prev, null);
	});

	it('the admin\'s audit log: pages both ways, each entry once',
	    async () => {
		const re = /<tr><td>[^<]*<\/td><td>[^<]*<\/td><td><code>([^<]*)<\/code><\/td><td>([^<]*)<\/td>/;
		const r0 = await admin.get('/admin/audit');
		assert.equal(r0.status, 200);
		const g = new RegExp(re.source, 'g');
		const all = [];
		let url = '/admin/audit';
		for (let i = 0; url !== null && i < 20; i++) {
			const r = await admin.get(url);
			assert.equal(r.status, 200, url);
			const rows = [...r.text.matchAll(g)];
			assert.ok(rows.length === 25 || links(r.text).next === null,
			    `page ${i}: ${rows.length} rows`);
			all.push(...rows.map((m) => m[1] + ' ' + m[2]));
			url = links(r.text).next;
		}
		const roles = all.filter((x) => x.startsWith('user.role '));
		assert.ok(roles.length >= 30, `${roles.length} role changes`);
		assert.equal(new Set(roles).size, roles.length,
		    'an entry shown twice');
		const { fwd, back } = await walk(admin, '/admin/audit', re,
		    '/admin/audit?');
		assert.ok(fwd.length >= 2);
		assert.deepEqual(back, fwd);
	});

	it('the admin\'s user search keeps its filter in the links',
	    async () => {
		const re = /<bdi dir="ltr">([^<]*)<\/bdi>/;
		const { fwd, back } = await walk(admin,
		    '/admin/users?q=submitter-0000', re,
		    '/admin/users?q=submitter-0000&');
		assert.equal(fwd.flat().length, 99);
		assert.ok(fwd.flat().every((e) => e.startsWith('submitter-0000')));
		assert.deepEqual(back, fwd);
		// One page: no pager. None: no pager either.
		for (const q of ['submitter-000007@', 'nobody-matches-this']) {
			const r = await admin.get('/admin/users?q=' + q);
			assert.equal(r.status, 200);
			assert.ok(!r.text.includes('class="pager"'), q);
		}
	});

	it('the chair\'s audit of a call and the mail outbox take keys',
	    async () => {
		for (const [c, p] of [[chair, '/chair/calls/1/audit'],
		    [admin, '/admin/mail'], [rev, '/submissions'],
		    [chair, '/chair/calls/1/cases']]) {
			for (const q of ['', '?after=1', '?before=1',
			    '?after=99999999', '?before=abc']) {
				const r = await c.get(p + q);
				assert.equal(r.status, 200, p + q);
				T.isHtml(r);
			}
		}
	});

	it('a submitter\'s own list of one: no pager', async () => {
		const sub = srv().client();
		await T.login(sub, srv(), 'submitter-000005@seed.ethica.example',
		    PASSWORD);
		const r = await sub.get('/submissions');
		assert.equal(r.status, 200);
		assert.equal(keys(r.text, /<a href="\/submissions\/(\d+)">/).length,
		    1);
		assert.ok(!r.text.includes('class="pager"'));
	});
});
