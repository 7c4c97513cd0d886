'use strict';
// bounds.test.js: requests that are large or odd still get a quick, clear
// answer and cost linear work: thousands of repeated fields (submission
// tags, reviewer expertise, the chair's public fields) are refused with
// an error beside the field and the rest of the form kept; attachments up
// to the limit the form promises are stored, a refused one is named and
// stores none of its batch, a retry stores nothing twice; a request
// followed by more bytes than its Content-Length is answered. (Kore keeps
// only the first 20 fields of a url-encoded body, so the floods are
// multipart, as an attacker would send them.) The suite's
// last test fails when a worker died.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { it } = require('node:test');
const T = require('./lib/suite');
const { mpost, utc } = T;

const PW = 'correct horse battery';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const MB = 1024 * 1024;
const ROOT = path.resolve(__dirname, '..', '..');

// A constant of a header under src/domain, as the C code sees it.
function cap(file, name) {
	const h = fs.readFileSync(path.join(ROOT, 'src', 'domain', file), 'utf8');
	const m = h.match(new RegExp(`#define\\s+${name}\\s+(.+)`));
	assert.ok(m, `${name} in ${file}`);
	return m[1];
}
const SUBCAP = Number(cap('submission.h', 'SUB_MAX_TAGS'));
const FILES = Number(cap('upload.h', 'UPLOAD_MAX_FILES'));
const MAXMB = Number(cap('upload.h', 'UPLOAD_MAX_MB'));
assert.equal(cap('upload.h', 'UPLOAD_MAX_SIZE'),
    '(UPLOAD_MAX_MB * 1024 * 1024)');
const REQMAX = 2 * (FILES * MAXMB * MB + MB);
assert.match(cap('upload.h', 'UPLOAD_REQUEST_MAX'), /^\(2 \* \(UPLOAD_MAX_FILES/);

// A PDF of n bytes, distinct per seed.
function pdf(n, seed = 'a') {
	const b = Buffer.alloc(n, seed);
	PDF.copy(b, 0, 0, 9);
	return b;
}

function callFields(over = {}) {
	const f = {
		default_lang: 'en', title_en: 'Bounds call',
		description_en: 'About bounds.', other_lang: '',
		opens: utc(new Date(Date.now() - 86400e3)),
		closes: utc(new Date(Date.now() + 30 * 86400e3)),
		blind_mode: 'double', reviewers: '2',
		public: ['organisation', 'summary', 'attachments'],
		c0_name: 'Relevance', c0_desc: 'About it.',
	};
	for (let k = 1; k <= 5; k++)
		f[`c0_a${k}`] = `Level ${k}`;
	return { ...f, ...over };
}

// n values of 51 characters.
function many(n) {
	return Array.from({ length: n }, (_, i) =>
	    ('t' + i + 'x'.repeat(60)).slice(0, 51));
}

T.serverSuite('bounds', (srv) => {
	const u = {};
	const st = {};

	async function user(name, role) {
		u[name] = await T.signIn(srv(), name, role, PW);
	}

	it('setup: a chair, a reviewer, a submitter and an open call',
	    async () => {
		await user('chair', 'chair');
		await user('rev', 'reviewer');
		await user('sub', 'learner');
		const r = await mpost(u.chair.c, '/chair/calls/new',
		    callFields());
		const loc = T.see303(r, srv(), /^\/chair\/calls\/\d+$/);
		st.call = Number(loc.match(/calls\/(\d+)/)[1]);
	});

	it('6,000 repeated tags (900 KB): 400, the error beside the tags, ' +
	    'the rest kept, nothing stored', async () => {
		const c = u.sub.c;
		const r = await mpost(c, `/calls/${st.call}/submit`, {
		    title: 'Kept title', summary: 'Kept summary',
		    tag: many(6000), action: 'save' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'tag');
		assert.match(r.text, /Too many choices for this field/);
		assert.match(r.text, /value="Kept title"/);
		assert.match(r.text, /Kept summary/);
		const l = await c.get('/submissions');
		assert.doesNotMatch(l.text, /Kept title/, 'no draft was made');
		// In Korean too.
		const fd = new FormData();
		fd.append('csrf', (await c.getForm('/calls')).csrf);
		fd.append('title', 'K');
		for (const t of many(100))
			fd.append('tag', t);
		const k = await c.request('POST', `/calls/${st.call}/submit`,
		    { body: fd, headers: { 'accept-language': 'ko' } });
		assert.equal(k.status, 400);
		assert.doesNotMatch(k.text, /Too many choices/);
	});

	it('a draft with too many tags is refused too, and keeps its old ' +
	    'values', async () => {
		const c = u.sub.c;
		let r = await mpost(c, `/calls/${st.call}/submit`, {
		    title: 'Draft one', tag: ['fairness'], action: 'save' });
		const loc = T.see303(r, srv(), /^\/submissions\/\d+$/);
		st.draft = Number(loc.match(/(\d+)$/)[1]);
		r = await mpost(c, `/submissions/${st.draft}`, {
		    title: 'Draft two', tag: many(SUBCAP + 1),
		    action: 'save' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'tag');
		assert.match(r.text, /value="Draft two"/);
		r = await c.get(`/submissions/${st.draft}`);
		assert.match(r.text, /Draft one/, 'nothing was stored');
	});

	it('reviewer expertise: thousands of principles, regions, ' +
	    'languages refused beside each field', async () => {
		const c = u.rev.c;
		const f = await c.getForm('/review/expertise');
		assert.equal(f.status, 200);
		const r = await mpost(c, '/review/expertise', {
		    organisation: 'Kept org',
		    principle: Array(2000).fill('fairness'),
		    region: Array(2000).fill('africa'),
		    language: Array(2000).fill('en') });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'principle');
		T.fieldError(r.text, 'region');
		T.fieldError(r.text, 'language');
		assert.match(r.text, /Too many choices for this field/);
		assert.match(r.text, /value="Kept org"/);
	});

	it('chair call form: thousands of public fields refused, the call ' +
	    'kept as typed', async () => {
		const r = await mpost(u.chair.c, '/chair/calls/new', callFields({
		    title_en: 'Kept call',
		    public: Array(5000).fill('summary') }));
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'public');
		assert.match(r.text, /Too many choices for this field/);
		assert.match(r.text, /value="Kept call"/);
	});
	it('chair bulk decision: more ids than SUB_MAX_DECIDE are refused, ' +
	    'not silently cut', async () => {
		const max = Number(cap('submission.h', 'SUB_MAX_DECIDE'));
		const ids = Array.from({ length: max + 1 }, (_, i) => i + 1);
		const r = await mpost(u.chair.c,
		    `/chair/calls/${st.call}/decide`, { id: ids,
		    decision: 'accepted', reason: 'Bulk.' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Too many choices for this field/);
	});

	it('one upload limit: Kore\'s http_body_max and the proxy example ' +
	    'follow src/domain/upload.h', () => {
		const conf = fs.readFileSync(path.join(srv().dataDir, 'run',
		    'kore.conf'), 'utf8');
		const m = conf.match(/^http_body_max\s+(\d+)$/m);
		assert.ok(m, 'http_body_max in kore.conf');
		assert.equal(Number(m[1]), REQMAX + MB, 'UPLOAD_KORE_BODY_MAX');
		const ngx = fs.readFileSync(path.join(ROOT, 'deploy',
		    'nginx.conf'), 'utf8').match(/client_max_body_size (\d+)m;/);
		assert.ok(ngx && Number(ngx[1]) * MB >= REQMAX + MB,
		    'nginx accepts what Kore accepts');
	});

	it('uploads: a 2 MB PDF is stored as sent (the form promises ' +
	    'UPLOAD_MAX_SIZE, not the 1 MiB of other forms)', async () => {
		const c = u.sub.c;
		const f = await c.getForm(`/calls/${st.call}/submit`);
		assert.match(f.html, new RegExp(`Up to ${FILES} files: PDF, PNG ` +
		    `or JPEG, at most ${MAXMB} MB each`));
		const big = pdf(2 * MB, 'b');
		let r = await mpost(c, `/calls/${st.call}/submit`, {
		    title: 'With files', tag: ['fairness'], action: 'save' },
		    [{ name: 'two-mb.pdf', data: big }]);
		const loc = T.see303(r, srv(), /^\/submissions\/\d+$/);
		st.files = Number(loc.match(/(\d+)$/)[1]);
		r = await c.get(`/submissions/${st.files}`);
		const fl = r.text.match(/\/submissions\/\d+\/files\/(\d+)/);
		const d = await c.get(`/submissions/${st.files}/files/${fl[1]}`);
		assert.equal(d.status, 200);
		assert.equal(d.bytes, big.length);
	});

	it('uploads: a refused file is named with the reason, stores none ' +
	    'of its batch, and the other edits stay on the form', async () => {
		const c = u.sub.c;
		const r = await mpost(c, `/submissions/${st.files}`, {
		    title: 'Edited title', summary: 'Edited summary',
		    tag: ['fairness'], action: 'save' }, [
		    { name: 'good.pdf', data: pdf(1000, 'g') },
		    { name: 'huge.pdf', data: pdf(MAXMB * MB + 1, 'h') },
		    { name: 'note.txt', data: Buffer.from('text') }]);
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'attachment');
		assert.match(r.text, new RegExp('The file huge\\.pdf was not ' +
		    `stored: The file is larger than ${MAXMB} MB\\.`));
		assert.match(r.text, /value="Edited title"/);
		assert.match(r.text, /Edited summary/);
		const v = await c.get(`/submissions/${st.files}`);
		assert.doesNotMatch(v.text, /good\.pdf/, 'none of the batch');
		assert.equal((v.text.match(/\/files\/\d+/g) || []).length, 1);
		// In the user's language.
		const fd = new FormData();
		fd.append('csrf', (await c.getForm('/calls')).csrf);
		fd.append('title', 'x');
		fd.append('attachment', new Blob([Buffer.from('MZ')]), 'x.exe');
		const k = await c.request('POST', `/submissions/${st.files}`,
		    { body: fd, headers: { 'accept-language': 'ko' } });
		assert.equal(k.status, 400);
		assert.match(k.text, /x\.exe/);
		assert.doesNotMatch(k.text, /was not stored/);
	});

	it('uploads: a retry, or the same file twice, stores it once; ' +
	    'more files than allowed are refused together', async () => {
		const c = u.sub.c;
		const one = pdf(3000, 'r');
		const files = [{ name: 'r.pdf', data: one },
		    { name: 'r.pdf', data: one }];
		for (let i = 0; i < 3; i++) {
			const r = await mpost(c, `/submissions/${st.files}`, {
			    title: 'Retry', tag: ['fairness'], action: 'save' },
			    files);
			T.see303(r, srv(), `/submissions/${st.files}`);
		}
		let v = await c.get(`/submissions/${st.files}`);
		assert.equal((v.text.match(/>r\.pdf</g) || []).length, 1);
		assert.equal((v.text.match(/\/files\/\d+/g) || []).length, 2);
		const many_ = [];
		for (let i = 0; i <= FILES; i++)
			many_.push({ name: `m${i}.pdf`, data: pdf(100, `${i}`) });
		const r = await mpost(c, `/submissions/${st.files}`, {
		    title: 'Too many', tag: ['fairness'], action: 'save' },
		    many_);
		assert.equal(r.status, 400);
		assert.match(r.text, new RegExp(`At most ${FILES} attachments`));
		v = await c.get(`/submissions/${st.files}`);
		assert.equal((v.text.match(/\/files\/\d+/g) || []).length, 2);
	});

	it('uploads: a body over the form limit gets our page, in the ' +
	    'user language', async () => {
		const c = u.sub.c;
		const fd = new FormData();
		fd.append('csrf', (await c.getForm('/calls')).csrf);
		fd.append('title', 'x');
		fd.append('attachment', new Blob([Buffer.alloc(REQMAX + 1)]),
		    'big.pdf');
		const r = await c.request('POST', `/submissions/${st.files}`,
		    { body: fd, headers: { 'accept-language': 'fr' } });
		assert.equal(r.status, 413);
		assert.match(r.text, /<html lang="fr"/);
	});

	it('published cases serve their attachments to everyone when the ' +
	    'call publishes them; unpublished files stay private', async () => {
		const c = u.sub.c;
		let r = await mpost(c, `/submissions/${st.files}`, {
		    organisation: 'Org', sector: 'private-sector', country: 'KE',
		    category: 'tools-applications', tag: ['fairness'],
		    title: 'Public files', summary: 'S', ai_system: 'A',
		    actions: 'B', outcomes: 'C', lessons: 'D', language: 'en',
		    consent_publish: '1', action: 'submit' });
		T.see303(r, srv(), `/submissions/${st.files}`);
		const v = await c.get(`/submissions/${st.files}`);
		const files_ = v.text.match(/\/submissions\/\d+\/files\/\d+/g);
		assert.equal(files_.length, 2);
		const file = files_[0];
		const anon = srv().client();
		r = await anon.get(file);
		assert.equal(r.status, 303, 'not public before publication');
		assert.match(r.location, /^\/login/);
		r = await u.rev.c.get(file);
		assert.equal(r.status, 404, 'nor to another signed-in user');
		r = await mpost(u.chair.c, `/chair/calls/${st.call}/autoassign`,
		    {});
		T.see303(r, srv());
		r = await mpost(u.chair.c, `/chair/calls/${st.call}/decide`, {
		    id: [st.files], decision: 'accepted', reason: 'Good.',
		    confirm: '1' });
		T.see303(r, srv(), /done=1$/);
		r = await mpost(u.chair.c, `/chair/cases/${st.files}/state`, {
		    to: 'published' });
		T.see303(r, srv());
		const caseUrl = r.headers.get('location');
		r = await anon.get(caseUrl);
		assert.equal(r.status, 200);
		for (const f of files_)
			assert.ok(r.text.includes(f), `the case links ${f}`);
		r = await anon.get(file);
		assert.equal(r.status, 200, 'public once published');
		r = await u.rev.c.get(file);
		assert.equal(r.status, 200);
		r = await mpost(u.chair.c, `/chair/cases/${st.files}/state`, {
		    to: 'decided', reason: 'Taken down.' });
		T.see303(r, srv());
		r = await anon.get(file);
		assert.equal(r.status, 303, 'private again when unpublished');
	});

	it('a published case of a call that does not publish attachments ' +
	    'keeps its files private', async () => {
		let r = await mpost(u.chair.c, '/chair/calls/new', callFields({
		    title_en: 'No files call', public: ['organisation',
		    'summary'] }));
		const loc = T.see303(r, srv(), /^\/chair\/calls\/\d+$/);
		const call = Number(loc.match(/calls\/(\d+)/)[1]);
		r = await mpost(u.sub.c, `/calls/${call}/submit`, {
		    organisation: 'Org', sector: 'private-sector', country: 'KE',
		    category: 'tools-applications', tag: ['fairness'],
		    title: 'Private files', summary: 'S', ai_system: 'A',
		    actions: 'B', outcomes: 'C', lessons: 'D', language: 'en',
		    consent_publish: '1', action: 'submit' },
		    [{ name: 'secret.pdf', data: pdf(500, 's') }]);
		const sub = Number(T.see303(r, srv(), /^\/submissions\/\d+$/)
		    .match(/(\d+)$/)[1]);
		const v = await u.sub.c.get(`/submissions/${sub}`);
		const file = v.text.match(/\/submissions\/\d+\/files\/\d+/)[0];
		T.see303(await mpost(u.chair.c, `/chair/calls/${call}/autoassign`,
		    {}), srv());
		T.see303(await mpost(u.chair.c, `/chair/calls/${call}/decide`, {
		    id: [sub], decision: 'accepted', reason: 'Good.',
		    confirm: '1' }), srv());
		r = await mpost(u.chair.c, `/chair/cases/${sub}/state`, {
		    to: 'published' });
		const caseUrl = T.see303(r, srv());
		const anon = srv().client();
		r = await anon.get(caseUrl);
		assert.equal(r.status, 200);
		assert.doesNotMatch(r.text, /secret\.pdf/);
		r = await anon.get(file);
		assert.equal(r.status, 303, 'the file stays private');
	});

	// raw(bytes, first): sends bytes on a new connection and collects what
	// comes back until the server closes or 15 s pass (with first, until
	// the first header block); resolves {text, closed, ms}.
	function raw(bytes, first = false) {
		return new Promise((resolve) => {
			const t0 = Date.now();
			const sock = net.connect(srv().port, '127.0.0.1');
			let text = '';
			const timer = setTimeout(() => {
				sock.destroy();
				resolve({ text, closed: false, ms: Date.now() - t0 });
			}, 15000);
			sock.on('data', (d) => {
				text += d.toString('latin1');
				if (first && text.includes('\r\n\r\n')) {
					clearTimeout(timer);
					sock.destroy();
					resolve({ text, closed: false,
					    ms: Date.now() - t0 });
				}
			});
			sock.on('close', () => {
				clearTimeout(timer);
				resolve({ text, closed: true, ms: Date.now() - t0 });
			});
			sock.on('error', () => {});
			sock.write(bytes);
		});
	}

	it('a POST followed by more bytes than its Content-Length is ' +
	    'answered, then the connection closed', async () => {
		const c = u.sub.c;
		const f = await c.getForm('/calls');
		const body = `csrf=${f.csrf}&tz=Asia%2FSeoul`;
		const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const r = await raw(`POST /calls/tz HTTP/1.1\r\nHost: x\r\n` +
		    `Cookie: ${cookie}\r\n` +
		    'Content-Type: application/x-www-form-urlencoded\r\n' +
		    `Content-Length: ${body.length}\r\n\r\n${body}` +
		    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
		assert.ok(r.closed, 'the server closed the connection');
		assert.match(r.text, /^HTTP\/1\.1 303 /, 'the POST was answered');
		assert.match(r.text, /\r\nconnection: close\r\n/i);
		assert.doesNotMatch(r.text, / 408 /);
	});

	it('pipelined GETs: the first is answered with connection: close, ' +
	    'never left hanging', async () => {
		const r = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' +
		    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
		assert.ok(r.closed, 'the server closed the connection');
		assert.match(r.text, /^HTTP\/1\.1 200 /);
		assert.match(r.text, /\r\nconnection: close\r\n/i);
		// One request alone keeps its connection.
		const one = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
		    true);
		assert.match(one.text, /\r\nconnection: keep-alive\r\n/i);
	});
});
