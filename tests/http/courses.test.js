'use strict';
// courses.test.js: the catalog (filters as links with counts, search,
// empty states), the course page, the lesson page in English and Korean
// and the fallback notice, media serving (type, ETag, 304), and the
// lesson editor, now the studio's (the old /author/ address sends there;
// listed author edits and previews; an unlisted author and a learner get
// 404, the course being none of theirs; a bad save keeps the text and
// says what to fix; a good save makes a new version that `course export`
// shows),
// and the catalog's per-worker snapshot following imports made by another
// process (the CLI) while the server runs.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const LESSON = '/courses/demo-intro/lessons/why-ethics';
const EDIT = '/studio/courses/demo-intro/lessons/why-ethics/en';
const OLD_EDIT = '/author/courses/demo-intro/lessons/why-ethics/en';

function main(html) {
	const m = /<main[^>]*>([\s\S]*)<\/main>/.exec(html);
	return m ? m[1] : html;
}

async function signIn(srv, email, role) {
	await srv.addUser(email, role, PASSWORD);
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD);
	return c;
}

// postForm(client, path, fields): a multipart POST with the page's CSRF.
async function postForm(c, p, fields) {
	const page = await c.getForm(p);
	const fd = new FormData();
	fd.append('csrf', page.csrf || '');
	for (const [k, v] of Object.entries(fields))
		fd.append(k, v);
	return c.request('POST', p, { body: fd });
}

T.serverSuite('courses', (srv) => {
	before(async () => {
		// The starter course embeds sample cases (::case[slug]).
		const cs = await srv().ethica(['demo', 'cases']);
		assert.equal(cs.code, 0, cs.stdout + cs.stderr);
		for (const slug of ['ethics-of-ai', 'demo-intro']) {
			const r = await srv().ethica(['course', 'import',
			    path.join(S.ROOT, 'content', 'courses', slug)]);
			assert.equal(r.code, 0, r.stdout + r.stderr);
		}
	});

	it('lists both courses with filter links and counts', async () => {
		const c = srv().client();
		const r = await c.get('/courses');
		assert.equal(r.status, 200);
		const m = main(r.text);
		assert.match(m, /Ten minutes of AI ethics/);
		assert.match(m, /Ethics of AI/);
		assert.match(m, /2 courses/);
		// awareness: both courses; fairness: only the starter course
		assert.match(m, /<a href="\/courses\?principle=awareness">Awareness and literacy<\/a> \(2\)/);
		assert.match(m, /<a href="\/courses\?principle=fairness">Fairness and non-discrimination<\/a> \(1\)/);
		assert.match(m, /<a href="\/courses\?lang=ko">Korean<\/a> \(2\)/);
	});

	it('filters by principle and keeps other filters in links', async () => {
		const c = srv().client();
		const r = await c.get('/courses?principle=fairness');
		const m = main(r.text);
		assert.match(m, /1 course\b/);
		assert.match(m, /Ethics of AI/);
		assert.doesNotMatch(m, /Ten minutes of AI ethics/);
		assert.match(m, /href="\/courses\?principle=fairness&amp;level=beginner"/);
		assert.match(m, /<a href="\/courses">Any<\/a>/);
	});

	it('ignores malformed or overlong filters and 404s overlong slugs',
	    async () => {
		const c = srv().client();
		const long = 'a'.repeat(101);
		for (const q of ['-fairness', 'Fairness', long, 'fair%20ness']) {
			const r = await c.get('/courses?principle=' + q);
			assert.equal(r.status, 200, q);
			assert.match(main(r.text), /2 courses\b/, q);
		}
		assert.equal((await c.get('/courses?principle=' +
		    'a'.repeat(100))).status, 200);
		assert.equal((await c.get('/courses/' + 'a'.repeat(300))).status,
		    404);
		assert.equal((await c.get('/courses/' + 'a'.repeat(300) +
		    '/lessons/' + 'b'.repeat(300))).status, 404);
		assert.equal((await c.get('/courses/-x/lessons/why-ethics')).status,
		    404);
	});

	it('searches titles and explains an empty result', async () => {
		const c = srv().client();
		let r = await c.get('/courses?q=ten+minutes');
		assert.match(main(r.text), /1 course\b/);
		r = await c.get('/courses?q=no-such-thing-at-all');
		assert.match(main(r.text), /0 courses/);
		assert.match(main(r.text), /No course matches this search/);
		r = await c.get('/courses?level=advanced');
		assert.match(main(r.text), /No course matches/);
	});

	it('shows a course page with modules, languages and the rule',
	    async () => {
		const c = srv().client();
		const r = await c.get('/courses/demo-intro');
		assert.equal(r.status, 200);
		const m = main(r.text);
		assert.match(m, /<h1 lang="en" dir="ltr">Ten minutes of AI ethics<\/h1>/);
		assert.match(m, /href="\/courses\/demo-intro\/lessons\/why-ethics"/);
		assert.match(m, /Read every lesson and mark it as done/);
		assert.match(m, /Pass every graded quiz/);
		assert.match(m, /action="\/courses\/demo-intro\/enrol"/);
		T.csrfOnEveryPostForm(r.text, '/courses/demo-intro');
		assert.equal((await c.get('/courses/nope')).status, 404);
	});

	it('shows a lesson with TOC, captions, transcript and navigation',
	    async () => {
		const c = srv().client();
		const r = await c.get(LESSON);
		assert.equal(r.status, 200);
		const m = main(r.text);
		assert.match(m, /<h1>Why AI ethics\?<\/h1>/);
		assert.match(m, /<a href="#what-the-recommendation-asks">/);
		assert.match(m, /<track kind="captions" src="\/courses\/demo-intro\/media\/why-ethics.en.vtt" srclang="en"/);
		assert.match(m, /Welcome to ten minutes of AI ethics\./);
		assert.match(m, /<img src="media\/loop.svg" alt="A diagram/);
		assert.match(m, /rel="next"/);
		assert.doesNotMatch(m, /class="notice"/);
		const second = await c.get('/courses/demo-intro/lessons/spotting-questions');
		assert.match(main(second.text), /rel="prev"/);
		assert.match(main(second.text), /href="\/courses\/demo-intro\/media\/checklist.txt"/);
		assert.equal((await c.get('/courses/demo-intro/lessons/nope')).status, 404);
	});

	it('shows the lesson in Korean, with a notice when missing',
	    async () => {
		const ko = srv().client();
		ko.setCookie('lang', 'ko');
		let r = await ko.get(LESSON);
		assert.match(main(r.text), /<h1>왜 AI 윤리인가\?<\/h1>/);
		assert.match(main(r.text), /10분 AI 윤리에 오신 것을 환영합니다/);
		assert.doesNotMatch(main(r.text), /class="notice"/);
		const fr = srv().client({ headers: { 'accept-language': 'fr' } });
		r = await fr.get(LESSON);
		assert.equal(r.status, 200);
	});

	it('serves media with type, caching and 304', async () => {
		const c = srv().client();
		const r = await c.get('/courses/demo-intro/media/why-ethics.ko.vtt');
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/vtt/);
		assert.match(r.text, /^WEBVTT/);
		const etag = r.headers.get('etag');
		assert.ok(etag);
		assert.match(r.headers.get('cache-control'), /max-age/);
		const again = await c.get('/courses/demo-intro/media/why-ethics.ko.vtt',
		    { headers: { 'if-none-match': etag } });
		assert.equal(again.status, 304);
		const img = await c.get('/courses/demo-intro/lessons/media/loop.svg');
		assert.equal(img.status, 200);
		assert.equal(img.headers.get('content-type'), 'image/svg+xml');
		assert.equal((await c.get('/courses/demo-intro/media/none.png')).status, 404);
		assert.equal((await c.get('/courses/demo-intro/media/../course.yaml')).status, 404);
	});

	it('refuses the editor to learners and unlisted authors', async () => {
		const anon = srv().client();
		const old = await anon.get(OLD_EDIT);
		assert.equal(old.status, 303);
		assert.equal(T.where(old, srv().base), EDIT);
		const r0 = await anon.get(EDIT);
		assert.ok([302, 303].includes(r0.status));
		assert.match(r0.location, /\/login/);
		const learner = await signIn(srv(), S.uniqueEmail('l'), 'learner');
		assert.equal((await learner.get(EDIT)).status, 404);
		const other = await signIn(srv(), S.uniqueEmail('a'), 'author');
		assert.equal((await other.get(EDIT)).status, 404);
		const r = await postForm(other, '/courses/demo-intro', {
			text: 'Hijack' });
		assert.notEqual(r.status, 303);
		const lesson = await anon.get(LESSON);
		assert.doesNotMatch(lesson.text, /Hijack/);
	});

	it('lets a listed author preview, fail and save a new version',
	    async () => {
		const a = await signIn(srv(), 'author@demo.ethica.example',
		    'author');
		const page = await a.getForm(EDIT);
		assert.equal(page.status, 200);
		assert.match(page.html, /AI systems now help decide/);
		let r = await postForm(a, EDIT, { text: 'Draft\n\n## Heading two\n',
			preview: '1' });
		assert.equal(r.status, 200);
		assert.match(r.text, /<h2 id="heading-two">Heading two<\/h2>/);
		// The page says what is edited in words, not file names.
		assert.match(page.html, /You are editing the English text of this lesson\./);
		assert.match(page.html, /Other languages: <a href="\/studio\/courses\/demo-intro\/lessons\/why-ethics\/ko" hreflang="ko">Korean<\/a>/);
		assert.doesNotMatch(page.html, /why-ethics\.en\.md/);
		// The preview renders case cards as the lesson page does, and
		// flags a case name that matches no published case before any
		// save.
		r = await postForm(a, EDIT, { text: 'Intro\n\n' +
		    '::case[amsterdam-algorithm-register]\n\n' +
		    '::case[no-such-case]\n', preview: '1' });
		assert.equal(r.status, 200);
		const pv = r.text.split('id="preview-h"')[1];
		assert.ok(pv, 'no preview');
		assert.match(pv, /<aside class="case-card"[^>]*>[\s\S]*?href="\/cases\/amsterdam-algorithm-register"/);
		assert.doesNotMatch(pv, /::case\[amsterdam/);
		assert.match(r.text, /match no published case[\s\S]*?<code[^>]*>::case\[no-such-case\]<\/code>/);
		r = await postForm(a, EDIT, { text: 'x\n\n::case[Bad Name]\n',
		    preview: '1' });
		assert.equal(r.status, 200);
		assert.match(r.text, /A case card is written wrongly/);
		r = await postForm(a, EDIT, { text: 'Bad\n\n![](media/loop.svg)\n',
			save: '1' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Line 3: an image has no alt text/);
		assert.match(r.text, /Bad\r?\n\r?\n!\[\]\(media\/loop.svg\)/);
		// A visitor reads the lesson (twice: a worker keeps the page)
		// and sees the saved text at once.
		const anon = srv().client();
		for (let i = 0; i < 2; i++)
			assert.doesNotMatch((await anon.get(LESSON)).text,
			    /Saved by the author\./);
		r = await postForm(a, EDIT, { text: 'Saved by the author.\n',
			save: '1' });
		assert.equal(r.status, 303);
		assert.equal(T.where(r, srv().base), EDIT);
		assert.match((await a.get(EDIT)).text,
		    /class="success flash" role="status">The lesson is saved as a new version of the course\./);
		const lesson = await anon.get(LESSON);
		assert.match(lesson.text, /Saved by the author\./);
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-exp-'));
		const e = await srv().ethica(['course', 'export', 'demo-intro',
		    out]);
		assert.equal(e.code, 0, e.stderr);
		assert.equal(fs.readFileSync(path.join(out, 'm01',
		    'why-ethics.en.md'), 'utf8'), 'Saved by the author.\n');
		fs.rmSync(out, { recursive: true, force: true });
	});

	it('rejects a bad package with file:line messages, nothing stored',
	    async () => {
		const dir = S.courseCopy('bad', (t) => t
		    .replace('principles: [awareness, transparency]',
		    'principles: [awareness, transparancy]')
		    .replace('slug: demo-intro', 'slug: demo-bad'));
		const r = await srv().ethica(['course', 'import', dir]);
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, /course.yaml:\d+: unknown principle 'transparancy'/);
		assert.equal((await srv().client().get('/courses/demo-bad')).status, 404);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('shows courses imported by another process at once', async () => {
		const c = srv().client();
		// Every worker has its snapshot loaded before the import.
		for (let i = 0; i < 6; i++)
			assert.match(main((await c.get('/courses')).text),
			    /2 courses/);
		const dir = S.courseCopy('new', (t) => t
		    .replace('slug: demo-intro', 'slug: demo-copy')
		    .replace('"Ten minutes of AI ethics"', '"Snapshot copy"'));
		const man = path.join(dir, 'course.yaml');
		let r = await srv().ethica(['course', 'import', dir]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		for (let i = 0; i < 6; i++) {
			const m = main((await c.get('/courses?q=snapshot')).text);
			assert.match(m, /1 course\b/);
			assert.match(m, /href="\/courses\/demo-copy"/);
			assert.match(main((await c.get('/courses')).text),
			    /3 courses/);
		}
		// A new title of an existing course shows too.
		fs.writeFileSync(man, fs.readFileSync(man, 'utf8')
		    .replace('"Snapshot copy"', '"Renamed copy"'));
		r = await srv().ethica(['course', 'import', dir]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		for (let i = 0; i < 6; i++) {
			assert.match(main((await c.get('/courses?q=snapshot')).text),
			    /0 courses/);
			assert.match(main((await c.get('/courses?q=renamed')).text),
			    /Renamed copy/);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
