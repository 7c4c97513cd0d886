'use strict';
// studio_quiz.test.js: the studio's quiz editor (issue 16.4). An author
// creates a course in English, Korean and Arabic and builds its module's
// quiz: every form first with bad input (each error at its field, nothing
// saved), then one question of each of the six types, the settings, moves
// (the ends refused) and a removal; the preview grades the author's
// answers as the learner's page does and records no attempt; a learner
// then takes the quiz. A translator edits only the Korean texts (the
// default language, the answers and new questions refused); an author of
// another course gets 404; a POST without its CSRF token 403.

const assert = require('node:assert/strict');
const { it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';

async function signIn(srv, email, role) {
	await srv.addUser(email, role, PASSWORD);
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD);
	return c;
}

// post(client, formPath, fields, postPath): a multipart POST (as the
// browser sends these forms) with the CSRF token of the page at formPath.
async function post(c, formPath, fields, postPath) {
	const page = await c.getForm(formPath);
	assert.ok(page.csrf, `csrf on ${formPath} (${page.status})`);
	return T.mpost(c, postPath || formPath, { csrf: page.csrf,
	    ...fields });
}

const NEW = {
	title: 'Quizzing fairness', slug: 'quiz-fair',
	summary: 'A course to test the quiz editor.',
	default_language: 'en', language: ['ko', 'ar'], level: 'beginner',
	licence: 'CC-BY-4.0', principle: ['fairness'],
	value: ['human-rights'], policy_area: [], track: 'foundations',
	module_title: 'Basics', lesson_title: 'What is bias',
};

const C = '/studio/courses/quiz-fair';
const Q = `${C}/quizzes/m01`;

// The question ids of the editor page, in order.
function questionIds(html) {
	return [...html.matchAll(/<li id="q-(q[0-9]+)">/g)].map((m) => m[1]);
}

function fieldError(html, id) {
	const m = html.match(new RegExp(`<p class="field-error" id="${id}">` +
	    '([^<]*)</p>'));
	return m ? m[1] : null;
}

T.serverSuite('studio_quiz', (srv) => {
	let author, other, translator, learner;
	const email = S.uniqueEmail('qauthor');

	it('shows a module without a quiz and refuses a bad first question',
	    async () => {
		author = await signIn(srv(), email, 'author');
		let r = await post(author, '/studio', NEW);
		assert.equal(r.status, 303, r.text.slice(0, 1500));
		const outline = await author.get(C);
		assert.match(outline.text, new RegExp(`href="${Q}"`));
		const page = await author.get(Q);
		assert.equal(page.status, 200);
		assert.match(page.text, /This module has no quiz yet/);
		const form = await author.get(`${Q}?add=single`);
		assert.equal(form.status, 200);
		assert.match(form.text, /name="o1"/);
		assert.match(form.text, /value="quiz-add"/);
		const tf = await author.get(`${Q}?add=truefalse`);
		assert.match(tf.text, /id="at-new" name="answer" value="true"/);
		assert.doesNotMatch(tf.text, /name="o1"/);
		// No title, no prompt, one option, none correct.
		r = await post(author, Q, { op: 'quiz-add', type: 'single',
		    title: '', prompt: '', feedback: 'Because.', o1: 'Only' });
		assert.equal(r.status, 400);
		assert.ok(fieldError(r.text, 'qz-new-title-e'), 'title');
		assert.ok(fieldError(r.text, 'p-new-e'), 'prompt');
		assert.equal(fieldError(r.text, 'o-new-e'),
		    'Give two or more options.');
		// Two options, none correct.
		r = await post(author, Q, { op: 'quiz-add', type: 'single',
		    title: 'Check', prompt: 'Which?', feedback: 'Because.',
		    o1: 'A', o2: 'B' });
		assert.equal(r.status, 400);
		assert.equal(fieldError(r.text, 'o-new-e'),
		    'Mark exactly one option as correct.');
		assert.match(r.text, /value="Which\?"|>Which\?</, 'kept');
		r = await post(author, Q, { op: 'quiz-add', type: 'essay',
		    title: 'Check', prompt: 'Which?', feedback: 'Because.' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Choose a question type from the list/);
		assert.equal((await author.get(Q)).text.includes(
		    'This module has no quiz yet'), true, 'nothing saved');
	});

	it('creates the quiz with a single-choice question', async () => {
		const r = await post(author, Q, { op: 'quiz-add',
		    type: 'single', title: 'Check your understanding',
		    prompt: 'Which is a protected attribute?',
		    feedback: 'Age is protected in most laws.',
		    o1: 'Age', c1: 'yes', o2: 'Favourite colour' });
		assert.equal(r.status, 303, r.text.slice(0, 3000));
		assert.equal(r.location, `${Q}#q-q1`);
		const p = await author.get(Q);
		assert.match(p.text, /The quiz is saved as a new version/);
		assert.deepEqual(questionIds(p.text), ['q1']);
		const o = await author.get(C);
		assert.match(o.text, /version 2/);
	});

	it('adds one question of each other type, bad input first',
	    async () => {
		const add = (f) => post(author, Q, { op: 'question-add',
		    feedback: 'See the lesson.', ...f });
		let r = await add({ type: 'multiple', prompt: 'Which are ' +
		    'principles?', o1: 'Fairness', o2: 'Speed' });
		assert.equal(r.status, 400);
		assert.equal(fieldError(r.text, 'o-new-e'),
		    'Mark at least one option as correct.');
		r = await add({ type: 'multiple', prompt: 'Which are ' +
		    'principles?', o1: 'Fairness', c1: 'yes', o2: 'Speed',
		    o3: 'Transparency', c3: 'yes' });
		assert.equal(r.status, 303);
		r = await add({ type: 'truefalse', prompt: 'AI is neutral.' });
		assert.equal(r.status, 400);
		assert.equal(fieldError(r.text, 'a-new-e'),
		    'Choose true or false.');
		r = await add({ type: 'truefalse', prompt: 'AI is neutral.',
		    answer: 'false' });
		assert.equal(r.status, 303);
		r = await add({ type: 'numeric', prompt: 'How many member ' +
		    'states adopted it?', answer: 'many', tolerance: '-1' });
		assert.equal(r.status, 400);
		assert.ok(fieldError(r.text, 'a-new-e'));
		assert.ok(fieldError(r.text, 't-new-e'));
		r = await add({ type: 'numeric', prompt: 'How many member ' +
		    'states adopted it?', answer: '193', tolerance: '' });
		assert.equal(r.status, 303);
		r = await add({ type: 'text', prompt: 'Name the method.',
		    accept: '   \n' });
		assert.equal(r.status, 400);
		assert.equal(fieldError(r.text, 'x-new-e'),
		    'Write at least one accepted answer.');
		r = await add({ type: 'text', prompt: 'Name the method.',
		    accept: Array.from({ length: 21 }, (_, i) => `a${i}`)
		    .join('\n') });
		assert.equal(r.status, 400);
		assert.match(fieldError(r.text, 'x-new-e'), /at most 20/);
		r = await add({ type: 'text', prompt: 'Name the method.',
		    accept: 'Readiness assessment methodology\nRAM' });
		assert.equal(r.status, 303);
		r = await add({ type: 'ordering', prompt: 'Order the steps.',
		    o1: 'Assess' });
		assert.equal(r.status, 400);
		r = await add({ type: 'ordering', prompt: 'Order the steps.',
		    o1: 'Assess', o2: 'Mitigate', o3: 'Monitor' });
		assert.equal(r.status, 303);
		r = await add({ type: 'single', prompt: '', feedback: '' });
		assert.equal(r.status, 400);
		assert.ok(fieldError(r.text, 'f-new-e'), 'feedback');
		const p = await author.get(Q);
		assert.deepEqual(questionIds(p.text),
		    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
		const o = await author.get(C);
		assert.match(o.text, /version 7/);
	});

	it('refuses bad settings and saves good ones', async () => {
		let r = await post(author, Q, { op: 'quiz-settings',
		    title: '', pass_mark: '150', max_attempts: 'x' });
		assert.equal(r.status, 400);
		assert.ok(fieldError(r.text, 'qz-title-e'));
		assert.equal(fieldError(r.text, 'qz-pass-e'),
		    'Write a whole number from 0 to 100.');
		assert.ok(fieldError(r.text, 'qz-att-e'));
		r = await post(author, Q, { op: 'quiz-settings',
		    title: 'Check yourself', pass_mark: '50',
		    max_attempts: '3', graded: 'yes' });
		assert.equal(r.status, 303);
		const p = await author.get(Q);
		assert.match(p.text, /id="qz-pass"[^>]*value="50"/);
		assert.match(p.text, /id="qz-att"[^>]*value="3"/);
	});

	it('edits, moves and removes questions', async () => {
		let r = await post(author, Q, { op: 'question-edit',
		    question: 'q1', prompt: 'Which attribute is protected?',
		    feedback: 'Age is protected.', o1: 'Age', c1: 'yes',
		    o2: 'Favourite colour', o3: 'Disability', c3: 'yes' });
		assert.equal(r.status, 400, 'two correct in a single choice');
		assert.equal(fieldError(r.text, 'o-q1-e'),
		    'Mark exactly one option as correct.');
		assert.match(r.text, /<details class="studio-q" open>/);
		r = await post(author, Q, { op: 'question-edit',
		    question: 'q1', prompt: 'Which attribute is protected?',
		    feedback: 'Age is protected.', o1: 'Age', c1: 'yes',
		    o2: '', o3: 'Shoe size', o4: 'Hair style' });
		assert.equal(r.status, 303);
		let p = await author.get(Q);
		assert.match(p.text, /Which attribute is protected\?/);
		assert.doesNotMatch(p.text, /Favourite colour/);
		r = await post(author, Q, { op: 'question-up', question: 'q1' });
		assert.equal(r.status, 400);
		assert.match(r.text, /already the first/);
		r = await post(author, Q, { op: 'question-down',
		    question: 'q6' });
		assert.equal(r.status, 400);
		r = await post(author, Q, { op: 'question-down',
		    question: 'q1' });
		assert.equal(r.status, 303);
		p = await author.get(Q);
		assert.deepEqual(questionIds(p.text).slice(0, 2), ['q2', 'q1']);
		r = await post(author, Q, { op: 'question-up', question: 'q1' });
		assert.equal(r.status, 303);
		r = await post(author, Q, { op: 'question-edit',
		    question: 'nope', prompt: 'x', feedback: 'y' });
		assert.equal(r.status, 404);
		// A seventh question, then removed.
		r = await post(author, Q, { op: 'question-add',
		    type: 'truefalse', prompt: 'Temporary.', feedback: 'x',
		    answer: 'true' });
		assert.equal(r.status, 303);
		r = await post(author, Q, { op: 'question-remove',
		    question: 'q7' });
		assert.equal(r.status, 303);
		p = await author.get(Q);
		assert.deepEqual(questionIds(p.text),
		    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
	});

	it('previews: grades as the learner page does, records nothing',
	    async () => {
		const g = await author.getForm(`${Q}/preview`);
		assert.equal(g.status, 200);
		assert.match(g.text, /name="a1"/);
		assert.doesNotMatch(g.text, /value="[a-z0-9-]+:[0-9]+" selected/,
		    'no position chosen yet');
		let r = await author.post(`${Q}/preview`, { csrf: g.csrf });
		assert.equal(r.status, 400, 'an empty form');
		assert.match(r.text, /Answer at least one question/);
		// Positions are the seeded order's; answer by question id.
		const pos = {};
		for (const m of g.text.matchAll(
		    /name="q([0-9]+)" value="(q[0-9]+)"/g))
			pos[m[2]] = m[1];
		const optId = (q, text) => {
			const re = new RegExp(`id="a${pos[q]}-([a-z0-9-]+)"` +
			    `[^>]*> <label[^>]*>${text}<`);
			const m = g.text.match(re);
			assert.ok(m, `${q} ${text}`);
			return m[1];
		};
		const f = { csrf: g.csrf };
		for (const q of Object.keys(pos))
			f[`q${pos[q]}`] = q;
		f[`a${pos.q1}`] = optId('q1', 'Age');
		f[`a${pos.q2}`] = [optId('q2', 'Fairness'),
		    optId('q2', 'Transparency')];
		f[`a${pos.q3}`] = 'true';	/* wrong */
		f[`a${pos.q4}`] = '١٩٣';
		f[`a${pos.q5}`] = 'ram';
		f[`a${pos.q6}`] = ['a:1', 'b:2', 'c:3'];
		r = await author.post(`${Q}/preview`, f);
		assert.equal(r.status, 200, r.text.slice(0, 3000));
		assert.match(r.text, /Score: 5 of 6 \(83 %\)/);
		assert.match(r.text, /You passed/);
		const me = await author.get('/me');
		assert.doesNotMatch(me.text, /Check yourself/,
		    'no attempt recorded');
	});

	it('lets a translator edit only the texts of another language',
	    async () => {
		const tEmail = S.uniqueEmail('qtrans');
		translator = await signIn(srv(), tEmail, 'learner');
		let r = await post(author, `${C}/team`, { op: 'add',
		    email: tEmail, role: 'translator' });
		assert.equal(r.status, 303);
		const p = await translator.get(Q);
		assert.equal(p.status, 200);
		assert.doesNotMatch(p.text, /name="c1"/, 'no answers');
		assert.doesNotMatch(p.text, /value="question-add"/);
		r = await post(translator, Q, { op: 'question-edit',
		    question: 'q3', lang: 'ko', prompt: 'AI는 중립적이다.',
		    feedback: '강의를 보세요.', answer: 'true' });
		assert.equal(r.status, 303, r.text.slice(0, 2000));
		const ko = await author.get(`${Q}?lang=ko`);
		assert.match(ko.text, /AI는 중립적이다\./);
		const en = await author.get(Q);
		assert.match(en.text, /AI is neutral\./);
		assert.match(en.text, /id="af-q3" name="answer" value="false" checked/,
		    'the answer stays');
		r = await post(translator, Q, { op: 'question-edit',
		    question: 'q3', lang: 'en', prompt: 'Changed',
		    feedback: 'x' });
		assert.equal(r.status, 403);
		r = await post(translator, Q, { op: 'question-add',
		    type: 'truefalse', lang: 'ko', prompt: 'x', feedback: 'y',
		    answer: 'true' });
		assert.equal(r.status, 403);
		r = await post(translator, Q, { op: 'quiz-remove' });
		assert.equal(r.status, 403);
	});

	it('refuses another course\'s author and a POST without CSRF',
	    async () => {
		other = await signIn(srv(), S.uniqueEmail('qother'), 'author');
		assert.equal((await other.get(Q)).status, 404);
		assert.equal((await other.get(`${Q}/preview`)).status, 404);
		const f = await other.getForm('/studio');
		const r = await other.post(Q, { csrf: f.csrf,
		    op: 'quiz-remove' });
		assert.equal(r.status, 404);
		assert.equal((await author.post(Q, { op: 'quiz-remove' }))
		    .status, 403);
		assert.equal((await author.post(`${Q}/preview`, { a1: 'x' }))
		    .status, 403);
		assert.equal((await author.get(`${C}/quizzes/m99`)).status,
		    404);
	});

	it('lets a learner take the quiz built in the studio', async () => {
		learner = await signIn(srv(), S.uniqueEmail('qlearner'),
		    'learner');
		const qp = await learner.getForm('/courses/quiz-fair/quizzes/' +
		    'm01-quiz');
		assert.equal(qp.status, 200, qp.text.slice(0, 500));
		assert.match(qp.text, /6 questions/);
		assert.match(qp.text, /Pass mark: 50 %/);
		const r = await learner.post('/courses/quiz-fair/quizzes/' +
		    'm01-quiz/attempts', { csrf: qp.csrf });
		assert.equal(r.status, 303);
		const a = await learner.get(r.location);
		assert.equal(a.status, 200);
		assert.match(a.text, /Which attribute is protected\?/);
	});

	it('removes the quiz', async () => {
		const r = await post(author, Q, { op: 'quiz-remove' });
		assert.equal(r.status, 303);
		assert.equal(r.location, C);
		assert.match((await author.get(Q)).text,
		    /This module has no quiz yet/);
	});
});
