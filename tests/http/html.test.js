'use strict';
// html.test.js: every page type the server renders is valid HTML, in
// English, Korean and Arabic, as the Nu HTML Checker (npm vnu-jar, run on
// Debian's Java) sees it. A server with the demo content is walked as a
// visitor and as each demo role (learner, author, reviewer, chair, admin);
// the pages are saved to a folder and checked by ONE run of vnu (one JVM
// start). Any error fails the test with the page, language, line and
// message. Besides the GET pages: forms sent back with their errors
// (POST, multipart as a browser sends them), the error pages (400, 403,
// 404, 405 for GET on a POST-only route, 410), and a page's other states
// (a passed and a failed quiz attempt, an empty dashboard, no results).
//
// The list of pages is tied to the Kore configuration: every route of
// conf/ethica.conf.in and conf/routes/*.conf must have a page here (or be
// named as not HTML, with the reason), and every page here must be
// dispatched by Kore to the handler it claims (Kore's first matching
// route), so a new page cannot escape the check. (A page listed for a
// route that is not in conf/ yet waits for it.) Two self-checks show the
// test can fail: a page with a known mistake must be reported by vnu, and
// a route without a page must be reported by the coverage check.

const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { it, before, after } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');

const VNU = path.join(S.ROOT, 'node_modules', 'vnu-jar', 'build', 'dist',
    'vnu.jar');
const PASSWORD = 'ethica-demo-2026';
const LANGS = [
	{ code: 'en', dir: 'ltr' },
	{ code: 'ko', dir: 'ltr' },
	{ code: 'ar', dir: 'rtl' },
];
const COURSE = '/courses/demo-intro';
const QUIZ = `${COURSE}/quizzes/m01-quiz`;
// The right answers to the demo-intro quiz, by question id.
const RIGHT = {
	q1: ['b'], q2: ['a', 'b'], q3: ['false'], q4: ['10'],
	q5: ['proportionality'], q6: ['data:1', 'model:2', 'decision:3'],
};
const UNPUBLISHED = 'singapore-ai-verify';

// Routes that answer with something other than an HTML page, with a
// sample path where one is at hand (its answer must then not be HTML).
const NOT_HTML = {
	page_healthz: ['/healthz', 'plain text for load balancers'],
	page_static: [(v) => v.css, 'CSS, JavaScript, icons'],
	page_favicon: ['/favicon.ico', 'an icon'],
	page_course_media: [`${COURSE}/media/loop.svg`, 'course media files'],
	page_author_lesson: ['/author/courses/demo-intro/lessons/why-ethics/' +
	    'en', 'a redirect to the studio\'s lesson editor'],
	page_studio_lesson_media: ['/studio/courses/demo-intro/lessons/' +
	    'why-ethics/media/loop.svg', 'a redirect to the lesson\'s media'],
	page_cases_json: ['/cases.json', 'open data (JSON)'],
	page_cases_csv: ['/cases.csv', 'open data (CSV)'],
	page_cases_atom: ['/cases.atom', 'an Atom feed (XML)'],
	page_api_cases: ['/api/cases', 'open data API (JSON)'],
	page_api_case: ['/api/cases/amsterdam-algorithm-register',
	    'open data API (JSON)'],
	page_issuer: ['/issuer', 'the issuer profile (JSON-LD)'],
	page_jwks: ['/.well-known/jwks.json', 'public keys (JSON)'],
	page_cert_status_list: ['/certificates/status-list',
	    'a signed status list (JWT)'],
	page_cert_jwt: [(v) => `${v.cert}.jwt`, 'a signed certificate (JWT)'],
	page_chair_export: [(v) => `/chair/calls/${v.call}/export.csv`,
	    'a CSV export', 'chair'],
	page_submission_file: [null, 'an uploaded file, sent as is'],
	page_course_offline: [`${COURSE}/offline/en.zip`,
	    'an offline edition (zip)'],
	page_studio_zip: ['/studio/courses/demo-intro/package.zip',
	    'a course package (zip)', 'author'],
};

// Every page checked: handler (the route's, as in the Kore config), a
// name, the path (or a function of the values found during setup), who
// asks (a demo account's name, or null for a visitor) and the status the
// page must answer with. GET on a route that takes only POST is the 405
// page.
const PAGES = [
	// public
	['page_home', 'home', '/', null, 200],
	['page_home', 'home (signed in)', '/', 'learner', 200],
	['page_not_found', 'not found', '/no/such/page', null, 404],
	['page_courses', 'catalog', '/courses', null, 200],
	['page_courses', 'catalog search', '/courses?q=ethics&level=beginner',
	    null, 200],
	['page_courses', 'catalog (nothing found)', '/courses?q=zzqqzz', null,
	    200],
	['page_course', 'course', COURSE, null, 200],
	['page_course', 'course (learner, completed)', COURSE, 'learner', 200],
	['page_course', 'course (not in Korean)', '/courses/ethics-of-ai',
	    null, 200],
	['page_lesson', 'lesson (video)', `${COURSE}/lessons/why-ethics`, null,
	    200],
	['page_lesson', 'lesson (attachment, learner)',
	    `${COURSE}/lessons/spotting-questions`, 'learner', 200],
	['page_lesson', 'lesson (case cards)',
	    '/courses/ethics-of-ai/lessons/why-transparency', null, 200],
	['page_studio_lesson', 'studio lesson editor',
	    '/studio/courses/demo-intro/lessons/why-ethics/en', 'author', 200],
	['page_studio_lesson', 'studio lesson editor (Korean text)',
	    '/studio/courses/demo-intro/lessons/why-ethics/ko', 'author', 200],
	['page_studio_lesson_video', 'studio lesson video (GET)',
	    '/studio/courses/demo-intro/lessons/why-ethics/video', 'author',
	    405],
	['page_studio', 'studio', '/studio', 'author', 200],
	['page_studio_course', 'studio outline', '/studio/courses/demo-intro',
	    'author', 200],
	['page_studio_team', 'studio team', '/studio/courses/demo-intro/team',
	    'admin', 200],
	['page_studio_versions', 'studio versions',
	    '/studio/courses/demo-intro/versions', 'author', 200],
	['page_studio_diff', 'studio diff', '/studio/courses/demo-intro/diff' +
	    '?from=1&to=1', 'author', 200],
	['page_studio_quiz', 'studio quiz', '/studio/courses/demo-intro/' +
	    'quizzes/m01?lang=ko', 'author', 200],
	['page_studio_quiz', 'studio quiz (new question)',
	    '/studio/courses/demo-intro/quizzes/m01?add=ordering', 'author',
	    200],
	['page_studio_quiz_preview', 'studio quiz preview',
	    '/studio/courses/demo-intro/quizzes/m01/preview', 'author', 200],
	['page_studio_package', 'studio upload', '/studio/import', 'author',
	    200],
	['page_studio_package', 'studio package',
	    '/studio/courses/demo-intro/package', 'author', 200],
	['page_studio_translations', 'studio translations',
	    '/studio/courses/demo-intro/translations', 'author', 200],
	['page_studio_translate', 'studio translate a lesson',
	    '/studio/courses/demo-intro/translations/why-ethics/ko', 'author',
	    200],
	['page_course_enrol', 'enrol (GET)', `${COURSE}/enrol`, 'learner',
	    405],
	['page_lesson_done', 'lesson done (GET)',
	    `${COURSE}/lessons/why-ethics/done`, 'learner', 405],
	['page_quiz', 'quiz', QUIZ, 'learner', 200],
	['page_quiz_start', 'quiz start (GET)', `${QUIZ}/attempts`, 'learner',
	    405],
	['page_quiz_grant', 'grant attempts (GET)', `${QUIZ}/grants`, 'author',
	    405],
	['page_quiz_attempt', 'attempt (open)', (v) => v.attemptOpen,
	    'learner', 200],
	['page_quiz_attempt', 'attempt (passed)', (v) => v.attemptDone,
	    'learner', 200],
	['page_quiz_attempt', 'attempt (failed)', (v) => v.attemptFailed,
	    'learner', 200],
	['page_course_offline_read', 'lessons read offline',
	    `${COURSE}/offline-read?lessons=spotting-questions.why-ethics`,
	    'learner', 200],
	['page_course_offline_read', 'lessons read offline (none known)',
	    `${COURSE}/offline-read?lessons=zz`, 'learner', 200],
	['page_me', 'dashboard', '/me', 'learner', 200],
	['page_me', 'dashboard (author)', '/me', 'author', 200],
	['page_me', 'dashboard (empty)', '/me', 'admin', 200],

	// accounts
	['page_login', 'login', '/login?next=/me', null, 200],
	['page_register', 'register', '/register', null, 200],
	['page_register_sent', 'register sent', '/register/sent', null, 200],
	['page_verify', 'verify (confirmed)', (v, l) => v.verify[l], null,
	    200],
	['page_verify', 'verify (used link)', (v) => v.usedVerify, null, 410],
	['page_password_forgot', 'forgot', '/password/forgot', null, 200],
	['page_password_forgot_sent', 'forgot sent', '/password/forgot/sent',
	    null, 200],
	['page_password_reset', 'reset', (v) => v.reset, null, 200],
	['page_password_reset', 'reset (unknown link)',
	    `/password/reset?token=${'A'.repeat(43)}`, null, [400, 404, 410]],
	['page_language', 'language (GET)', '/language', null, 405],
	['page_logout', 'logout (GET)', '/logout', 'learner', 405],
	['page_logout_all', 'logout everywhere (GET)', '/logout-all',
	    'learner', 405],
	['page_account', 'account', '/account', 'learner', 200],
	['page_account_password', 'password (GET)', '/account/password',
	    'learner', 405],
	['page_admin_users', 'admin users', '/admin/users', 'admin', 200],
	['page_admin_users', 'admin users (search)', '/admin/users?q=demo',
	    'admin', 200],
	['page_admin_users', 'admin users (forbidden)', '/admin/users',
	    'learner', 403],
	['page_admin_user_role', 'admin role (GET)', '/admin/users/role',
	    'admin', 405],
	['page_admin_audit', 'admin audit', '/admin/audit', 'admin', 200],
	['page_admin_mail', 'admin mail', '/admin/mail', 'admin', 200],
	['page_admin_mail_retry', 'mail retry (GET)', '/admin/mail/retry',
	    'admin', 405],

	// case library
	['page_cases', 'cases', '/cases', null, 200],
	['page_cases', 'cases (search, facets)',
	    '/cases?q=register&principle=transparency', null, 200],
	['page_cases', 'cases (nothing found)', '/cases?q=zzqqzz', null, 200],
	['page_case', 'case', '/cases/amsterdam-algorithm-register', null,
	    200],
	['page_case', 'case (Korean original)',
	    '/cases/korea-ai-ethics-self-checklist', null, 200],
	['page_case', 'case (chair)', '/cases/amsterdam-algorithm-register',
	    'chair', 200],
	['page_case', 'case gone', `/cases/${UNPUBLISHED}`, null, 410],
	['page_case_unpublish', 'unpublish (GET)',
	    '/cases/amsterdam-algorithm-register/unpublish', 'chair', 405],
	['page_principles', 'principles', '/principles', null, 200],
	['page_principle', 'principle', '/principles/fairness', null, 200],
	['page_value', 'value', '/values/human-rights', null, 200],
	['page_policy_area', 'policy area', '/policy-areas/gender', null,
	    200],

	// certificates
	['page_certificate', 'certificate', (v) => v.cert, null, 200],
	['page_certificate', 'certificate (learner)', (v) => v.cert,
	    'learner', 200],
	['page_certificate', 'certificate (admin)', (v) => v.cert, 'admin',
	    200],
	['page_cert_print', 'certificate print', (v) => `${v.cert}/print`,
	    null, 200],
	['page_cert_revoke', 'certificate revoke (GET)',
	    (v) => `${v.cert}/revoke`, 'admin', 405],
	['page_certificate', 'certificate (no such id)',
	    `/certificates/${'x'.repeat(22)}`, null, 404],
	['page_cert_unknown', 'certificate (malformed id)',
	    '/certificates/nope', null, 404],

	// the call, submissions
	['page_calls', 'calls', '/calls', null, 200],
	['page_call', 'call', (v) => `/calls/${v.call}`, null, 200],
	['page_calls_tz', 'time zone (GET)', '/calls/tz', null, 405],
	['page_submission_new', 'submission form',
	    (v) => `/calls/${v.call}/submit`, 'learner', 200],
	['page_submissions', 'submissions', '/submissions', 'learner', 200],
	['page_submission', 'submission (draft)', (v) => v.sub.draft,
	    'learner', 200],
	['page_submission', 'submission (editing the draft)',
	    (v) => `${v.sub.draft}?edit=1`, 'learner', 200],
	['page_submission', 'submission (submitted)', (v) => v.sub.submitted,
	    'learner', 200],
	['page_submission', 'submission (decided)', (v) => v.sub.decided,
	    'author', 200],
	['page_submission_withdraw', 'withdraw (GET)',
	    (v) => `${v.sub.submitted}/withdraw`, 'learner', 405],
	['page_submission_reopen', 'reopen (GET)',
	    (v) => `${v.sub.submitted}/reopen`, 'learner', 405],

	// review
	['page_review', 'review home', '/review', 'reviewer', 200],
	['page_review_expertise', 'expertise', '/review/expertise',
	    'reviewer', 200],
	['page_review_conflicts', 'conflicts',
	    (v) => `/review/calls/${v.call}/conflicts`, 'reviewer', 200],
	['page_review_case', 'review case', (v) => v.review.open, 'reviewer',
	    200],
	['page_review_case', 'review case (decided)', (v) => v.review.decided,
	    'reviewer', 200],
	['page_review_discuss', 'discuss (GET)',
	    (v) => `${v.review.open}/discuss`, 'reviewer', 405],

	// chair
	['page_chair', 'chair calls', '/chair', 'chair', 200],
	['page_chair', 'chair (forbidden)', '/chair', 'learner', 403],
	['page_chair_call_new', 'call form (new)', '/chair/calls/new', 'chair',
	    200],
	['page_chair_call_edit', 'call form (edit)',
	    (v) => `/chair/calls/${v.call}`, 'chair', 200],
	['page_chair_cases', 'chair cases', (v) => `/chair/calls/${v.call}/cases`,
	    'chair', 200],
	['page_chair_cases', 'chair cases (one state)',
	    (v) => `/chair/calls/${v.call}/cases?state=submitted`, 'chair', 200],
	['page_chair_decide', 'decide (GET)',
	    (v) => `/chair/calls/${v.call}/decide`, 'chair', 405],
	['page_chair_autoassign', 'autoassign (GET)',
	    (v) => `/chair/calls/${v.call}/autoassign`, 'chair', 405],
	['page_chair_detect', 'detect (GET)',
	    (v) => `/chair/calls/${v.call}/detect`, 'chair', 405],
	['page_chair_fairness', 'fairness',
	    (v) => `/chair/calls/${v.call}/fairness`, 'chair', 200],
	['page_chair_audit', 'call audit', (v) => `/chair/calls/${v.call}/audit`,
	    'chair', 200],
	['page_chair_reviewers', 'reviewers',
	    (v) => `/chair/calls/${v.call}/reviewers`, 'chair', 200],
	['page_chair_templates', 'templates',
	    (v) => `/chair/calls/${v.call}/templates`, 'chair', 200],
	['page_chair_templates', 'templates (Korean)',
	    (v) => `/chair/calls/${v.call}/templates?lang=ko`, 'chair', 200],
	['page_chair_case', 'chair case (submitted)',
	    (v) => v.chair.submitted, 'chair', 200],
	['page_chair_case', 'chair case (under review)',
	    (v) => v.chair.open, 'chair', 200],
	['page_chair_case', 'chair case (decided)', (v) => v.chair.decided,
	    'chair', 200],
	['page_chair_assign', 'assign (GET)', (v) => `${v.chair.open}/assign`,
	    'chair', 405],
	['page_chair_conflict', 'conflict (GET)',
	    (v) => `${v.chair.open}/conflict`, 'chair', 405],
	['page_chair_state', 'state (GET)', (v) => `${v.chair.open}/state`,
	    'chair', 405],
	['page_chair_case_decide', 'case decide (GET)',
	    (v) => `${v.chair.open}/decide`, 'chair', 405],

	// forms sent back with their errors, and error pages after a POST
	['page_language', 'bad language (400)', '/language', null, 400,
	    { lang: 'xx', next: '/' }],
	['page_register', 'register (errors)', '/register', null, 400,
	    { email: 'not an address', display_name: '', password: 'short' }],
	['page_login', 'login (errors)', '/login', null, 400,
	    { email: '', password: '' }],
	['page_password_forgot', 'forgot (errors)', '/password/forgot', null,
	    400, { email: 'not an address' }],
	['page_password_reset', 'reset (errors)', '/password/reset', null, 400,
	    (v) => ({ token: v.resetToken, password: 'short' })],
	['page_account', 'account (errors)', '/account', 'learner', 400,
	    { display_name: '', country: 'KR' }],
	['page_account_password', 'password (errors)', '/account/password',
	    'learner', 400, { current_password: '', new_password: 'short' }],
	['page_studio_lesson', 'studio lesson editor (preview)',
	    '/studio/courses/demo-intro/lessons/why-ethics/en', 'author', 200,
	    { text: '## Preview\n\n::case[amsterdam-algorithm-register]\n\n' +
	    '::case[no-such-case]\n', preview: '1' }],
	['page_studio_lesson', 'studio lesson editor (errors)',
	    '/studio/courses/demo-intro/lessons/why-ethics/en', 'author', 400,
	    { text: 'No alt text\n\n![](media/loop.svg)\n', title: '',
	    minutes: '0', save: '1' }],
	['page_studio_lesson_video', 'studio lesson video (errors)',
	    '/studio/courses/demo-intro/lessons/spotting-questions/video', 'author',
	    400,
	    { lang: 'en' }],
	['page_studio', 'studio new course (errors)', '/studio', 'author', 400,
	    { slug: 'Bad slug', title: '', level: 'expert', track: 'x' }],
	['page_studio_course', 'studio outline (errors)',
	    '/studio/courses/demo-intro', 'author', 400,
	    { op: 'lesson-add', module: 'm01', title: '' }],
	['page_studio_quiz', 'studio quiz (errors)',
	    '/studio/courses/demo-intro/quizzes/m01', 'author', 400,
	    { op: 'question-edit', question: 'q1', prompt: '', feedback: '',
	    o1: '', o2: '' }],
	['page_studio_quiz_preview', 'studio quiz preview (graded)',
	    '/studio/courses/demo-intro/quizzes/m01/preview', 'author', 200,
	    { q1: 'q3', a1: 'true' }],
	['page_studio_team', 'studio team (errors)',
	    '/studio/courses/demo-intro/team', 'admin', 400,
	    { op: 'add', email: 'nobody@example.org', role: 'author' }],
	['page_studio_versions', 'studio versions (errors)',
	    '/studio/courses/demo-intro/versions', 'author', 400,
	    { op: 'rollback', version: '1' }],
	['page_quiz_attempt', 'attempt (forged answer)', (v) => v.attemptOpen,
	    'learner', 400, { q1: 'q99', a1: 'zz' }],
	['page_cert_revoke', 'certificate revoke (errors)',
	    (v) => `${v.cert}/revoke`, 'admin', 400, { reason: '' }],
	['page_submission_new', 'submission form (errors)',
	    (v) => `/calls/${v.call}/submit`, 'learner', 400,
	    { action: 'submit', title: 'A draft with nothing else' }],
	['page_submission_withdraw', 'withdraw (confirm)',
	    (v) => `${v.sub.submitted}/withdraw`, 'learner', 200, {}],
	['page_chair_call_new', 'call form (errors)', '/chair/calls/new',
	    'chair', 400, { title_en: '' }],
	['page_review_expertise', 'expertise (errors)', '/review/expertise',
	    'reviewer', 400, { organisation: 'x'.repeat(300) }],
	['page_review_case', 'review (errors)', (v) => v.review.open,
	    'reviewer', 400, { action: 'submit', to_submitter: '' }],
	['page_chair_decide', 'decide (errors)',
	    (v) => `/chair/calls/${v.call}/decide`, 'chair', 400,
	    (v) => ({ id: v.chair.open.split('/').pop(),
	    decision: 'no-such-decision' })],
	['page_chair_case_decide', 'case decide (errors)',
	    (v) => `${v.chair.open}/decide`, 'chair', 400,
	    { decision: 'no-such-decision', reason: '' }],
].map(([handler, name, p, as, status, post]) => ({ handler, name, p, as,
    status, post }));

// configRoutes(): [{pattern, handler, file}] of every route in the Kore
// configuration, in the order Kore tries them (the routes/ files stand
// where @FEATURE_ROUTES@ is).
function configRoutes() {
	const conf = path.join(S.ROOT, 'conf');
	const parse = (text, file) => text.split('\n')
	    .map((l) => /^\s*route\s+(\S+)\s+(\S+)\s*$/.exec(l))
	    .filter((m) => m !== null)
	    .map((m) => ({ pattern: m[1], handler: m[2], file }));
	const dir = path.join(conf, 'routes');
	const feature = fs.readdirSync(dir).filter((f) => f.endsWith('.conf'))
	    .sort().flatMap((f) => parse(fs.readFileSync(path.join(dir, f),
	    'utf8'), `conf/routes/${f}`));
	const main = fs.readFileSync(path.join(conf, 'ethica.conf.in'),
	    'utf8').split('@FEATURE_ROUTES@');
	assert.equal(main.length, 2, 'one @FEATURE_ROUTES@ in ethica.conf.in');
	return [...parse(main[0], 'conf/ethica.conf.in'), ...feature,
	    ...parse(main[1], 'conf/ethica.conf.in')];
}

// dispatch(routes, path): the handler Kore runs for path: exact match
// for plain routes, POSIX extended regex for those starting with ^.
function dispatch(routes, p) {
	const bare = p.replace(/[?#].*$/, '');
	for (const r of routes) {
		if (r.pattern.startsWith('^') ?
		    new RegExp(r.pattern).test(bare) : r.pattern === bare)
			return r.handler;
	}
	return null;
}

// uncovered(routes, pages, notHtml): one line per route with no page and
// no reason.
function uncovered(routes, pages, notHtml) {
	const listed = new Set([...pages.map((x) => x.handler),
	    ...Object.keys(notHtml)]);
	return routes.filter((r) => !listed.has(r.handler)).map((r) =>
	    `route ${r.pattern} (${r.handler}, ${r.file}) has no page in ` +
	    'tests/http/html.test.js');
}

// The values a path may depend on, found by walking the demo.
function resolve(p, v, lang) {
	return typeof p === 'function' ? p(v, lang) : p;
}

// links(html, re): the hrefs matching re, in page order, deduplicated.
function links(html, re) {
	return [...new Set(S.tags(html, 'a').map((t) => S.attr(t, 'href'))
	    .filter((h) => h && re.test(h)))];
}

async function firstLink(c, from, re) {
	const r = await c.get(from);
	assert.equal(r.status, 200, `${from}: ${r.status}`);
	const h = links(r.text, re)[0];
	assert.ok(h, `no link matching ${re} on ${from}`);
	return h;
}

async function csrf(c, p = '/') {
	const f = await c.getForm(p);
	assert.ok(f.csrf, `no csrf on ${p} (${f.status})`);
	return f.csrf;
}

// answer(html, csrf, wrong): the form fields that answer the demo-intro
// quiz right, but for the answers in wrong (by question id), read from the
// attempt page (question order is per attempt).
function answer(html, tok, wrong) {
	const f = { csrf: tok };
	for (const t of S.tags(html, 'input')) {
		const n = S.attr(t, 'name');
		const m = /^q([0-9]+)$/.exec(n || '');
		if (m && S.attr(t, 'type') === 'hidden') {
			f[n] = S.attr(t, 'value');
			f[`a${m[1]}`] = wrong[f[n]] || RIGHT[f[n]];
		}
	}
	return f;
}

// vnu(files): runs the checker once on every file; resolves to its list
// of messages (errors only). The JVM options keep one run short: the
// client compiler only and the serial collector (a few seconds of CPU for
// a few hundred pages, against three times that with the defaults), and
// the larger thread stack the checker's schema needs.
function vnu(files) {
	const args = ['-Xss4m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
	    '-jar', VNU, '--format', 'json', '--errors-only',
	    '--exit-zero-always', ...files];
	return new Promise((resolve, reject) => {
		execFile('java', args, { maxBuffer: 64 << 20 },
		    (err, stdout, stderr) => {
			if (err && err.code === 'ENOENT')
				return reject(new Error('no java: `make deps` ' +
				    'installs default-jre-headless'));
			if (err)
				return reject(new Error(`java -jar ${VNU} failed ` +
				    `(${err.code ?? err.signal}): ` +
				    stderr.slice(0, 2000)));
			try {
				resolve(JSON.parse(stderr).messages);
			} catch (e) {
				reject(new Error('vnu printed no JSON: ' +
				    stderr.slice(0, 2000)));
			}
		});
	});
}

// report(messages, labels): one line per error: page, line, message.
function report(messages, labels) {
	return messages.map((m) => {
		const f = decodeURIComponent((m.url || '').replace(/^file:/, ''));
		const where = labels.get(path.basename(f)) || f;
		return `${where}: line ${m.lastLine ?? m.firstLine ?? '?'}: ` +
		    `${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}` +
		    (m.extract ? ` [${m.extract.replace(/\s+/g, ' ')}]` : '');
	}).join('\n');
}

// The routes, and the pages of the routes there are: a page listed for a
// handler that no route names yet (a branch adding it is not merged) is
// left out, and named in a diagnostic.
const ROUTES = configRoutes();
const HANDLERS = new Set(ROUTES.map((r) => r.handler));
const LIVE = PAGES.filter((x) => HANDLERS.has(x.handler));
const WAITING = [...new Set(PAGES.filter((x) => !HANDLERS.has(x.handler))
    .map((x) => x.handler))];

T.serverSuite('html', (srv) => {
	const v = {};
	const clients = {};
	let dir;

	after(() => {
		if (dir && process.env.ETHICA_KEEP !== '1')
			fs.rmSync(dir, { recursive: true, force: true });
	});

	before(async () => {
		const s = srv();
		const r = await s.ethica(['demo']);
		assert.equal(r.code, 0, r.stdout + r.stderr);
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-vnu-'));
		// The course page offers its offline editions (and they are
		// checked below, as files).
		const p = await s.ethica(['course', 'pack', 'demo-intro']);
		assert.equal(p.code, 0, p.stdout + p.stderr);
		clients.visitor = s.client();
		await Promise.all(['learner', 'author', 'chair', 'reviewer',
		    'admin'].map(async (who) => {
			const c = s.client();
			await T.login(c, s, `${who}@demo.ethica.example`,
			    PASSWORD, '/');
			clients[who] = c;
		}));
		const anon = clients.visitor;
		const l = clients.learner;

		// The learner reads both lessons, passes the quiz (which
		// issues the certificate) and leaves a second attempt open.
		T.see303(await l.post(`${COURSE}/enrol`,
		    { csrf: await csrf(l) }), s);
		for (const x of ['why-ethics', 'spotting-questions']) {
			const d = await l.post(`${COURSE}/lessons/${x}/done`,
			    { csrf: await csrf(l) });
			assert.equal(d.status, 303, `lesson ${x} done`);
		}
		const start = async () => T.see303(await l.post(
		    `${QUIZ}/attempts`, { csrf: await csrf(l) }), s,
		    new RegExp(`^${QUIZ}/attempts/[0-9]+$`));
		const take = async (wrong) => {
			const a = await start();
			const page = (await l.get(a)).text;
			T.see303(await l.post(a, answer(page, await csrf(l),
			    wrong)), s, a);
			return a;
		};
		v.attemptFailed = await take({ q1: ['a'], q2: ['c'],
		    q4: ['7'], q5: ['automation'] });
		v.attemptDone = await take({});
		v.attemptOpen = await start();
		assert.equal(new Set([v.attemptFailed, v.attemptDone,
		    v.attemptOpen]).size, 3);
		v.cert = await firstLink(l, '/me',
		    /^\/certificates\/[A-Za-z0-9_-]{22}$/);

		v.css = S.attr(S.tags((await anon.get('/')).text, 'link')
		    .find((t) => S.attr(t, 'rel') === 'stylesheet'), 'href');

		// A reset link and three confirmation links, from the mail.
		const n0 = s.mailCount();
		T.see303(await anon.submit('/password/forgot',
		    { email: 'learner@demo.ethica.example' }), s);
		const reset = await s.readMail({ since: n0,
		    link: '/password/reset' });
		v.reset = S.pathOf(reset.links.find((x) =>
		    x.includes('/password/reset')));
		v.resetToken = new URL(v.reset, s.base).searchParams.get('token');
		v.verify = {};
		for (const code of [...LANGS.map((x) => x.code), 'used']) {
			const email = S.uniqueEmail(`vnu-${code}`);
			const c = s.client();
			T.see303(await c.submit('/register', { email,
			    display_name: `Vnu ${code}`,
			    password: 'a long enough passphrase' }), s,
			    '/register/sent');
			const m = await s.readMail({ to: email, link: '/verify' });
			v.verify[code] = S.pathOf(m.links.find((x) =>
			    x.includes('/verify')));
		}
		v.usedVerify = v.verify.used;
		assert.equal((await anon.get(v.usedVerify)).status, 200);

		// The call and its cases, as each role sees them.
		v.call = (await firstLink(anon, '/calls', /^\/calls\/[0-9]+$/))
		    .split('/')[2];
		const subs = links((await l.get('/submissions')).text,
		    /^\/submissions\/[0-9]+$/);
		const chairCases = links((await clients.chair.get(
		    `/chair/calls/${v.call}/cases`)).text,
		    /^\/chair\/cases\/[0-9]+$/);
		const reviews = links((await clients.reviewer.get('/review'))
		    .text, /^\/review\/cases\/[0-9]+$/);
		const authored = links((await clients.author.get('/submissions'))
		    .text, /^\/submissions\/[0-9]+$/);
		// Demo: the learner's draft and submitted case; the author's
		// case under review and decided one (ids in that order).
		const id = (x) => Number(x.split('/').pop());
		const byId = (a) => a.slice().sort((x, y) => id(x) - id(y));
		assert.equal(subs.length, 2, `learner submissions: ${subs}`);
		assert.equal(authored.length, 2, `author submissions: ${authored}`);
		assert.equal(reviews.length, 2, `reviewer cases: ${reviews}`);
		const [draft, submitted] = byId(subs);
		const [open, decided] = byId(authored);
		v.sub = { draft, submitted, decided };
		v.review = { open: `/review/cases/${id(open)}`,
		    decided: `/review/cases/${id(decided)}` };
		v.chair = {};
		for (const [k, x] of [['submitted', submitted], ['open', open],
		    ['decided', decided]]) {
			v.chair[k] = `/chair/cases/${id(x)}`;
			assert.ok(chairCases.includes(v.chair[k]),
			    `${v.chair[k]} not on the chair's list`);
		}
		for (const x of Object.values(v.review))
			assert.ok(reviews.includes(x), `${x} not on /review`);

		// A case taken out of the library (410).
		const ch = clients.chair;
		T.see303(await ch.post(`/cases/${UNPUBLISHED}/unpublish`,
		    { csrf: await csrf(ch, `/cases/${UNPUBLISHED}`),
		    reason: 'Withdrawn at the request of its authors' }), s);
	});

	it('every route in conf/ has a page here, and Kore sends each page ' +
	    'to the handler it is listed under', async (t) => {
		const routes = ROUTES;
		assert.ok(routes.length > 60, `only ${routes.length} routes`);
		assert.deepEqual(uncovered(routes, PAGES, NOT_HTML), []);
		if (WAITING.length > 0)
			t.diagnostic(`no route yet for ${WAITING.join(', ')}`);
		const wrong = [];
		for (const x of LIVE) {
			for (const { code } of LANGS) {
				const p = resolve(x.p, v, code);
				const h = dispatch(routes, p);
				if (h !== x.handler)
					wrong.push(`${x.name}: ${p} goes to ${h}, ` +
					    `not ${x.handler}`);
			}
		}
		for (const [h, [p]] of Object.entries(NOT_HTML)) {
			if (p !== null && HANDLERS.has(h) &&
			    dispatch(routes, resolve(p, v)) !== h)
				wrong.push(`${h}: ${resolve(p, v)} goes to ` +
				    dispatch(routes, resolve(p, v)));
		}
		assert.deepEqual(wrong, []);
		// Self-check: a route with no page is reported.
		const extra = [...routes, { pattern: '/new-page',
		    handler: 'page_new', file: 'conf/routes/99-new.conf' }];
		assert.deepEqual(uncovered(extra, PAGES, NOT_HTML),
		    ['route /new-page (page_new, conf/routes/99-new.conf) has ' +
		    'no page in tests/http/html.test.js']);
	});

	it('the routes named as not HTML answer with something else',
	    async () => {
		for (const [h, [p, why, as]] of Object.entries(NOT_HTML)) {
			if (p === null || !HANDLERS.has(h))
				continue;
			const r = await clients[as || 'visitor'].get(resolve(p, v));
			assert.ok(r.status < 400, `${h} ${resolve(p, v)}: ` +
			    `${r.status}`);
			assert.doesNotMatch(r.headers.get('content-type') || '',
			    /^text\/html/i, `${h} (${why}) answers HTML`);
		}
	});

	it(`vnu finds no error on ${LIVE.length} pages in ` +
	    `${LANGS.map((l) => l.code).join(', ')}, and finds the one in ` +
	    'a broken page', async (t) => {
		assert.ok(fs.existsSync(VNU), `${VNU} missing: npm ci ` +
		    '(package.json has vnu-jar)');
		const labels = new Map();
		const files = [];
		const problems = [];
		const jobs = [];
		for (const l of LANGS) {
			for (const [i, x] of LIVE.entries())
				jobs.push({ l, i, x });
		}
		// Four requests at a time; each carries its language in the
		// lang cookie (the demo accounts have no language of their
		// own).
		const fetchOne = async ({ l, i, x }) => {
			const c = clients[x.as || 'visitor'];
			const p = resolve(x.p, v, l.code);
			const cookie = [...c.jar].filter(([k]) => k !== 'lang')
			    .map(([k, val]) => `${k}=${val}`)
			    .concat(`lang=${l.code}`).join('; ');
			let r;
			if (x.post) {
				// As a browser sends our forms: multipart.
				const f = await c.getForm('/', { headers: { cookie } });
				const fd = new FormData();
				fd.append('csrf', f.csrf);
				for (const [k, val] of Object.entries(resolve(x.post,
				    v)))
					fd.append(k, val);
				r = await c.request('POST', p, { body: fd,
				    headers: { cookie } });
			} else {
				r = await c.get(p, { headers: { cookie } });
			}
			const at = `${l.code} ${x.name} (${x.post ? 'POST ' : ''}` +
			    `${p}${x.as ? ' as ' + x.as : ''})`;
			if (![].concat(x.status).includes(r.status)) {
				problems.push(`${at}: status ${r.status}, not ` +
				    `${x.status}: ${S.text(r.text).slice(0, 200)}`);
			}
			if (!/^text\/html\b/.test(r.headers.get('content-type') ||
			    '')) {
				problems.push(`${at}: not HTML`);
				return;
			}
			const hl = S.htmlLang(r.text);
			if (hl.lang !== l.code || hl.dir !== l.dir)
				problems.push(`${at}: lang=${hl.lang} dir=${hl.dir}`);
			const name = `${l.code}-${String(i).padStart(3, '0')}.html`;
			fs.writeFileSync(path.join(dir, name), r.text);
			labels.set(name, at);
			files.push(path.join(dir, name));
		};
		const queue = jobs.slice();
		await Promise.all([1, 2, 3, 4].map(async () => {
			while (queue.length > 0)
				await fetchOne(queue.shift());
		}));

		// The offline editions' pages, as `ethica course pack` writes
		// them (each language of the course).
		for (const l of ['en', 'ko']) {
			const out = path.join(dir, `offline-${l}`);
			const r = await srv().ethica(['course', 'pack',
			    'demo-intro', '--lang', l, '--dir', out]);
			assert.equal(r.code, 0, r.stdout + r.stderr);
			for (const f of fs.readdirSync(out).filter((x) =>
			    x.endsWith('.html'))) {
				const name = `offline-${l}-${f}`;
				fs.copyFileSync(path.join(out, f),
				    path.join(dir, name));
				labels.set(name, `offline edition ${l}: ${f}`);
				files.push(path.join(dir, name));
			}
		}

		// Self-check: the mistake once on every case page (issue 13.8),
		// an empty option in the language menu, must be found.
		const home = fs.readFileSync(files[0], 'utf8');
		const broken = home.replace(
		    /(<select id="lang-select" name="lang">)[\s\S]*?(<\/select>)/,
		    '$1\n<option value="" lang=""></option>\n$2');
		assert.notEqual(broken, home, 'no language menu to break');
		const bad = path.join(dir, 'self-check.html');
		fs.writeFileSync(bad, broken);
		labels.set('self-check.html', 'self-check (empty option)');

		const t0 = Date.now();
		const messages = await vnu([...files, bad]);
		const took = Date.now() - t0;
		const mine = messages.filter((m) => (m.url || '')
		    .endsWith('/self-check.html'));
		const rest = messages.filter((m) => !mine.includes(m));
		assert.ok(mine.length > 0, 'vnu found nothing in the broken ' +
		    `page; all it said:\n${report(messages, labels)}`);
		assert.match(report(mine, labels),
		    /^self-check \(empty option\): line [0-9]+: error: /);
		if (rest.length > 0 || problems.length > 0) {
			const kept = dir;
			dir = undefined;	/* kept for reading */
			assert.fail(`${problems.join('\n')}\n${rest.length} HTML ` +
			    `errors (pages kept in ${kept}):\n` +
			    report(rest, labels));
		}
		t.diagnostic(`vnu checked ${files.length} pages in ${took} ms`);
	});
});
