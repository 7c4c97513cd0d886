'use strict';
// studio_zip.test.js: a course package as a zip in the studio (issue
// 16.7). An author creates a course, downloads its zip (the same files
// as `ethica course export`), uploads it back (nothing changes: same
// version), uploads a changed one (a new version); each bad zip is
// refused with its message and nothing stored (not a zip, a bomb, too
// many entries, "..", an absolute path, a link, no course.yaml, another
// course's package on this course's page); a translator may download but
// not upload; an author of another course gets 404 for both; a learner
// cannot create a course by upload; a POST without CSRF is refused.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const C = '/studio/courses/zip-trip';

const NEW = {
	title: 'Zip trip', slug: 'zip-trip',
	summary: 'A course that travels as a zip.',
	default_language: 'en', language: ['ko'], level: 'beginner',
	licence: 'CC-BY-4.0', principle: ['fairness'], value: [],
	policy_area: [], track: 'foundations',
	module_title: 'Basics', lesson_title: 'First steps',
};

function crc32(buf) {
	let crc = 0xffffffff;
	for (const b of buf) {
		crc ^= b;
		for (let k = 0; k < 8; k++)
			crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return (crc ^ 0xffffffff) >>> 0;
}

// zip(entries): a zip of [{name, data (Buffer or string), link}],
// deflated, written by hand so that names and modes are as given.
function zip(entries) {
	const locals = [];
	const centrals = [];
	let off = 0;
	for (const e of entries) {
		const data = Buffer.from(e.data || '');
		const comp = zlib.deflateRawSync(data);
		const name = Buffer.from(e.name, 'utf8');
		const crc = crc32(data);
		const lh = Buffer.alloc(30);
		lh.writeUInt32LE(0x04034b50, 0);
		lh.writeUInt16LE(20, 4);
		lh.writeUInt16LE(0x0800, 6);
		lh.writeUInt16LE(8, 8);
		lh.writeUInt16LE(0, 10);
		lh.writeUInt16LE(0x21, 12);
		lh.writeUInt32LE(crc, 14);
		lh.writeUInt32LE(comp.length, 18);
		lh.writeUInt32LE(data.length, 22);
		lh.writeUInt16LE(name.length, 26);
		lh.writeUInt16LE(0, 28);
		const ch = Buffer.alloc(46);
		ch.writeUInt32LE(0x02014b50, 0);
		ch.writeUInt16LE((3 << 8) | 20, 4);
		ch.writeUInt16LE(20, 6);
		ch.writeUInt16LE(0x0800, 8);
		ch.writeUInt16LE(8, 10);
		ch.writeUInt16LE(0, 12);
		ch.writeUInt16LE(0x21, 14);
		ch.writeUInt32LE(crc, 16);
		ch.writeUInt32LE(comp.length, 20);
		ch.writeUInt32LE(data.length, 24);
		ch.writeUInt16LE(name.length, 28);
		ch.writeUInt32LE(((e.link ? 0o120777 : 0o100644) << 16) >>> 0,
		    38);
		ch.writeUInt32LE(off, 42);
		locals.push(lh, name, comp);
		centrals.push(ch, name);
		off += 30 + name.length + comp.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(off, 16);
	return Buffer.concat([...locals, cd, end]);
}

// files(dir): {relative path: contents} of every file under dir.
function files(dir, rel = '', out = {}) {
	for (const n of fs.readdirSync(path.join(dir, rel))) {
		const p = path.join(rel, n);
		if (fs.statSync(path.join(dir, p)).isDirectory())
			files(dir, p, out);
		else
			out[p] = fs.readFileSync(path.join(dir, p)).toString('hex');
	}
	return out;
}

async function signIn(srv, email, role) {
	await srv.addUser(email, role, PASSWORD);
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD);
	return c;
}

// upload(client, path, buffer): the zip posted with the page's CSRF.
async function upload(c, p, data, csrf) {
	const f = await c.getForm(p);
	return T.mpost(c, p, { csrf: csrf === undefined ? f.csrf : csrf },
	    data === null ? [] : [{ field: 'package', name: 'course.zip',
	    data }]);
}

T.serverSuite('studio zip', (srv) => {
	let author, other, translator, learner, pkg, ents;
	const translatorEmail = S.uniqueEmail('translator');

	it('downloads a course as the files ethica course export writes',
	    async () => {
		author = await signIn(srv(), S.uniqueEmail('author'), 'author');
		const home = await author.getForm('/studio');
		const made = await author.post('/studio', { csrf: home.csrf,
		    ...NEW });
		assert.equal(made.status, 303, made.text.slice(0, 1000));
		const page = await author.get(`${C}/package`);
		assert.equal(page.status, 200);
		assert.match(page.text, /href="\/studio\/courses\/zip-trip\/package\.zip"/);
		const r = await author.get(`${C}/package.zip`);
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-type'), 'application/zip');
		assert.match(r.headers.get('content-disposition'),
		    /attachment; filename="zip-trip\.v1\.zip"/);
		const res = await fetch(srv().url(`${C}/package.zip`), {
		    headers: { cookie: [...author.jar].map(([k, v]) =>
		    `${k}=${v}`).join('; ') } });
		pkg = Buffer.from(await res.arrayBuffer());
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'szip-'));
		fs.writeFileSync(path.join(tmp, 'c.zip'), pkg);
		execFileSync('unzip', ['-q', '-d', path.join(tmp, 'z'),
		    path.join(tmp, 'c.zip')]);
		const x = await srv().ethica(['course', 'export', 'zip-trip',
		    path.join(tmp, 'x')]);
		assert.equal(x.code, 0);
		const a = files(path.join(tmp, 'z'));
		assert.ok(a['course.yaml'] && a['m01/first-steps.en.md'] !==
		    undefined, Object.keys(a).join(' '));
		assert.deepEqual(a, files(path.join(tmp, 'x')));
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('uploads the zip back: nothing changes', async () => {
		const r = await upload(author, `${C}/package`, pkg);
		assert.equal(r.status, 303, r.text.slice(0, 2000));
		assert.equal(r.location, C);
		const o = await author.get(C);
		assert.match(o.text, /nothing changed/);
		assert.match(o.text, /version 1\b/);
		const r2 = await upload(author, '/studio/import', pkg);
		assert.equal(r2.status, 303);
		assert.match((await author.get(C)).text, /version 1\b/);
	});

	it('uploads a changed package as a new version', async () => {
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'szip-'));
		const x = await srv().ethica(['course', 'export', 'zip-trip',
		    tmp]);
		assert.equal(x.code, 0);
		ents = Object.keys(files(tmp)).map((n) => ({ name: n,
		    data: fs.readFileSync(path.join(tmp, n)) }));
		for (const e of ents)
			if (e.name === 'm01/first-steps.en.md')
				e.data = '# First steps\n\nNew text.\n';
		// In one top folder, as zipping a folder gives.
		const z = zip(ents.map((e) => ({ ...e,
		    name: `zip-trip/${e.name}` })));
		const r = await upload(author, '/studio/import', z);
		assert.equal(r.status, 303, r.text.slice(0, 2000));
		const o = await author.get(C);
		assert.match(o.text, /saved as a new version/);
		assert.match(o.text, /version 2\b/);
		const l = await srv().client().get(
		    '/courses/zip-trip/lessons/first-steps');
		assert.match(l.text, /New text\./);
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	// The package of another course, zip-trap (its address replaced).
	function trap() {
		return zip(ents.map((e) => ({ ...e, data: e.name ===
		    'course.yaml' ? e.data.toString().replace(/zip-trip/g,
		    'zip-trap') : e.data })));
	}

	it('refuses each bad zip with its message, storing nothing',
	    async () => {
		const big = Buffer.alloc(9 * 1024 * 1024);
		const many = [];
		for (let i = 0; i < 1001; i++)
			many.push({ name: `m01/f${i}.md`, data: 'x' });
		const cases = [
			[Buffer.from('not a zip at all'), /not a zip archive/],
			[zip([{ name: 'course.yaml', data: 'x' },
			    { name: 'media/zeros.bin', data: big }]),
			    /larger, once unpacked, than one file/],
			[zip(many), /more files and folders/],
			[zip([{ name: 'course.yaml', data: 'x' },
			    { name: 'm01/../../etc/passwd', data: 'x' }]),
			    /with &quot;\.\.&quot;|with "\.\."/],
			[zip([{ name: 'course.yaml', data: 'x' },
			    { name: '/etc/passwd', data: 'x' }]),
			    /absolute path/],
			[zip([{ name: 'course.yaml', data: 'x' },
			    { name: 'media/l.png', data: '/etc/passwd',
			    link: true }]), /holds a link/],
			[zip([{ name: 'readme.txt', data: 'x' }]),
			    /no course\.yaml/],
			[zip([{ name: 'course.yaml', data: 'slug: [' }]),
			    /Nothing was saved: the course has problems/],
			[null, /Choose a zip file/],
		];
		for (const [z, re] of cases) {
			const r = await upload(author, `${C}/package`, z);
			assert.equal(r.status, 400, String(re));
			assert.match(r.text, re);
			assert.match(r.text, /role="alert"/);
		}
		assert.equal(zip([{ name: 'course.yaml', data: 'x' },
		    { name: 'media/zeros.bin', data: big }]).length < 65536,
		    true, 'the bomb is small');
		// Another course's package on this course's page.
		const mine = await upload(author, `${C}/package`, trap());
		assert.equal(mine.status, 400);
		assert.match(mine.text, /of another course/);
		assert.match((await author.get(C)).text, /version 2\b/);
	});

	it('answers in the user\'s language', async () => {
		author.setCookie('lang', 'ko');
		const r = await upload(author, `${C}/package`,
		    Buffer.from('nope'));
		author.setCookie('lang', 'en');
		assert.equal(r.status, 400);
		assert.match(r.text, T.HANGUL);
		assert.match(r.text, /zip 압축 파일이 아닙니다/);
	});

	it('lets a translator download but not upload', async () => {
		translator = await signIn(srv(), translatorEmail, 'learner');
		const t = await author.getForm(`${C}/team`);
		const add = await author.post(`${C}/team`, { csrf: t.csrf,
		    op: 'add', email: translatorEmail, role: 'translator' });
		assert.equal(add.status, 303);
		assert.equal((await translator.get(`${C}/package.zip`)).status,
		    200);
		const page = await translator.get(`${C}/package`);
		assert.equal(page.status, 200);
		assert.doesNotMatch(page.text, /name="package"/);
		const r = await T.mpost(translator, `${C}/package`,
		    { csrf: (await translator.getForm(`${C}/package`)).csrf },
		    [{ field: 'package', name: 'c.zip', data: pkg }]);
		assert.equal(r.status, 403);
		const r2 = await upload(translator, '/studio/import', pkg);
		assert.equal(r2.status, 403);
	});

	it('refuses another course\'s author and a learner', async () => {
		other = await signIn(srv(), S.uniqueEmail('other'), 'author');
		assert.equal((await other.get(`${C}/package.zip`)).status, 404);
		assert.equal((await other.get(`${C}/package`)).status, 404);
		const r = await upload(other, '/studio/import', pkg);
		assert.equal(r.status, 403);
		learner = await signIn(srv(), S.uniqueEmail('learner'),
		    'learner');
		const l = await learner.get('/studio/import');
		assert.equal(l.status, 200);
		assert.doesNotMatch(l.text, /name="package"/);
		const r2 = await upload(learner, '/studio/import', trap());
		assert.equal(r2.status, 403);
		assert.equal((await srv().client().get('/courses/zip-trap'))
		    .status, 404);
		const anon = await srv().client().get(`${C}/package.zip`);
		assert.equal(anon.status, 303);
	});

	it('refuses an upload without its CSRF token', async () => {
		const r = await upload(author, `${C}/package`, pkg, null);
		assert.equal(r.status, 403);
		const r2 = await upload(author, '/studio/import', pkg, 'forged');
		assert.equal(r2.status, 403);
	});
});
