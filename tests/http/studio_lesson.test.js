'use strict';
// studio_lesson.test.js: the studio's lesson editor (issue 16.3). An
// author makes a course in the studio (English and Korean), opens a
// lesson's editor from the outline, previews unsaved text (the preview's
// body is byte for byte the learner's lesson body once saved, case cards
// included), sees unknown case names and images without alt text flagged
// before saving, saves with a note, adds an image with alt text, sets a
// video with captions in both languages, and a learner sees the video
// with its <track> elements and the transcript. Refused, each with its
// message: a file too large, of the wrong type, an image without alt
// text, bad captions (in English and in Korean); a translator edits the
// Korean text only, an author of another course gets 404, a POST
// without CSRF 403; the old /author/ address sends to the editor.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { it, before } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const COURSE = 'lesson-studio';
const C = `/studio/courses/${COURSE}`;
const L = `${C}/lessons/first-steps`;
const ED = `${L}/en`;
const LEARN = `/courses/${COURSE}/lessons/first-steps`;
const WEBM = fs.readFileSync(path.join(S.ROOT, 'content', 'courses',
    'demo-intro', 'media', 'why-ethics.webm'));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108' +
    '0600000001f15c4a0000000d4944415478da63f8cfc0f01f0005000201a4' +
    '5d2b6f0000000049454e44ae426082', 'hex');
const VTT_EN = 'WEBVTT\n\n00:00.000 --> 00:02.000\nA hiring tool ranks ' +
    'people.\n\n00:02.000 --> 00:04.000\n[quiet music]\n';
const VTT_KO = 'WEBVTT\n\n00:00.000 --> 00:04.000\n채용 도구가 사람을 ' +
    '순위 매깁니다.\n';

async function signIn(srv, email, role) {
	await srv.addUser(email, role, PASSWORD);
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD);
	return c;
}

// send(client, path, fields, files, opts): a multipart POST as the
// browser sends our forms, with the CSRF token of the page at opts.from
// (default path; opts.csrf null: none) and opts.headers.
async function send(c, p, fields, files = [], opts = {}) {
	const fd = new FormData();
	if (opts.csrf !== null) {
		const f = await c.getForm(opts.from || p);
		assert.ok(f.csrf, `csrf on ${opts.from || p} (${f.status})`);
		fd.append('csrf', f.csrf);
	}
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v])
			fd.append(k, String(x));
	for (const f of files)
		fd.append(f.field, new Blob([f.data]), f.name);
	return c.request('POST', p, { body: fd, headers: opts.headers });
}

// body(html): the lesson body the page renders (the learner's partial).
function body(html, after) {
	const from = after ? html.indexOf(after) : 0;
	const m = /<div class="lesson-body">([\s\S]*?)<\/div>/
	    .exec(html.slice(from));
	assert.ok(m, 'no lesson body');
	return m[1];
}

T.serverSuite('studio_lesson', (srv) => {
	let author, translator, other;
	const authorEmail = S.uniqueEmail('author');
	const translatorEmail = S.uniqueEmail('translator');

	before(async () => {
		const cs = await srv().ethica(['demo', 'cases']);
		assert.equal(cs.code, 0, cs.stdout + cs.stderr);
		author = await signIn(srv(), authorEmail, 'author');
		const f = await author.getForm('/studio');
		const r = await author.post('/studio', { csrf: f.csrf,
		    title: 'Lessons in the studio', slug: COURSE,
		    summary: 'A course for the editor.', default_language: 'en',
		    language: ['ko'], level: 'beginner', licence: 'CC-BY-4.0',
		    principle: ['fairness'], track: 'foundations',
		    module_title: 'Basics', lesson_title: 'First steps' });
		assert.equal(r.status, 303, S.text(r.text).slice(0, 300));
	});

	it('opens the editor from the outline, and the old address sends ' +
	    'to it', async () => {
		const o = await author.get(C);
		assert.match(o.text, new RegExp(`href="${ED}"`));
		const e = await author.get(ED);
		assert.equal(e.status, 200);
		assert.match(e.text, /name="title"[^>]*value="First steps"/);
		assert.match(e.text, /name="minutes"[^>]*value="10"/);
		assert.match(e.text, /name="note"/);
		assert.match(e.text, /name="image" type="file"/);
		assert.match(e.text, /name="captions_ko"/);
		const old = await author.get(`/author/courses/${COURSE}/lessons/` +
		    'first-steps/en');
		assert.equal(old.status, 303);
		assert.equal(T.where(old, srv().base), ED);
	});

	it('previews unsaved text as the lesson page renders it, flags ' +
	    'unknown cases and images without alt, saves with a note',
	    async () => {
		const text = 'Why audits matter.\n\n## A register\n\n' +
		    '::case[amsterdam-algorithm-register]\n\n| a | b |\n' +
		    '|---|---|\n| 1 | 2 |\n';
		let r = await send(author, ED, { title: 'First steps',
		    minutes: '12', text, preview: '1' });
		assert.equal(r.status, 200);
		const pv = body(r.text, 'id="preview-h"');
		assert.match(pv, /<aside class="case-card"/);
		assert.doesNotMatch(r.text, /To fix before saving/);
		// Nothing saved by a preview.
		assert.doesNotMatch((await srv().client().get(LEARN)).text,
		    /Why audits matter/);
		// Flags, before any save.
		r = await send(author, ED, { title: 'First steps',
		    text: 'Intro\n\n::case[no-such-case]\n\n![](media/x.png)\n',
		    preview: '1' });
		assert.equal(r.status, 200);
		assert.match(r.text, /To fix before saving/);
		assert.match(r.text, /<code dir="ltr">::case\[no-such-case\]<\/code>/);
		assert.match(r.text, /An image on line 5 has no alt text/);
		r = await send(author, ED, { title: 'First steps',
		    text: 'Intro\n\n![](media/x.png)\n', save: '1' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Line 3: an image has no alt text/);
		T.fieldError(r.text, 'text');
		// Saved: a new version; the learner's body equals the preview.
		r = await send(author, ED, { title: 'First steps, revised',
		    minutes: '12', text, note: 'Adds the register', save: '1' });
		assert.equal(r.status, 303);
		assert.equal(T.where(r, srv().base), ED);
		const page = await author.get(ED);
		assert.match(page.text, /The lesson is saved as a new version/);
		const learn = await srv().client().get(LEARN);
		assert.equal(learn.status, 200);
		assert.match(learn.text, /First steps, revised/);
		assert.equal(body(learn.text), pv);
		const exp = await srv().ethica(['course', 'export', COURSE,
		    fs.mkdtempSync(path.join(require('node:os').tmpdir(),
		    'sl-'))]);
		assert.equal(exp.code, 0, exp.stderr);
	});

	it('refuses bad input with what to fix: sizes, types, alt text, ' +
	    'minutes', async () => {
		const text = (await author.get(ED)).text;
		assert.match(text, /Why audits matter/);
		const keep = { title: 'First steps, revised', minutes: '12',
		    text: 'Why audits matter.\n', save: '1' };
		let r = await send(author, ED, { ...keep, alt: 'A chart' },
		    [{ field: 'image', name: 'chart.png',
		    data: Buffer.from('GIF89a\x01\x00\x01\x00') }]);
		assert.equal(r.status, 400);
		assert.match(r.text, /Only PNG, JPEG and WebP images are accepted/);
		T.fieldError(r.text, 'image');
		r = await send(author, ED, { ...keep, alt: '' },
		    [{ field: 'image', name: 'chart.png', data: PNG }]);
		assert.equal(r.status, 400);
		assert.match(r.text, /Describe what the image shows/);
		T.fieldError(r.text, 'alt');
		const big = Buffer.alloc(10 * 1024 * 1024 + 1);
		PNG.copy(big);
		r = await send(author, ED, { ...keep, alt: 'A chart' },
		    [{ field: 'image', name: 'big.png', data: big }]);
		assert.equal(r.status, 400);
		assert.match(r.text, /The file is larger than 10 MB\./);
		// More files than a form may carry: the 413 page.
		r = await send(author, `${L}/video`, { lang: 'en' },
		    Array.from({ length: 9 }, (_, i) => ({
		    field: 'captions_en', name: `${i}.vtt`, data: VTT_EN })),
		    { from: ED });
		assert.equal(r.status, 413);
		// A text over v_text's bound: said, not a bare 400 page.
		r = await send(author, ED, { ...keep,
		    text: 'x'.repeat(100001) });
		assert.equal(r.status, 400);
		assert.match(r.text, /Write at most 100,000 bytes of UTF-8 text/);
		T.fieldError(r.text, 'text');
		r = await send(author, ED, { ...keep, minutes: '601' });
		assert.equal(r.status, 400);
		T.fieldError(r.text, 'minutes');
		// The text stays as sent.
		assert.match(r.text, /Why audits matter\./);
		// Korean: the same refusal in the reader's language.
		r = await send(author, ED, { ...keep, alt: 'A chart' },
		    [{ field: 'image', name: 'chart.png',
		    data: Buffer.from('<svg xmlns="x"/>') }],
		    { headers: { 'accept-language': 'ko' } });
		assert.equal(r.status, 400);
		assert.doesNotMatch(r.text, /Only PNG, JPEG and WebP/);
		assert.match(r.text, T.HANGUL);
	});

	it('adds an image with alt text to media/ and the text', async () => {
		const r = await send(author, ED, { title: 'First steps, revised',
		    minutes: '12', text: 'Why audits matter.\n', alt: 'A bar chart',
		    save: '1' }, [{ field: 'image', name: 'c.png', data: PNG }]);
		assert.equal(r.status, 303);
		const e = await author.get(ED);
		const m = /!\[A bar chart\]\((media\/first-steps-[0-9a-f]{12}\.png)\)/
		    .exec(e.text);
		assert.ok(m, 'no image reference in the text');
		const learn = await srv().client().get(LEARN);
		assert.match(learn.text, new RegExp(`<img src="${m[1]}" ` +
		    'alt="A bar chart"'));
		const img = await srv().client().get(`/courses/${COURSE}/lessons/` +
		    m[1]);
		assert.equal(img.status, 200);
		assert.equal(img.headers.get('content-type'), 'image/png');
		assert.equal(img.bytes, PNG.length);
		// A preview's relative media/ link lands on it too.
		const rel = await author.get(`${L}/${m[1]}`);
		assert.equal(rel.status, 303);
		assert.equal(T.where(rel, srv().base),
		    `/courses/${COURSE}/lessons/${m[1]}`);
	});

	it('sets a video with captions per language, refusing bad files',
	    async () => {
		const V = `${L}/video`;
		let r = await send(author, V, { lang: 'en' }, [
		    { field: 'video', name: 'v.webm', data: WEBM },
		    { field: 'captions_en', name: 'en.vtt', data: VTT_EN }],
		    { from: ED });
		assert.equal(r.status, 400);
		assert.match(r.text, /a new video needs them in every language/);
		T.fieldError(r.text, 'captions_ko');
		r = await send(author, V, { lang: 'en' }, [
		    { field: 'video', name: 'v.webm', data: WEBM },
		    { field: 'captions_en', name: 'en.vtt',
		    data: 'WEBVTT\n\n00:03.000 --> 00:01.000\nx\n' },
		    { field: 'captions_ko', name: 'ko.vtt', data: VTT_KO }],
		    { from: ED });
		assert.equal(r.status, 400);
		assert.match(r.text, /Line 3: a cue must end after it starts\./);
		T.fieldError(r.text, 'captions_en');
		r = await send(author, V, { lang: 'en' }, [
		    { field: 'video', name: 'v.webm', data: WEBM },
		    { field: 'captions_en', name: 'en.vtt',
		    data: 'WEBVTT\n\n00:03.000 --> 00:01.000\nx\n' },
		    { field: 'captions_ko', name: 'ko.vtt', data: VTT_KO }],
		    { from: ED, headers: { 'accept-language': 'ko' } });
		assert.equal(r.status, 400);
		assert.doesNotMatch(r.text, /a cue must end after it starts/);
		assert.match(r.text, T.HANGUL);
		r = await send(author, V, { lang: 'en' }, [
		    { field: 'video', name: 'v.webm', data: PNG },
		    { field: 'captions_en', name: 'en.vtt', data: VTT_EN },
		    { field: 'captions_ko', name: 'ko.vtt', data: VTT_KO }],
		    { from: ED });
		assert.equal(r.status, 400);
		assert.match(r.text, /Only WebM and MP4 videos are accepted/);
		T.fieldError(r.text, 'video');
		r = await send(author, V, { lang: 'en', note: 'A video' }, [
		    { field: 'video', name: 'v.webm', data: WEBM },
		    { field: 'captions_en', name: 'en.vtt', data: VTT_EN },
		    { field: 'captions_ko', name: 'ko.vtt', data: VTT_KO }],
		    { from: ED });
		assert.equal(r.status, 303, S.text(r.text).slice(0, 400));
		const learn = await srv().client().get(LEARN);
		const M = `/courses/${COURSE}/media/first-steps-[0-9a-f]{12}`;
		assert.match(learn.text, new RegExp('<video controls ' +
		    `preload="metadata" src="${M}\\.webm">`));
		assert.match(learn.text, new RegExp('<track kind="captions" ' +
		    `src="${M}\\.en\\.vtt" srclang="en"`));
		assert.match(learn.text, new RegExp('<track kind="captions" ' +
		    `src="${M}\\.ko\\.vtt" srclang="ko"`));
		assert.match(learn.text, /<summary>Transcript<\/summary>[\s\S]*A hiring tool ranks people\./);
		const src = new RegExp(`src="(${M}\\.webm)"`).exec(learn.text)[1];
		const v = await srv().client().get(src);
		assert.equal(v.status, 200);
		assert.equal(v.bytes, WEBM.length);
	});

	it('lets a translator edit the Korean text only', async () => {
		let r = await send(author, `${C}/team`, { op: 'add',
		    email: translatorEmail, role: 'translator' }, [],
		    { from: `${C}/team` });
		assert.equal(r.status, 400, 'no account yet');
		translator = await signIn(srv(), translatorEmail, 'learner');
		r = await send(author, `${C}/team`, { op: 'add',
		    email: translatorEmail, role: 'translator' }, [],
		    { from: `${C}/team` });
		assert.equal(r.status, 303, S.text(r.text).slice(0, 1500));
		const KO = `${L}/ko`;
		// The outline leads the translator to the Korean text.
		const o = await translator.get(C);
		assert.match(o.text, new RegExp(`href="${KO}"`));
		assert.doesNotMatch(o.text, new RegExp(`href="${ED}"`));
		assert.equal((await translator.get(ED)).status, 403);
		const page = await translator.get(KO);
		assert.equal(page.status, 200);
		assert.doesNotMatch(page.text, /name="minutes"/);
		assert.doesNotMatch(page.text, /name="image"/);
		assert.doesNotMatch(page.text, /name="video"/);
		assert.doesNotMatch(page.text, /name="captions_en"/);
		assert.doesNotMatch(page.text, new RegExp(`href="${ED}"`));
		assert.doesNotMatch(page.text, /Other languages:/);
		r = await send(translator, ED, { title: 'Mine', text: 'x',
		    save: '1' }, [], { from: KO });
		assert.equal(r.status, 403);
		r = await send(translator, KO, { title: '첫걸음', minutes: '40',
		    text: '한국어 본문\n', save: '1' });
		assert.equal(r.status, 403, 'minutes are the authors\'');
		r = await send(translator, KO, { title: '첫걸음',
		    text: '한국어 본문\n', note: '번역', save: '1' });
		assert.equal(r.status, 303, S.text(r.text).slice(0, 1500));
		const ko = await srv().client().get(LEARN,
		    { headers: { 'accept-language': 'ko' } });
		assert.match(ko.text, /한국어 본문/);
		assert.match(ko.text, /첫걸음/);
		const en = await srv().client().get(LEARN);
		assert.match(en.text, /First steps, revised/);
		// The Korean captions alone are the translator's too.
		r = await send(translator, `${L}/video`, { lang: 'ko' }, [
		    { field: 'captions_ko', name: 'ko.vtt', data: VTT_KO +
		    '\n00:04.000 --> 00:05.000\n끝\n' }], { from: KO });
		assert.equal(r.status, 303);
		r = await send(translator, `${L}/video`, { lang: 'ko' }, [
		    { field: 'captions_en', name: 'en.vtt', data: VTT_EN }],
		    { from: KO });
		assert.equal(r.status, 403);
	});

	it('keeps another course\'s author out, and POSTs need CSRF',
	    async () => {
		other = await signIn(srv(), S.uniqueEmail('other'), 'author');
		assert.equal((await other.get(ED)).status, 404);
		let r = await send(other, ED, { title: 'Hijack', text: 'Hijack',
		    save: '1' }, [], { from: '/studio' });
		assert.equal(r.status, 404);
		r = await send(other, `${L}/video`, { lang: 'en' }, [
		    { field: 'captions_en', name: 'en.vtt', data: VTT_EN }],
		    { from: '/studio' });
		assert.equal(r.status, 404);
		r = await send(author, ED, { title: 'No token', text: 'x',
		    save: '1' }, [], { csrf: null });
		assert.equal(r.status, 403);
		r = await send(author, `${L}/video`, { lang: 'en' }, [
		    { field: 'captions_en', name: 'en.vtt', data: VTT_EN }],
		    { csrf: null });
		assert.equal(r.status, 403);
		assert.doesNotMatch((await srv().client().get(LEARN)).text,
		    /Hijack|No token/);
		// Anonymous visitors are sent to log in.
		const anon = await srv().client().get(ED);
		assert.ok([302, 303].includes(anon.status));
	});
});
