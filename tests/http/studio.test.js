'use strict';
// studio.test.js: the course studio (issue 16 points 1 and 2). An author
// creates a course (bad input first: each field's error, a taken
// address), gets its outline, adds a module and lessons, renames (the
// lesson keeps its id), moves them (the ends refused), makes a lesson
// optional, changes the completion rule, is asked to confirm removing a
// lesson with learners' progress; the team (unknown e-mail, the last
// owner kept, a translator refused the outline), archive (gone from the
// catalog, the course page kept) and unarchive; the lesson editor
// open to the team's owner, closed to its translator; an author of another
// course gets 404, a learner 403 on create, a POST without CSRF 403; and
// `ethica course export` of the result imports back unchanged.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
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

// post(client, formPath, fields, postPath): a POST with the CSRF token
// of the page at formPath.
async function post(c, formPath, fields, postPath) {
	const page = await c.getForm(formPath);
	assert.ok(page.csrf, `csrf on ${formPath} (${page.status})`);
	return c.post(postPath || formPath, { csrf: page.csrf, ...fields });
}

const NEW = {
	title: 'Fairness in hiring', slug: 'fair-hiring',
	summary: 'How to assess an AI hiring tool.',
	default_language: 'en', language: ['ko'], level: 'beginner',
	licence: 'CC-BY-4.0', principle: ['fairness'],
	value: ['human-rights'], policy_area: [], track: 'foundations',
	module_title: 'Basics', lesson_title: 'What is bias',
};

function lessonOrder(html) {
	return [...html.matchAll(/<li id="lesson-([a-z0-9-]+)">/g)]
	    .map((m) => m[1]);
}

T.serverSuite('studio', (srv) => {
	let author, other, learner, admin;
	const email = S.uniqueEmail('author');
	const otherEmail = S.uniqueEmail('other');
	const learnerEmail = S.uniqueEmail('learner');
	const C = '/studio/courses/fair-hiring';

	it('shows the studio and refuses bad new-course input field by field',
	    async () => {
		author = await signIn(srv(), email, 'author');
		const home = await author.get('/studio');
		assert.equal(home.status, 200);
		assert.match(home.text, /name="module_title"/);
		const bad = await post(author, '/studio', { ...NEW,
		    slug: 'Bad Slug', title: '', level: 'expert',
		    licence: 'GPL', principle: ['nope'],
		    language: ['xx'], lesson_title: '' });
		assert.equal(bad.status, 400);
		for (const f of ['slug', 'title', 'level', 'licence',
		    'principles', 'lesson_title'])
			assert.match(bad.text, new RegExp(`id="${f === 'slug' ?
			    'slug-error' : f === 'title' ? 'title-error' :
			    f === 'level' ? 'level-error' : f === 'licence' ?
			    'licence-error' : f === 'lesson_title' ?
			    'lt-error' : 'p-fairness'}"`), f);
		assert.match(bad.text, /Choose principles from the list/);
		assert.match(bad.text, /Choose languages from the list/);
		const r = await srv().ethica(['course', 'export', 'bad-slug',
		    fs.mkdtempSync(path.join(os.tmpdir(), 'studio-x-'))]);
		assert.notEqual(r.code, 0, 'nothing stored');
	});

	it('lets a learner see the studio but not create', async () => {
		learner = await signIn(srv(), learnerEmail, 'learner');
		const home = await learner.get('/studio');
		assert.equal(home.status, 200);
		assert.doesNotMatch(home.text, /name="module_title"/);
		const f = await learner.getForm('/studio');
		const r = await learner.post('/studio', { csrf: f.csrf, ...NEW,
		    slug: 'learner-course' });
		assert.equal(r.status, 403);
	});

	it('refuses a POST without its CSRF token', async () => {
		const r = await author.post('/studio', { ...NEW });
		assert.equal(r.status, 403);
	});

	it('creates a course as version 1 with its creator as owner',
	    async () => {
		const r = await post(author, '/studio', NEW);
		assert.equal(r.status, 303, r.text.slice(0, 2000));
		assert.equal(r.location, C);
		const o = await author.get(C);
		assert.equal(o.status, 200);
		assert.match(o.text, /What is bias/);
		assert.match(o.text, /version 1/);
		const t = await author.get(`${C}/team`);
		assert.match(t.text, /Owner/);
		const again = await post(author, '/studio', NEW);
		assert.equal(again.status, 400);
		assert.match(again.text, /already has this address/);
		const pub = await srv().client().get('/courses/fair-hiring');
		assert.equal(pub.status, 200);
		const ko = await srv().client().get(
		    '/courses/fair-hiring/lessons/what-is-bias?lang=ko');
		assert.equal(ko.status, 200);
	});

	it('edits the outline: add, rename, move, required, completion',
	    async () => {
		let r = await post(author, C, { op: 'lesson-add',
		    module: 'm01', title: 'Measuring bias' });
		assert.equal(r.status, 303);
		r = await post(author, C, { op: 'module-add',
		    title: 'Practice', track: 'public-good',
		    lesson_title: 'A hiring audit' });
		assert.equal(r.status, 303);
		let o = await author.get(C);
		assert.deepEqual(lessonOrder(o.text),
		    ['what-is-bias', 'measuring-bias', 'a-hiring-audit']);
		r = await post(author, C, { op: 'lesson-rename',
		    lesson: 'what-is-bias', title: 'Bias, defined' });
		assert.equal(r.status, 303);
		r = await post(author, C, { op: 'lesson-up',
		    lesson: 'measuring-bias' });
		assert.equal(r.status, 303);
		o = await author.get(C);
		assert.deepEqual(lessonOrder(o.text),
		    ['measuring-bias', 'what-is-bias', 'a-hiring-audit']);
		assert.match(o.text, /Bias, defined/);
		// The ends: the first lesson cannot go up.
		r = await post(author, C, { op: 'lesson-up',
		    lesson: 'measuring-bias' });
		assert.equal(r.status, 400);
		assert.match(r.text, /already the first/);
		r = await post(author, C, { op: 'module-down', module: 'm02' });
		assert.equal(r.status, 400);
		assert.match(r.text, /already the last/);
		r = await post(author, C, { op: 'module-up', module: 'm02' });
		assert.equal(r.status, 303);
		r = await post(author, C, { op: 'lesson-add', module: 'm01',
		    title: '' });
		assert.equal(r.status, 400);
		assert.match(r.text, /This field is required/);
		r = await post(author, C, { op: 'lesson-required',
		    lesson: 'what-is-bias', required: 'no' });
		assert.equal(r.status, 303);
		r = await post(author, C, { op: 'completion',
		    required_lessons: 'listed', quizzes: 'none' });
		assert.equal(r.status, 303);
		o = await author.get(C);
		assert.match(o.text, /id="rl-listed" name="required_lessons" value="listed" checked/);
		assert.match(o.text, /optional/);
		r = await post(author, C, { op: 'nonsense' });
		assert.equal(r.status, 400);
	});

	it('asks before removing a lesson learners have read', async () => {
		const page = await learner.getForm(
		    '/courses/fair-hiring/lessons/a-hiring-audit');
		assert.equal(page.status, 200);
		const forms = S.forms(page.html).filter((f) =>
		    /\/done$|mark|progress/.test(f.action || ''));
		for (const f of forms)
			await learner.post(f.action, { ...f.fields,
			    csrf: page.csrf });
		const r = await post(author, C, { op: 'lesson-remove',
		    lesson: 'a-hiring-audit' });
		if (forms.length > 0) {
			assert.equal(r.status, 409, 'asks first');
			assert.match(r.text, /learner/);
			const ok = await post(author, C, { op: 'lesson-remove',
			    lesson: 'a-hiring-audit', confirm: 'yes' });
			assert.equal(ok.status, 400, 'the only lesson stays');
		} else {
			assert.equal(r.status, 400);
		}
		assert.match((await author.get(C)).text, /a-hiring-audit/);
	});

	it('keeps other courses and the outline from those without the right',
	    async () => {
		other = await signIn(srv(), otherEmail, 'author');
		assert.equal((await other.get(C)).status, 404);
		const f = await other.getForm('/studio');
		let r = await other.post(C, { csrf: f.csrf, op: 'lesson-add',
		    module: 'm01', title: 'Mine' });
		assert.equal(r.status, 404);
		r = await post(author, `${C}/team`, { op: 'add',
		    email: otherEmail, role: 'translator' });
		assert.equal(r.status, 303);
		assert.equal((await other.get(C)).status, 200);
		r = await other.post(C, { csrf: f.csrf, op: 'lesson-add',
		    module: 'm01', title: 'Mine' });
		assert.equal(r.status, 403);
		r = await other.post(`${C}/team`, { csrf: f.csrf, op: 'add',
		    email: otherEmail, role: 'owner' });
		assert.equal(r.status, 403);
		// The lesson editor asks the same rule table: the owner (not
		// listed in course.yaml) edits text, the translator may not yet.
		const ed = '/studio/courses/fair-hiring/lessons/what-is-bias/en';
		assert.equal((await author.get(ed)).status, 200);
		assert.equal((await other.get(ed)).status, 403);
	});

	it('manages the team with clear errors', async () => {
		let r = await post(author, `${C}/team`, { op: 'add',
		    email: 'nobody@example.org', role: 'author' });
		assert.equal(r.status, 400);
		assert.match(r.text, /No account uses this e-mail/);
		r = await post(author, `${C}/team`, { op: 'add',
		    email: email, role: 'author' });
		assert.equal(r.status, 400);
		assert.match(r.text, /at least one owner/);
		r = await post(author, `${C}/team`, { op: 'add',
		    email: otherEmail, role: 'wizard' });
		assert.equal(r.status, 400);
		const t = await author.get(`${C}/team`);
		assert.match(t.text, /Translator/);
	});

	it('archives and unarchives', async () => {
		let r = await post(author, `${C}/team`, { op: 'archive' });
		assert.equal(r.status, 303);
		const cat = await srv().client().get('/courses?q=hiring');
		assert.doesNotMatch(cat.text, /fair-hiring/);
		assert.equal((await srv().client().get('/courses/fair-hiring'))
		    .status, 200);
		assert.match((await author.get(C)).text, /archived/);
		r = await post(author, `${C}/team`, { op: 'unarchive' });
		assert.equal(r.status, 303);
		assert.match((await srv().client().get('/courses?q=hiring')).text,
		    /fair-hiring/);
	});

	it('exports what the studio made and imports it back unchanged',
	    async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-'));
		let r = await srv().ethica(['course', 'export', 'fair-hiring',
		    dir]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		const yaml = fs.readFileSync(path.join(dir, 'course.yaml'),
		    'utf8');
		assert.match(yaml, /required_lessons: listed/);
		r = await srv().ethica(['course', 'import', dir]);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		assert.match(r.stdout + r.stderr, /unchanged|no change|same/i);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
