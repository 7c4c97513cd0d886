'use strict';
// offline.test.js: the offline edition of a course (issue 20.4) on a real
// server. `ethica course pack` writes a folder whose pages all link to
// files that exist in it (relative links only, so it works from a folder,
// a zip or a USB stick), with every lesson, quiz, topic and media file,
// unique ids on the printable page, answers for readers without
// JavaScript; it refuses an unknown course or language and a wrong usage
// without writing anything. The course page offers each recorded edition
// by language, size and date, says when one was made from an earlier
// version, and sends the very zip file; an unknown language is a 404.
// A learner back online records the lessons read offline: sign-in first
// (coming back to the same list), then a confirmation page listing the
// lessons the link names (unknown keys and repeats dropped, a forged list
// read no further than its cap), then one POST with the CSRF token marks
// them done.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const COURSE = '/courses/demo-intro';
const PASSWORD = 'ethica-demo-2026';

// links(html): every href and src of the page.
function links(html) {
	const out = [];
	for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g))
		out.push(S.decodeEntities(m[1]));
	return out;
}

// pack(srv, args): runs `ethica course pack ...`; returns the result.
function pack(srv, args) {
	return srv.ethica(['course', 'pack', ...args]);
}

T.serverSuite('offline', (srv) => {
	let tmp;

	before(async () => {
		const r = await srv().ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-offline-'));
	});

	it('a course with no offline edition offers none', async () => {
		const r = await srv().client().get(COURSE);
		assert.equal(r.status, 200);
		assert.doesNotMatch(r.text, /offline-editions/);
		const z = await srv().client().get(`${COURSE}/offline/en.zip`);
		assert.equal(z.status, 404);
	});

	it('an edition folder holds every page and file its links name',
	    async () => {
		const out = path.join(tmp, 'ko');
		const r = await pack(srv(), ['demo-intro', '--lang', 'ko',
		    '--dir', out]);
		assert.equal(r.code, 0, r.stderr);
		const files = fs.readdirSync(out);
		for (const f of ['index.html', 'print.html', 'ethica.css',
		    'offline.js', 'lesson-why-ethics.html',
		    'lesson-spotting-questions.html', 'quiz-m01-quiz.html',
		    'principle-transparency.html'])
			assert.ok(files.includes(f), `${f} in ${files}`);
		assert.deepEqual(fs.readdirSync(path.join(out, 'media')).sort(),
		    ['checklist.txt', 'loop.svg', 'why-ethics.en.vtt',
		    'why-ethics.ko.vtt', 'why-ethics.webm']);
		let checked = 0;
		for (const f of files.filter((x) => x.endsWith('.html'))) {
			const html = fs.readFileSync(path.join(out, f), 'utf8');
			assert.match(html, /<html lang="ko" dir="ltr">/, f);
			for (const l of links(html)) {
				// Captions are inline (data:text/vtt): a page opened
				// from a file may fetch no <track>.
				if (/^https?:\/\//.test(l) ||
				    /^data:text\/vtt;base64,/.test(l))
					continue;
				assert.doesNotMatch(l, /^\//,
				    `${f}: ${l} only works on the site`);
				const target = l.split('#')[0];
				if (target === '')
					continue;
				assert.ok(fs.existsSync(path.join(out, target)),
				    `${f} links to missing ${target}`);
				checked++;
			}
			const ids = [...html.matchAll(/\sid="([^"]*)"/g)]
			    .map((m) => m[1]);
			assert.equal(new Set(ids).size, ids.length,
			    `${f}: repeated id`);
		}
		assert.ok(checked > 30, `only ${checked} links checked`);
		const quiz = fs.readFileSync(path.join(out, 'quiz-m01-quiz.html'),
		    'utf8');
		// Without JavaScript each question shows its answer on
		// request; the check button appears only with the script.
		const qs = (quiz.match(/<fieldset class="quiz-q"/g) || []).length;
		assert.equal(qs, 6);
		assert.equal((quiz.match(/<details class="offline-answer">/g) ||
		    []).length, qs);
		assert.match(quiz, /<p class="offline-check" hidden>/);
		assert.doesNotMatch(quiz, /<form[^>]*method="post"/);
		const index = fs.readFileSync(path.join(out, 'index.html'),
		    'utf8');
		assert.match(index, /data-online="http/);
		const print = fs.readFileSync(path.join(out, 'print.html'),
		    'utf8');
		assert.equal((print.match(/<article class="lesson print-lesson"/g) ||
		    []).length, 2);
	});

	it('packing refuses an unknown course, language or usage and writes ' +
	    'nothing', async () => {
		const cases = [
			[['no-such-course', '--lang', 'en', '--dir',
			    path.join(tmp, 'a')], /no course no-such-course/],
			[['demo-intro', '--lang', 'fr', '--dir',
			    path.join(tmp, 'b')], /has no text in fr/],
			[['demo-intro', '--out', path.join(tmp, 'c.zip')],
			    /usage/],
			[['--all', 'demo-intro'], /usage/],
			[[], /usage/],
		];
		for (const [args, re] of cases) {
			const r = await pack(srv(), args);
			assert.notEqual(r.code, 0, args.join(' '));
			assert.match(r.stderr, re, args.join(' '));
		}
		for (const f of ['a', 'b', 'c.zip'])
			assert.ok(!fs.existsSync(path.join(tmp, f)), f);
		assert.deepEqual(fs.readdirSync(tmp).filter((f) =>
		    f.includes('.tmp')), []);
	});

	it('the course page offers each edition and sends its zip',
	    async () => {
		const r = await pack(srv(), ['demo-intro']);
		assert.equal(r.code, 0, r.stderr);
		const c = srv().client({ headers: { 'accept-language': 'ko' } });
		const page = await c.get(COURSE);
		assert.match(page.text, /class="offline-editions"/);
		for (const l of ['en', 'ko']) {
			assert.match(page.text, new RegExp(`href="${COURSE}/` +
			    `offline/${l}.zip" hreflang="${l}" download`));
		}
		assert.match(page.text, /영어/);
		assert.doesNotMatch(page.text, /이전 버전/);
		const z = await c.get(`${COURSE}/offline/ko.zip`);
		assert.equal(z.status, 200);
		assert.equal(z.headers.get('content-type'), 'application/zip');
		assert.match(z.headers.get('content-disposition'),
		    /attachment; filename="demo-intro\.ko\.zip"/);
		const file = fs.readFileSync(path.join(srv().dataDir, 'offline',
		    'demo-intro.ko.zip'));
		assert.equal(z.bytes, file.length);
		assert.equal(z.text.slice(0, 4), 'PK\x03\x04');
		// Unzipping makes one folder (the walk found 62 loose files).
		const raw = fs.readFileSync(path.join(srv().dataDir, 'offline',
		    'demo-intro.ko.zip'));
		const names = [];
		for (let at = 0; raw.readUInt32LE(at) === 0x04034b50; ) {
			const n = raw.readUInt16LE(at + 26);
			const extra = raw.readUInt16LE(at + 28);
			const size = raw.readUInt32LE(at + 18);
			names.push(raw.toString('utf8', at + 30, at + 30 + n));
			at += 30 + n + extra + size;
		}
		assert.ok(names.length > 10, `${names.length} entries`);
		assert.ok(names.every((x) => x.startsWith('demo-intro-ko/')),
		    names.join(' '));
		assert.ok(names.includes('demo-intro-ko/index.html'));
		for (const p of [`${COURSE}/offline/fr.zip`,
		    `${COURSE}/offline/KO.zip`, '/courses/nope/offline/en.zip',
		    `${COURSE}/offline/en.tar`])
			assert.equal((await c.get(p)).status, 404, p);
	});

	it('an edition made from an earlier version says so', async () => {
		const dir = S.courseCopy('offline-v2', (y) => y.replace(
		    /minutes: (\d+)/, (m, n) => `minutes: ${Number(n) + 1}`));
		const r = await srv().ethica(['course', 'import', dir]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		const page = await srv().client().get(COURSE);
		assert.match(page.text, /from an earlier version of the course/);
		assert.equal((await pack(srv(), ['demo-intro', '--lang',
		    'en'])).code, 0);
		const again = await srv().client().get(COURSE);
		const en = again.text.match(/offline\/en\.zip[^\n]*/)[0];
		const ko = again.text.match(/offline\/ko\.zip[^\n]*/)[0];
		assert.doesNotMatch(en, /earlier version/);
		assert.match(ko, /earlier version/);
	});

	it('lessons read offline are recorded after signing in',
	    async () => {
		// The lessons' stable ids, as the edition's pages carry them.
		const index = fs.readFileSync(path.join(tmp, 'ko',
		    'index.html'), 'utf8');
		const ids = [...index.matchAll(/data-lesson="([0-9]+)"/g)]
		    .map((m) => m[1]);
		assert.equal(ids.length, 2);
		const list = `${ids[1]}.999999.x.${ids[0]}.${ids[0]}`;
		const email = S.uniqueEmail('offline');
		await srv().addUser(email, 'learner', PASSWORD);
		const back = `${COURSE}/offline-read?lessons=${list}`;
		const c = srv().client();
		const anon = await c.get(back);
		T.see303(anon, srv(), '/login?next=' + encodeURIComponent(back));
		await T.login(c, srv(), email, PASSWORD, back);
		const f = await c.getForm(back);
		assert.equal(f.status, 200);
		const items = [...f.html.matchAll(/<li>([^<]*)<\/li>/g)]
		    .map((m) => m[1]);
		assert.deepEqual(items, ['Why AI ethics?',
		    'Spotting an ethical question']);
		let r = await c.post(`${COURSE}/offline-read`,
		    { lessons: list });
		assert.equal(r.status, 403);
		assert.equal(((await c.get(COURSE)).text.match(/tag-done/g) ||
		    []).length, 0);
		r = await c.post(`${COURSE}/offline-read`, { csrf: f.csrf,
		    lessons: list });
		T.see303(r, srv(), COURSE);
		const page = await c.get(COURSE);
		assert.match(page.text, /recorded as done/);
		assert.equal((page.text.match(/tag-done/g) || []).length, 2);
	});

	it('a forged list longer than OFFLINE_MAX_READ is cut there',
	    async () => {
		const email = S.uniqueEmail('offline-forged');
		await srv().addUser(email, 'learner', PASSWORD);
		const c = srv().client();
		await T.login(c, srv(), email, PASSWORD, '/me');
		// 500 ids are read (OFFLINE_MAX_READ), the 501st, a real
		// lesson's, is not (the list stays under Kore's 2,000 bytes).
		const index = fs.readFileSync(path.join(tmp, 'ko',
		    'index.html'), 'utf8');
		const real = index.match(/data-lesson="([0-9]+)"/)[1];
		const keys = Array.from({ length: 500 }, () => '9')
		    .concat(real).join('.');
		const f = await c.getForm(`${COURSE}/offline-read?lessons=` +
		    keys);
		assert.equal(f.status, 200);
		// Past the cap, the real key at the end is not read.
		assert.deepEqual([...f.html.matchAll(/<li>([^<]*)<\/li>/g)], []);
		assert.match(f.html, /names no lesson/);
	});
});
