'use strict';
// studio_translate.test.js: translating a course in the studio (issue
// 16.5). An author creates a course in English and Korean: the table of
// languages × lessons says the Korean lesson is missing; a translator
// translates it beside the source (up to date), may not touch the source,
// the outline or the languages; the author changes the English: the
// translation is outdated and its editor shows the source's diff, until
// the translator confirms; bad input is named; the author adds Arabic
// (right to left in the editor); another course's author and a learner
// get 404; a POST without CSRF is refused; the pages speak Korean.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const C = '/studio/courses/tr-course';
const TR = `${C}/translations`;
const ED = `${TR}/first-steps/ko`;

const NEW = {
	title: 'Translate me', slug: 'tr-course',
	summary: 'A course in two languages.',
	default_language: 'en', language: ['ko'], level: 'beginner',
	licence: 'CC-BY-4.0', principle: ['fairness'], value: [],
	policy_area: [], track: 'foundations',
	module_title: 'Basics', lesson_title: 'First steps',
};

async function signIn(srv, email, role) {
	await srv.addUser(email, role, PASSWORD);
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD);
	return c;
}

// post(client, formPath, fields, postPath): a multipart POST, as the
// browser sends our forms (texts keep their newlines), with the CSRF
// token of the page at formPath.
async function post(c, formPath, fields, postPath) {
	const page = await c.getForm(formPath);
	assert.ok(page.csrf, `csrf on ${formPath} (${page.status})`);
	return T.mpost(c, postPath || formPath, { csrf: page.csrf,
	    ...fields });
}

// state(html, lesson, n): the data-state of the n-th language cell of
// the lesson's row in the table.
function states(html, lesson) {
	const row = html.match(new RegExp(`<tr id="tr-${lesson}">(.*?)</tr>`,
	    's'));
	assert.ok(row, `row of ${lesson}`);
	return [...row[1].matchAll(/data-state="([a-z]+)"/g)].map((m) => m[1]);
}

T.serverSuite('studio translate', (srv) => {
	let author, translator;
	const translatorEmail = S.uniqueEmail('translator');

	it('shows a missing translation in the table', async () => {
		author = await signIn(srv(), S.uniqueEmail('author'), 'author');
		const made = await post(author, '/studio', NEW);
		assert.equal(made.status, 303, made.text.slice(0, 1000));
		const t = await author.get(TR);
		assert.equal(t.status, 200);
		assert.deepEqual(states(t.text, 'first-steps'), ['missing']);
		assert.match(t.text, new RegExp(`href="${ED}"`));
		const en = await author.get(`${TR}/first-steps/en`);
		assert.equal(en.status, 404, 'the source is not a translation');
	});

	it('lets a translator translate beside the source', async () => {
		translator = await signIn(srv(), translatorEmail, 'learner');
		const add = await post(author, `${C}/team`, { op: 'add',
		    email: translatorEmail, role: 'translator' });
		assert.equal(add.status, 303);
		const e = await translator.get(ED);
		assert.equal(e.status, 200);
		assert.match(e.text, /class="tr-pair"/);
		assert.match(e.text, /<textarea id="text" name="text"[^>]*lang="ko"/);
		const bad = await post(translator, ED, { op: 'save', title: '',
		    text: '' });
		assert.equal(bad.status, 400);
		assert.match(bad.text, /id="title-error"/);
		assert.match(bad.text, /id="text-error"/);
		const early = await post(translator, ED, { op: 'confirm' });
		assert.equal(early.status, 400);
		assert.match(early.text, /no translation to confirm yet/);
		const r = await post(translator, ED, { op: 'save',
		    title: '첫걸음', text: '# 첫걸음\n\n한국어 본문.\n' });
		assert.equal(r.status, 303, r.text.slice(r.text.indexOf('<main'), r.text.indexOf('<main') + 4000));
		assert.equal(r.location, ED);
		const after = await translator.get(ED);
		assert.match(after.text, /The translation is saved/);
		assert.match(after.text, /data-state="current"/);
		assert.match(after.text, /<input id="title"[^>]*value="첫걸음"/);
		assert.deepEqual(states((await translator.get(TR)).text,
		    'first-steps'), ['current']);
		const ko = await srv().client().get(
		    '/courses/tr-course/lessons/first-steps?lang=ko');
		assert.match(ko.text, /한국어 본문/);
		assert.match(ko.text, /첫걸음/);
	});

	it('keeps the source, the outline and the languages from a translator',
	    async () => {
		const en = await post(translator, ED, { op: 'save', title: 'x',
		    text: 'y' }, `${TR}/first-steps/en`);
		assert.equal(en.status, 404);
		const o = await post(translator, C, { op: 'lesson-add',
		    module: 'm01', title: 'Mine' });
		assert.equal(o.status, 403);
		const l = await post(translator, TR, { op: 'lang-add',
		    lang: 'fr' });
		assert.equal(l.status, 403);
		const a = await translator.get(
		    '/studio/courses/tr-course/lessons/first-steps/en');
		assert.ok([403, 404].includes(a.status));
		const t = await translator.get(TR);
		assert.doesNotMatch(t.text, /name="op" value="lang-add"/);
	});

	it('marks it outdated with the source diff until confirmed',
	    async () => {
		const ed = '/studio/courses/tr-course/lessons/first-steps/en';
		const r = await post(author, ed, { save: '1',
		    text: '# First steps\n\nA new English paragraph.\n' });
		assert.equal(r.status, 303, r.text.slice(r.text.indexOf('<main'), r.text.indexOf('<main') + 4000));
		assert.deepEqual(states((await translator.get(TR)).text,
		    'first-steps'), ['outdated']);
		const e = await translator.get(ED);
		assert.match(e.text, /data-state="outdated"/);
		assert.match(e.text, /<ins>.*\+ A new English paragraph\.<\/ins>/);
		assert.match(e.text, /<ins>.*\+ # First steps<\/ins>/);
		const c = await post(translator, ED, { op: 'confirm' });
		assert.equal(c.status, 303);
		const after = await translator.get(ED);
		assert.match(after.text, /The translation is confirmed/);
		assert.match(after.text, /data-state="current"/);
		assert.doesNotMatch(after.text, /<ins>/);
		assert.deepEqual(states((await author.get(TR)).text,
		    'first-steps'), ['current']);
	});

	it('lets the author add a language, right to left for Arabic',
	    async () => {
		const bad = await post(author, TR, { op: 'lang-add',
		    lang: 'ko' });
		assert.equal(bad.status, 400);
		assert.match(bad.text, /has this language already/);
		const r = await post(author, TR, { op: 'lang-add', lang: 'ar' });
		assert.equal(r.status, 303, r.text.slice(r.text.indexOf('<main'), r.text.indexOf('<main') + 4000));
		const t = await author.get(TR);
		assert.match(t.text, /The language is added/);
		assert.deepEqual(states(t.text, 'first-steps'),
		    ['current', 'missing']);
		const e = await author.get(`${TR}/first-steps/ar`);
		assert.equal(e.status, 200);
		assert.match(e.text, /<textarea id="text" name="text"[^>]*lang="ar" dir="rtl"/);
		const ar = await srv().client().get(
		    '/courses/tr-course/lessons/first-steps?lang=ar');
		assert.equal(ar.status, 200);
	});

	it('speaks the user\'s language', async () => {
		translator.setCookie('lang', 'ko');
		const t = await translator.get(TR);
		translator.setCookie('lang', 'en');
		assert.equal(t.status, 200);
		assert.match(t.text, T.HANGUL);
		assert.match(t.text, /최신/);
	});

	it('refuses another course\'s author, a learner and a POST without ' +
	    'CSRF', async () => {
		const other = await signIn(srv(), S.uniqueEmail('other'),
		    'author');
		assert.equal((await other.get(TR)).status, 404);
		assert.equal((await other.get(ED)).status, 404);
		const o = await post(other, '/studio', { ...NEW, slug: 'x-y' });
		assert.equal(o.status, 303);
		const f = await other.getForm('/studio');
		const w = await T.mpost(other, ED, { csrf: f.csrf, op: 'save',
		    title: 'x', text: 'y' });
		assert.equal(w.status, 404);
		const learner = await signIn(srv(), S.uniqueEmail('learner'),
		    'learner');
		assert.equal((await learner.get(TR)).status, 404);
		const nc = await T.mpost(translator, ED, { csrf: null,
		    op: 'save', title: 'x', text: 'y' });
		assert.equal(nc.status, 403);
		const anon = await srv().client().get(TR);
		assert.equal(anon.status, 303);
	});
});
