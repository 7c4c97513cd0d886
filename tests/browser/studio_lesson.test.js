'use strict';
// studio_lesson.test.js: the studio's lesson editor in a real browser
// (issue 16.3). An author opens a lesson's editor from the outline,
// writes text naming an unknown case and previews it (flagged, nothing
// saved), fixes it and previews again (the case card shown), saves with
// a note and an image with its alt text, then sets a video with English
// captions; a visitor then reads the lesson with the image, the video,
// its <track> and the transcript. In English, Korean and Arabic, on a
// phone (390x844) and a desktop (1280x900), JavaScript on and off (six
// runs). Every page reached answers the status the step expects, is in
// the page's language and direction, does not scroll sideways on a
// phone, has one h1, and axe-core finds nothing on it; with JavaScript
// on, no CSP violation, script error or failed asset. Controls are found
// by ids, names and form actions, never by English text. Screenshots go
// to /tmp/slesson-shots (STUDIO_SHOTS=0: none).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, it, before, after } = require('node:test');
const S = require('../http/lib/server');
const T = require('../http/lib/suite');
const B = require('./lib/browser');
const W = require('./lib/studio_walk');

const PW = 'a long enough passphrase';
const SHOTS = process.env.STUDIO_SHOTS === '0' ||
    process.env.ETHICA_SHOTS === '0' ? null :
    '/tmp/slesson-shots';
const { RUNS } = W;
const FILES = fs.mkdtempSync(path.join(os.tmpdir(), 'slesson-files-'));
const PNG = path.join(FILES, 'chart.png');
const VTT = path.join(FILES, 'captions.en.vtt');
const WEBM = path.join(S.ROOT, 'content', 'courses', 'demo-intro', 'media',
    'why-ethics.webm');

let browser;

before(async () => {
	browser = await B.launch();
	if (SHOTS)
		fs.mkdirSync(SHOTS, { recursive: true });
	fs.writeFileSync(PNG, Buffer.from('89504e470d0a1a0a0000000d494844520' +
	    '00000010000000108060000001f15c4890000000d4944415478da63f8cfc0f0' +
	    '1f0005000201a45d2b6f0000000049454e44ae426082', 'hex'));
	fs.writeFileSync(VTT, 'WEBVTT\n\n00:00.000 --> 00:02.000\nA hiring ' +
	    'tool ranks people.\n');
});

after(async () => {
	if (browser)
		await browser.close();
	fs.rmSync(FILES, { recursive: true, force: true });
});

// A walker of this file's browser (studio_walk.js).
function open(srv, lang, device, js) {
	return (W.open(browser, SHOTS, srv, lang, device, js));
}

T.serverSuite('browser: the studio\'s lesson editor', (srv) => {
	before(async () => {
		const cs = await srv().ethica(['demo', 'cases']);
		assert.equal(cs.code, 0, cs.stdout + cs.stderr);
	});

	describe('an author edits a lesson with media, a visitor reads it',
	    { concurrency: B.RUNS_AT_ONCE }, () => {
		for (const [lang, device, js] of RUNS) {
			it(`author (${lang}, ${device}, JavaScript ` +
			    `${js ? 'on' : 'off'})`, async () => {
				const s = srv();
				const email = S.uniqueEmail('slesson');
				await s.addUser(email, 'author', PW);
				const slug = `lesson-${lang}-${device}-` +
				    `${js ? 'on' : 'off'}`;
				// The course, made in the studio by HTTP
				// (the studio's own browser test walks that).
				const c = s.client();
				await T.login(c, s, email, PW);
				const f = await c.getForm('/studio');
				const r = await c.post('/studio', { csrf: f.csrf,
				    title: 'Hiring audits', slug,
				    summary: 'Auditing an AI hiring tool.',
				    default_language: 'en', level: 'beginner',
				    licence: 'CC-BY-4.0', principle: ['fairness'],
				    track: 'foundations', module_title: 'Basics',
				    lesson_title: 'First steps' });
				assert.equal(r.status, 303);
				const ED = `/studio/courses/${slug}/lessons/` +
				    'first-steps/en';
				const w = await open(s, lang, device, js);
				const p = w.page;
				try {
					await B.login(p, s, email, PW);
					await w.go(`/studio/courses/${slug}`);
					await w.check('outline');
					await w.click(`a[href="${ED}"]`);
					await w.check('editor');
					// An unknown case: flagged, not saved.
					await p.fill('#text', 'Why audits ' +
					    'matter.\n\n::case[no-such-case]\n');
					await w.click('button[name="preview"]');
					await w.check('preview flagged');
					assert.equal(await p.locator('#flags ' +
					    'code').first().innerText(),
					    '::case[no-such-case]');
					await p.fill('#text', 'Why audits ' +
					    'matter.\n\n::case[amsterdam-' +
					    'algorithm-register]\n');
					await w.click('button[name="preview"]');
					await w.check('preview');
					assert.equal(await p.locator('#flags')
					    .count(), 0);
					assert.equal(await p.locator('.preview ' +
					    '.case-card').count(), 1);
					// Save with a note and an image.
					await p.fill('#title', 'Audits, first');
					await p.fill('#note', 'The register');
					await p.setInputFiles('#image', PNG);
					await p.fill('#alt', 'A bar chart of ' +
					    'scores');
					await w.click('button[name="save"]');
					await w.check('saved');
					assert.ok(p.url().endsWith(ED), p.url());
					assert.ok(await p.locator('.flash, ' +
					    '[role="status"]').count() > 0,
					    'a confirmation');
					assert.match(await p.inputValue('#text'),
					    /!\[A bar chart of scores\]\(media\//);
					// The video with English captions.
					await p.setInputFiles('#video', WEBM);
					await p.setInputFiles('#captions-en', VTT);
					await w.click('form[action$="/video"] ' +
					    'button[type="submit"]');
					await w.check('video saved');
					// A visitor reads the lesson.
					const v = await open(s, lang, device, js);
					try {
						await v.go(`/courses/${slug}/` +
						    'lessons/first-steps');
						await v.check('lesson');
						const q = v.page;
						assert.equal(await q.locator(
						    'img[alt="A bar chart of ' +
						    'scores"]').count(), 1);
						assert.equal(await q.locator(
						    'video track[srclang="en"]')
						    .count(), 1);
						assert.equal(await q.locator(
						    '.lesson-body .case-card')
						    .count(), 1);
						assert.match(await q.locator(
						    'details.transcript')
						    .textContent(), /A hiring tool/);
						v.done();
					} finally {
						await v.close();
					}
					w.done();
				} finally {
					await w.close();
				}
			});
		}
	});
});
