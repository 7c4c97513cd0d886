'use strict';
// learning.test.js: enrolment, lessons marked done, quizzes (attempt
// start, seeded page, server-side grading, feedback), forged and
// malformed answers (400/404/409 and nothing changed), another learner's
// attempt (404), the attempt limit, course completion and the dashboard
// /me, lesson marks sent at once (written together, issue 14.4), all
// through HTTP on a real server with a course imported by
// `ethica course import` (a fixture with every question type, written to
// a temporary folder by this file).

const assert = require('node:assert/strict');
const net = require('node:net');
const { it, before } = require('node:test');
const C = require('./lib/course');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const BASE = '/courses/quiz-demo';
const QUIZ = `${BASE}/quizzes/m01-quiz`;

// The right answers by question id, as form values.
const RIGHT = {
	q1: ['b'], q2: ['a', 'c'], q3: ['true'], q4: ['193'],
	q5: ['  Readiness   ASSESSMENT methodology '],
	q6: ['scope:1', 'assess:2', 'monitor:3'],
};

// writeCourse(): the fixture course folder; returns its path.
function writeCourse() {
	return C.writeCourse({ slug: 'quiz-demo',
	    title: C.t('Quiz demo', '퀴즈 데모'),
	    summary: C.t('A course to test quizzes.', '퀴즈를 시험하는 과정.'),
	    minutes: 30, author: 'listed-author@example.org',
	    modules: [{ id: 'm01', title: C.t('One', '하나'), lessons: [
		['first', C.t('First lesson', '첫 강의')],
		['second', C.t('Second lesson', '둘째 강의')]],
		quiz: { id: 'm01-quiz',
		    title: C.t('Module one quiz', '모듈 1 퀴즈'),
		    pass_mark: 80, max_attempts: 2, questions: [
			C.single('q1'), C.multiple('q2'), C.truefalse('q3'),
			C.numeric('q4'), C.text('q5', {
			    prompt: C.t('Name the methodology', '방법론의 이름은?'),
			    en: ['readiness assessment methodology', 'ram'],
			    ko: ['준비도 평가 방법론'],
			    feedback: C.t('RAM is its short name.',
			    '준비도 평가 방법론.') }),
			C.ordering('q6')] } },
	    { id: 'm02', title: C.t('Two', '둘'), lessons: [
		['third', C.t('Third lesson', '셋째 강의')]] }] });
}

// positions(html): question id by form position, from the hidden qN.
function positions(html) {
	const out = {};
	for (const t of S.tags(html, 'input')) {
		const n = S.attr(t, 'name');
		if (S.attr(t, 'type') === 'hidden' && /^q[0-9]+$/.test(n))
			out[n.slice(1)] = S.attr(t, 'value');
	}
	return out;
}

// answerFields(html, answers, override): the POST fields for answers
// (by question id) on the attempt page html.
function answerFields(html, answers, override = {}) {
	const f = { csrf: S.csrfOf(html) };
	for (const [n, qid] of Object.entries(positions(html))) {
		f[`q${n}`] = qid;
		const v = qid in override ? override[qid] : answers[qid];
		if (v !== undefined)
			f[`a${n}`] = v;
	}
	return f;
}

function learner(srv, tag) {
	return T.learner(srv, tag, PASSWORD);
}

async function csrf(c, p = '/me') {
	const f = await c.getForm(p);
	assert.ok(f.csrf, `no csrf on ${p}`);
	return f.csrf;
}

// startAttempt(c): POST .../attempts; returns the attempt path.
async function startAttempt(srv, c) {
	const r = await c.post(`${QUIZ}/attempts`, { csrf: await csrf(c) });
	return T.see303(r, srv, new RegExp(`^${QUIZ}/attempts/[0-9]+$`));
}

T.serverSuite('learning', (srv) => {
	let a, b, attempt;

	before(async () => {
		const r = await srv().ethica(['course', 'import',
		    writeCourse()]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		a = await learner(srv(), 'la');
		b = await learner(srv(), 'lb');
	});

	it('/me needs a session and explains an empty dashboard', async () => {
		const anon = await srv().client().get('/me');
		T.see303(anon, srv(), /^\/login\?next=\/me/);
		const r = await a.get('/me');
		assert.equal(r.status, 200);
		T.isHtml(r);
		assert.match(r.text, /href="\/courses"/);
		T.csrfOnEveryPostForm(r.text, '/me');
	});

	it('enrol: CSRF checked, anonymous sent to log in, unknown course 404',
	    async () => {
		let r = await a.post(`${BASE}/enrol`, { csrf: 'f'.repeat(64) });
		assert.equal(r.status, 403);
		const anon = srv().client();
		const tok = await csrf(anon, '/login');
		r = await anon.post(`${BASE}/enrol`, { csrf: tok });
		T.see303(r, srv(), `/login?next=${BASE}`);
		r = await anon.post(`${BASE}/lessons/first/done`, { csrf: tok });
		T.see303(r, srv(), `/login?next=${BASE}/lessons/first`);
		r = await a.post('/courses/no-such-course/enrol',
		    { csrf: await csrf(a) });
		assert.equal(r.status, 404);
		r = await a.get(`${BASE}/enrol`);
		assert.equal(r.status, 405);
	});

	it('enrol goes to the first lesson, then to where one left off',
	    async () => {
		let r = await a.post(`${BASE}/enrol`, { csrf: await csrf(a) });
		T.see303(r, srv(), `${BASE}/lessons/first`);
		r = await a.post(`${BASE}/lessons/first/done`,
		    { csrf: await csrf(a) });
		T.see303(r, srv(), `${BASE}/lessons/second`);
		r = await a.post(`${BASE}/enrol`, { csrf: await csrf(a) });
		T.see303(r, srv(), `${BASE}/lessons/second`);
		r = await a.post(`${BASE}/lessons/nope/done`,
		    { csrf: await csrf(a) });
		assert.equal(r.status, 404);
		r = await a.post(`${BASE}/lessons/second/done`,
		    { csrf: await csrf(a) });
		T.see303(r, srv(), QUIZ);	/* the module's quiz */
	});

	it('/me shows progress and continue where you left off', async () => {
		const r = await a.get('/me');
		assert.equal(r.status, 200);
		assert.match(r.text, /<progress [^>]*max="100" value="50"/);
		assert.match(r.text, /Quiz demo/);
		assert.match(r.text, new RegExp(`href="${BASE}/lessons/third"`));
	});

	it('quiz page, start, attempt page in seeded order', async () => {
		let r = await a.get(QUIZ);
		assert.equal(r.status, 200);
		T.csrfOnEveryPostForm(r.text, QUIZ);
		assert.match(r.text, /Pass mark: 80/);
		attempt = await startAttempt(srv(), a);
		/* Starting again while one is open returns the open one. */
		assert.equal(await startAttempt(srv(), a), attempt);
		r = await a.get(attempt);
		assert.equal(r.status, 200);
		T.csrfOnEveryPostForm(r.text, attempt);
		const pos = positions(r.text);
		assert.deepEqual(Object.values(pos).sort(),
		    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
		const again = await a.get(attempt);
		assert.deepEqual(positions(again.text), pos, 'same seed, same order');
		assert.match(r.text, /type="radio"/);
		assert.match(r.text, /type="checkbox"/);
		/* Text, not type="number": browsers drop digits of other
		 * scripts from number inputs (issue 13.14). */
		assert.match(r.text, /type="text" inputmode="decimal"/);
		assert.match(r.text, /<select name="a[0-9]+"/);
	});

	it('another learner\'s attempt is 404, to read and to submit',
	    async () => {
		let r = await b.get(attempt);
		assert.equal(r.status, 404);
		const page = await a.get(attempt);
		const f = answerFields(page.text, RIGHT);
		f.csrf = await csrf(b);
		r = await b.post(attempt, f);
		assert.equal(r.status, 404);
		r = await a.get(attempt.replace('m01-quiz', 'm02-quiz'));
		assert.equal(r.status, 404);
		r = await a.get(attempt.replace(/[0-9]+$/, '999999'));
		assert.equal(r.status, 404);
	});

	it('forged and malformed answers: 400, clear error, nothing stored',
	    async () => {
		const page = (await a.get(attempt)).text;
		const cases = [
			['unknown option', answerFields(page, RIGHT,
			    { q1: ['zz'] })],
			['unknown question', { ...answerFields(page, RIGHT),
			    q1: 'q99' }],
			['non-numeric number', answerFields(page, RIGHT,
			    { q4: ['one hundred'] })],
			['two answers to single choice', answerFields(page,
			    RIGHT, { q1: ['a', 'b'] })],
			['ordering position twice', answerFields(page, RIGHT,
			    { q6: ['scope:1', 'assess:1', 'monitor:3'] })],
			['ordering option unknown', answerFields(page, RIGHT,
			    { q6: ['scope:1', 'evil:2', 'monitor:3'] })],
			['bad truefalse', answerFields(page, RIGHT,
			    { q3: ['maybe'] })],
		];
		for (const [what, f] of cases) {
			const r = await a.post(attempt, f);
			assert.equal(r.status, 400, what);
			assert.match(r.text, /class="alert" role="alert"/, what);
			assert.match(r.text, /Nothing was saved/, what);
		}
		/* Two items at the same position: the form comes back with
		 * every choice as the learner made it, the other answers
		 * kept, and the problem said once beside the question. */
		const twice = await a.post(attempt, answerFields(page, RIGHT,
		    { q6: ['scope:1', 'assess:1', 'monitor:3'] }));
		assert.equal(twice.status, 400);
		const sel = [...twice.text.matchAll(
		    /<option value="(scope|assess|monitor):(\d)" selected>/g)]
		    .map((m) => `${m[1]}:${m[2]}`).sort();
		assert.deepEqual(sel, ['assess:1', 'monitor:3', 'scope:1']);
		assert.match(twice.text, /<input type="radio" name="a\d+" id="a\d+-b" value="b" checked>/);
		assert.equal((twice.text.match(
		    /Give every item its own position/g) || []).length, 2,
		    'once at the top, once beside the question');
		assert.doesNotMatch(twice.text,
		    /Give each item its position, 1 being first/);
		/* Still open: the form, no score. */
		const r = await a.get(attempt);
		assert.match(r.text, /Submit answers/);
		const q = await a.get(QUIZ);
		assert.match(q.text, /In progress/);
	});

	it('submit grades on the server, shows feedback; resubmit is 409',
	    async () => {
		const page = (await a.get(attempt)).text;
		const f = answerFields(page, RIGHT, { q4: ['194'] });
		let r = await a.post(attempt, f);
		T.see303(r, srv(), attempt);
		r = await a.get(attempt);
		assert.equal(r.status, 200);
		/* 5 of 6 = 83 % >= 80 %: passed. */
		assert.match(r.text, /Score: 5 of 6 \(83 %\)/);
		assert.match(r.text, /You passed/);
		assert.equal((r.text.match(/>Correct</g) || []).length, 5);
		assert.equal((r.text.match(/>Not correct</g) || []).length, 1);
		assert.match(r.text, /193 member states\./);	/* feedback */
		assert.match(r.text, /Readiness   ASSESSMENT|Readiness ASSESSMENT/);
		assert.doesNotMatch(r.text, /<form[^>]*class="quiz-form"/);
		r = await a.post(attempt, answerFields(page, RIGHT));
		assert.equal(r.status, 409);
		r = await a.get(attempt);
		assert.match(r.text, /Score: 5 of 6/, 'resubmit changed nothing');
	});

	// marks(html, yes, no): [right, wrong] question marks on a feedback page.
	function marks(html, yes, no) {
		const n = (w) => (html.match(new RegExp(`>${w}<`, 'g')) ||
		    []).length;
		return [n(yes), n(no)];
	}

	it('issue 13.2: the marks are the graded ones in every language; ' +
	    'a Korean learner may answer with the English term', async () => {
		const k = await learner(srv(), 'lko');
		k.setCookie('lang', 'ko');
		const at = await startAttempt(srv(), k);
		const page = (await k.get(at)).text;
		/* The English term typed on the Korean page, one wrong number. */
		let r = await k.post(at, answerFields(page, RIGHT,
		    { q5: ['RAM'], q4: ['194'] }));
		T.see303(r, srv(), at);
		r = await k.get(at);
		assert.match(r.text, /6점 중 5점/);
		assert.deepEqual(marks(r.text, '정답', '오답'), [5, 1]);
		k.setCookie('lang', 'en');
		r = await k.get(at);
		assert.match(r.text, /Score: 5 of 6 \(83 %\)/);
		assert.deepEqual(marks(r.text, 'Correct', 'Not correct'), [5, 1],
		    'the English page shows other marks than the header');
		/* 6 of 6 in English, with the English term, is 6 of 6 in
		 * Korean; and the Korean term counts on the English page. */
		const e = await learner(srv(), 'len');
		const at2 = await startAttempt(srv(), e);
		const p2 = (await e.get(at2)).text;
		r = await e.post(at2, answerFields(p2, RIGHT,
		    { q5: ['준비도 평가 방법론'] }));
		T.see303(r, srv(), at2);
		r = await e.get(at2);
		assert.match(r.text, /Score: 6 of 6/);
		assert.deepEqual(marks(r.text, 'Correct', 'Not correct'), [6, 0]);
		e.setCookie('lang', 'ko');
		r = await e.get(at2);
		assert.deepEqual(marks(r.text, '정답', '오답'), [6, 0]);
	});

	it('issue 13.3: an empty form uses no attempt; the last attempt ' +
	    'asks to confirm; then no attempt is left (409)', async () => {
		const second = await startAttempt(srv(), a);
		assert.notEqual(second, attempt);
		const page = (await a.get(second)).text;
		assert.match(page, /This is your last attempt/);
		let r = await a.post(second, answerFields(page, {}));
		assert.equal(r.status, 400);
		assert.match(r.text, /Answer at least one question/);
		assert.match(r.text, /class="alert" role="alert"/);
		r = await a.get(second);
		assert.match(r.text, /Submit answers/, 'the empty form was graded');
		/* Answered but not confirmed: the confirmation step, the
		 * answer kept, nothing graded. */
		const wrong = answerFields(page, {}, { q1: ['a'] });
		r = await a.post(second, wrong);
		assert.equal(r.status, 200);
		assert.match(r.text, /Check your answers, then confirm/);
		assert.match(r.text, /<input type="hidden" name="confirm" value="1">/);
		assert.match(r.text, /Submit my last attempt/);
		assert.match(r.text, /value="a" checked/);
		r = await a.get(second);
		assert.match(r.text, /Submit answers/, 'graded without confirming');
		r = await a.post(second, { ...wrong, confirm: '1' });
		T.see303(r, srv(), second);
		r = await a.get(second);
		assert.match(r.text, /Score: 0 of 6/);
		r = await a.post(`${QUIZ}/attempts`, { csrf: await csrf(a) });
		assert.equal(r.status, 409);
		r = await a.get(QUIZ);
		assert.match(r.text, /every attempt/);
	});

	it('issue 13.3: chairs and the course\'s authors grant attempts ' +
	    '(CSRF, checked, audited); the learner can finish', async () => {
		/* A learner who failed both attempts. */
		const g = await learner(srv(), 'lg');
		for (let i = 0; i < 2; i++) {
			const at = await startAttempt(srv(), g);
			const p = (await g.get(at)).text;
			const f = answerFields(p, {}, { q1: ['a'] });
			if (i === 1)
				f.confirm = '1';
			T.see303(await g.post(at, f), srv(), at);
		}
		let r = await g.post(`${QUIZ}/attempts`, { csrf: await csrf(g) });
		assert.equal(r.status, 409);
		assert.match(r.text, /can grant you more attempts/);
		const gEmail = (await g.get('/account')).text.match(
		    /lg\.[^"<\s]+@example\.org/)[0];
		const GRANT = `${QUIZ}/grants`;
		/* Not for learners, nor for authors not listed on the course. */
		const au = srv().client();
		const auEmail = S.uniqueEmail('au');
		await srv().addUser(auEmail, 'author', PASSWORD);
		await T.login(au, srv(), auEmail, PASSWORD, '/me');
		for (const c of [g, au]) {
			const q = await c.get(QUIZ);
			assert.doesNotMatch(q.text, /action="[^"]*\/grants"/);
			r = await c.post(GRANT, { csrf: await csrf(c),
			    email: gEmail, attempts: '1' });
			assert.equal(r.status, 403);
		}
		const ch = srv().client();
		const chEmail = S.uniqueEmail('ch');
		await srv().addUser(chEmail, 'chair', PASSWORD);
		await T.login(ch, srv(), chEmail, PASSWORD, '/me');
		const q = await ch.get(QUIZ);
		assert.match(q.text, /action="[^"]*\/grants"/);
		T.csrfOnEveryPostForm(q.text, QUIZ);
		r = await ch.post(GRANT, { csrf: 'f'.repeat(64), email: gEmail,
		    attempts: '1' });
		assert.equal(r.status, 403);
		r = await ch.post(GRANT, { csrf: await csrf(ch),
		    email: 'nobody@example.org', attempts: '1' });
		assert.equal(r.status, 400);
		assert.match(r.text, /No account has this e-mail address/);
		r = await ch.post(GRANT, { csrf: await csrf(ch), email: gEmail,
		    attempts: '11' });
		assert.equal(r.status, 400);
		assert.match(r.text, /Grant from 1 to 10 attempts/);
		r = await g.get(QUIZ);
		assert.match(r.text, /every attempt/, 'a refused grant counted');
		r = await ch.post(GRANT, { csrf: await csrf(ch), email: gEmail,
		    attempts: '1' });
		T.see303(r, srv(), QUIZ);
		r = await ch.get(QUIZ);
		assert.match(r.text, /class="success flash" role="status">Attempts granted/);
		/* An author listed on the course may too. */
		const la = srv().client();
		await srv().addUser('listed-author@example.org', 'author',
		    PASSWORD);
		await T.login(la, srv(), 'listed-author@example.org', PASSWORD,
		    '/me');
		r = await la.post(GRANT, { csrf: await csrf(la), email: gEmail,
		    attempts: '1' });
		T.see303(r, srv(), QUIZ);
		/* The learner has two more: pass, done. */
		r = await g.get(QUIZ);
		assert.match(r.text, /Attempts: 4 allowed, 2 left/);
		const at = await startAttempt(srv(), g);
		const p = (await g.get(at)).text;
		r = await g.post(at, answerFields(p, RIGHT));
		T.see303(r, srv(), at);
		r = await g.get(at);
		assert.match(r.text, /Score: 6 of 6/);
		/* Audited, with who granted it. */
		const ad = srv().client();
		const adEmail = S.uniqueEmail('ad');
		await srv().addUser(adEmail, 'admin', PASSWORD);
		await T.login(ad, srv(), adEmail, PASSWORD, '/me');
		r = await ad.get('/admin/audit');
		assert.equal(r.status, 200);
		assert.match(r.text, /quiz\.grant/);
		assert.equal((r.text.match(/quiz-demo\/m01-quiz \+1/g) || [])
		    .length, 2);
	});

	it('issue 13.3: the quiz page lists the module\'s lessons first, ' +
	    'and stays open', async () => {
		const n = await learner(srv(), 'ln');
		const r = await n.get(QUIZ);
		assert.equal(r.status, 200);
		assert.match(r.text, /Lessons of this module/);
		assert.match(r.text, /Read them first/);
		assert.match(r.text, new RegExp(`href="${BASE}/lessons/first"`));
		assert.match(r.text, new RegExp(`href="${BASE}/lessons/second"`));
		assert.doesNotMatch(r.text, new RegExp(`href="${BASE}/lessons/third"`));
		assert.match(r.text, /Start the quiz/);
	});

	it('the last lesson completes the course; /me lists it', async () => {
		const r = await a.post(`${BASE}/lessons/third/done`,
		    { csrf: await csrf(a) });
		T.see303(r, srv(), BASE);
		const me = await a.get('/me');
		assert.equal(me.status, 200);
		const completed = me.text.split('<h2>Completed</h2>')[1];
		assert.ok(completed, 'no Completed section');
		assert.match(completed.split('<h2>')[0], /Quiz demo/);
		assert.match(completed.split('<h2>')[0], /completed on/);
	});

	it('issue 13.4: the course page shows the learner their progress, ' +
	    '"Continue" and the certificate; enrolling again resumes; ' +
	    'nobody else sees it', async () => {
		const anon = srv().client();
		/* Anonymous first (the page cache keeps it), then learners. */
		let r = await anon.get(BASE);
		assert.match(r.text, /Enrol in this course/);
		/* A learner half-way: progress and where to continue. */
		const h = await learner(srv(), 'lh');
		T.see303(await h.post(`${BASE}/enrol`, { csrf: await csrf(h) }),
		    srv(), `${BASE}/lessons/first`);
		await h.post(`${BASE}/lessons/first/done`, { csrf: await csrf(h) });
		r = await h.get(BASE);
		assert.equal(r.status, 200);
		assert.doesNotMatch(r.text, /Enrol in this course/);
		assert.match(r.text, /Your progress/);
		assert.match(r.text, /1 of 4 steps done/);
		assert.match(r.text, new RegExp(`<a class="button" href="${BASE}` +
		    '/lessons/second">Continue: Second lesson</a>'));
		assert.doesNotMatch(r.text, /completed this course/);
		assert.match(r.headers.get('cache-control') || '', /no-store/);
		/* Every lesson read, the quiz not passed: continue there. */
		await h.post(`${BASE}/lessons/second/done`, { csrf: await csrf(h) });
		await h.post(`${BASE}/lessons/third/done`, { csrf: await csrf(h) });
		r = await h.get(BASE);
		assert.match(r.text, new RegExp(`<a class="button" href="${QUIZ}"` +
		    '>Continue: Module one quiz</a>'));
		T.see303(await h.post(`${BASE}/enrol`, { csrf: await csrf(h) }),
		    srv(), QUIZ);
		r = await h.get('/me');
		assert.match(r.text, new RegExp(`href="${QUIZ}">Continue: Module`),
		    '/me offers nothing to continue with');
		/* Learner a finished the course: progress, certificate, no
		 * enrol button, and enrolling again resumes on this page. */
		r = await a.get(BASE);
		assert.doesNotMatch(r.text, /Enrol in this course/);
		assert.doesNotMatch(r.text, /Start with the first lesson/);
		assert.match(r.text, /4 of 4 steps done/);
		assert.match(r.text, /You have completed this course\./);
		const cert = r.text.match(/href="(\/certificates\/[^"]+)">See your certificate/);
		assert.ok(cert, 'no certificate link');
		assert.equal((await a.get(cert[1])).status, 200);
		assert.doesNotMatch(r.text, /Continue:/);
		T.see303(await a.post(`${BASE}/enrol`, { csrf: await csrf(a) }),
		    srv(), BASE);
		/* Nothing personal reaches the anonymous visitor, cached or
		 * not, nor another learner. */
		for (const c of [anon, srv().client(), b]) {
			r = await c.get(BASE);
			assert.equal(r.status, 200);
			assert.match(r.text, /Enrol in this course/);
			assert.doesNotMatch(r.text, /Your progress|certificates\/|Continue:/);
		}
	});

	it('issue 13.11: marks that differ by more than colour, headings ' +
	    'numbered once, and passing the last quiz says the course is ' +
	    'complete, with the certificate link', async () => {
		const f = await learner(srv(), 'lf');
		for (const l of ['first', 'second', 'third'])
			await f.post(`${BASE}/lessons/${l}/done`,
			    { csrf: await csrf(f) });
		const at = await startAttempt(srv(), f);
		const page = (await f.get(at)).text;
		let r = await f.post(at, answerFields(page, RIGHT,
		    { q4: ['194'] }));
		T.see303(r, srv(), at);
		r = await f.get(at);
		assert.match(r.text, /Score: 5 of 6/);
		const ok = r.text.match(/<span class="mark mark-ok"><span aria-hidden="true">✓ <\/span>Correct<\/span>/g) || [];
		const bad = r.text.match(/<span class="mark mark-bad"><span aria-hidden="true">✗ <\/span>Not correct<\/span>/g) || [];
		assert.equal(ok.length, 5);
		assert.equal(bad.length, 1);
		assert.equal((r.text.match(/class="quiz-q q-bad"/g) || []).length, 1);
		/* "Question 1" once, not inside a numbered list item. */
		assert.doesNotMatch(r.text, /<ol class="quiz-feedback">/);
		assert.doesNotMatch(r.text, /<li[^>]*>\s*<h2[^>]*>Question/);
		assert.equal((r.text.match(/>Question 1</g) || []).length, 1);
		const done = r.text.match(/<div class="success course-done" role="status">(.*?)<\/div>/s);
		assert.ok(done, 'no "course complete" on the passed last quiz');
		assert.match(done[1], /You have completed the course\./);
		assert.match(done[1], /Your certificate is ready\./);
		const cert = done[1].match(/href="(\/certificates\/[^"]+)"/);
		assert.ok(cert, 'no certificate link');
		assert.equal((await f.get(cert[1])).status, 200);
		/* A failed attempt says nothing of the kind. */
		const g = await learner(srv(), 'lf2');
		const at2 = await startAttempt(srv(), g);
		const p2 = (await g.get(at2)).text;
		T.see303(await g.post(at2, answerFields(p2, {}, { q1: ['a'] })),
		    srv(), at2);
		r = await g.get(at2);
		assert.doesNotMatch(r.text, /completed the course/);
	});

	it('issue 13.14: a number in Arabic-Indic digits is a number',
	    async () => {
		const ar = await learner(srv(), 'lar');
		ar.setCookie('lang', 'ar');
		const at = await startAttempt(srv(), ar);
		const page = (await ar.get(at)).text;
		let r = await ar.post(at, answerFields(page, RIGHT,
		    { q4: ['١٩٣'] }));
		T.see303(r, srv(), at);
		ar.setCookie('lang', 'en');
		r = await ar.get(at);
		assert.match(r.text, /Score: 6 of 6/);
		assert.match(r.text, /Your answer: 193</);
	});

	it('quiz texts say their language and direction on an Arabic page',
	    async () => {
		let r = await a.get(`${QUIZ}?lang=ar`);
		assert.equal(r.status, 200);
		assert.equal(S.htmlLang(r.text).dir, 'rtl');
		assert.match(r.text, /<h1 lang="en" dir="ltr">Module one quiz<\/h1>/);
		r = await a.get(`${QUIZ}?lang=ko`);
		assert.match(r.text, /<h1 lang="ko" dir="ltr">모듈 1 퀴즈<\/h1>/);
		r = await a.get('/me?lang=ar');
		assert.match(r.text, /<a href="\/courses\/quiz-demo" lang="en" dir="ltr">Quiz demo<\/a>/);
		r = await a.get(`${attempt}?lang=ar`);
		assert.match(r.text, /<span lang="en" dir="ltr">Pick twenty<\/span><\/legend>|<p lang="en" dir="ltr">Pick twenty<\/p>/);
	});

	/* Issue 14.4: the marks of one pass of a worker's loop are written in
	 * one transaction and each request answered after it; a client that
	 * leaves while its mark waits takes it out of the batch, and the
	 * others are still written and answered. */
	it('issue 14.4: lesson marks sent at once by several learners are ' +
	    'each written and answered, also when a client leaves', async () => {
		const ls = [];
		for (const tag of ['g1', 'g2', 'g3'])
			ls.push(await learner(srv(), tag));
		const tokens = await Promise.all(ls.map((c) => csrf(c)));
		const next = { first: `${BASE}/lessons/second`, second: QUIZ,
		    third: BASE };
		const gone = net.connect(srv().port, '127.0.0.1');
		await new Promise((ok) => gone.once('connect', ok));
		const body = `csrf=${encodeURIComponent(tokens[0])}`;
		const jobs = [];
		for (const [i, c] of ls.entries())
			for (const l of Object.keys(next))
				jobs.push(c.post(`${BASE}/lessons/${l}/done`,
				    { csrf: tokens[i] }).then((r) => [r, l]));
		gone.end(`POST ${BASE}/lessons/first/done HTTP/1.1\r\n` +
		    'Host: 127.0.0.1\r\n' +
		    'Content-Type: application/x-www-form-urlencoded\r\n' +
		    `Content-Length: ${body.length}\r\nCookie: ` +
		    [...ls[0].jar].map(([k, v]) => `${k}=${v}`).join('; ') +
		    `\r\n\r\n${body}`);
		gone.destroy();
		for (const [r, l] of await Promise.all(jobs))
			T.see303(r, srv(), next[l]);
		for (const c of ls) {
			const r = await c.get(BASE);
			assert.equal(r.status, 200);
			assert.match(r.text, /3 of 4 steps done/);
		}
	});

	it('a learner without attempts sees their own empty quiz page',
	    async () => {
		const r = await b.get(QUIZ);
		assert.equal(r.status, 200);
		assert.match(r.text, /not taken this quiz yet/);
		assert.doesNotMatch(r.text, /attempts\/[0-9]+/);
		const me = await b.get('/me');
		assert.doesNotMatch(me.text, /Quiz demo/);
	});
});
