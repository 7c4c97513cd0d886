'use strict';
// offline.test.js: the offline edition of a course (issue 20.4) opened
// from a folder (file://) in Chromium with every request that is not a
// file refused, as on a computer or phone with no network: in English and
// in Arabic (right to left), on a phone and a desktop, with JavaScript on
// and off. With JavaScript, a quiz is checked on the device (all right,
// a number typed in Arabic-Indic digits counts, a wrong answer is marked
// by text and not colour alone), a lesson marked as read shows on the
// first page with the link that records it online; without JavaScript
// every question's answer opens on request and no script-only control
// shows. axe finds no violation; no page asks the network for anything.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { it, before, after } = require('node:test');
const S = require('../http/lib/server');
const B = require('./lib/browser');

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const ONLINE = 'https://ethica.example.org';
// The right answers to the demo-intro quiz, by form position.
const RIGHT = {
	1: ['b'], 2: ['a', 'b'], 3: ['false'], 4: '10',
	5: 'proportionality', 6: null,
};

let browser, tmp, data;

before(async () => {
	browser = await B.launch();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-offline-b-'));
	data = path.join(tmp, 'var');
	for (const args of [['migrate'], ['demo']]) {
		const r = await S.ethica(args, { dataDir: data });
		assert.equal(r.code, 0, r.stdout + r.stderr);
	}
	for (const [course, lang] of [['demo-intro', 'en'],
	    ['ethics-of-ai', 'ar']]) {
		const r = await S.ethica(['course', 'pack', course, '--lang', lang,
		    '--dir', path.join(tmp, `${course}-${lang}`),
		    '--public-url', ONLINE], { dataDir: data });
		assert.equal(r.code, 0, r.stdout + r.stderr);
	}
});

after(async () => {
	if (browser)
		await browser.close();
	if (tmp && process.env.ETHICA_KEEP !== '1')
		fs.rmSync(tmp, { recursive: true, force: true });
});

// open(js, viewport): a page in a browser with no network (Playwright's
// offline emulation); returns {page, net: every request for anything
// but a file, problems: B.watch's, close}.
async function open(js, viewport) {
	const ctx = await browser.newContext({ javaScriptEnabled: js,
	    viewport, offline: true });
	const page = await ctx.newPage();
	const net = [];
	page.on('request', (r) => {
		if (!r.url().startsWith('file:'))
			net.push(r.url());
	});
	const problems = B.watch(page);
	// axe reads stylesheets again with XMLHttpRequest, which a page
	// opened from a file may not do; that the page itself has its
	// stylesheet is asked below (styled()).
	const real = () => problems.filter((x) =>
	    !/ethica\.css net::ERR_FAILED$/.test(x));
	return { page, net, problems: real, close: () => ctx.close() };
}

// styled(page): the page's own stylesheet applies (ethica.css sets the
// page's font stack; the browser's default is a serif font).
async function styled(page) {
	return /system-ui/.test(await page.evaluate(() =>
	    getComputedStyle(document.body).fontFamily));
}

function url(dir, file) {
	return 'file://' + path.join(tmp, dir, file);
}

async function answerRight(page) {
	for (const [pos, v] of Object.entries(RIGHT)) {
		const set = page.locator(`#q${pos}`);
		const type = await set.getAttribute('data-type');
		if (type === 'numeric' || type === 'text') {
			await set.locator('input').fill(v);
		} else if (type === 'ordering') {
			// Shown shuffled; each item's place is in the page.
			const sel = set.locator('select');
			for (let i = 0; i < await sel.count(); i++) {
				const at = await sel.nth(i).getAttribute(
				    'data-position');
				await sel.nth(i).selectOption(String(Number(at) +
				    1));
			}
		} else {
			for (const x of v)
				await set.locator(`input[value="${x}"]`).check();
		}
	}
}

for (const viewport of [PHONE, DESKTOP]) {
	const size = viewport === PHONE ? 'phone' : 'desktop';

	it(`a quiz is checked on the device, offline (${size})`, async () => {
		const o = await open(true, viewport);
		await o.page.goto(url('demo-intro-en', 'quiz-m01-quiz.html'));
		assert.ok(await styled(o.page));
		// Checked with nothing answered: each says so, none is right.
		await o.page.click('.offline-check button');
		assert.match(await o.page.textContent('.offline-result'),
		    /0 of 6/);
		assert.equal(await o.page.locator('.offline-mark', {
		    hasText: 'Not answered' }).count(), 6);
		await answerRight(o.page);
		await o.page.click('.offline-check button');
		const result = await o.page.textContent('.offline-result');
		assert.match(result, /6 of 6 \(100 %\)/);
		assert.equal(await o.page.locator('.q-ok').count(), 6);
		// A number in Arabic-Indic digits is the same number; a
		// wrong answer is said in words, not by colour alone.
		await o.page.fill('#q4 input', '١٠');
		await o.page.fill('#q5 input', 'speed');
		await o.page.click('.offline-check button');
		assert.match(await o.page.textContent('.offline-result'),
		    /5 of 6/);
		assert.equal(await o.page.getAttribute('#q5', 'class'),
		    'quiz-q q-bad');
		assert.match(await o.page.textContent('#q5 .offline-mark'),
		    /Not correct/);
		assert.ok(await o.page.locator('#q5 details').evaluate(
		    (d) => d.open));
		const v = await B.axeHere(o.page);
		assert.deepEqual(v, [], B.report([{ label: 'quiz', url: '',
		    violations: v }]));
		assert.deepEqual(o.net, []);
		assert.deepEqual(o.problems(), []);
		if (viewport === PHONE)
			await B.screenshot(o.page, { path: path.join(tmp,
			    'quiz-phone.png'), fullPage: true });
		await o.close();
	});

	it(`a lesson marked as read shows on the first page with its link (${size})`,
	    async () => {
		const o = await open(true, viewport);
		await o.page.goto(url('demo-intro-en', 'lesson-why-ethics.html'));
		const box = o.page.locator('#read');
		assert.ok(await box.isVisible());
		await box.check();
		const id = await box.getAttribute('data-lesson');
		// The captions load from the page itself (a file may not
		// fetch another file for a <track>).
		assert.equal(await o.page.evaluate(() => new Promise((ok) => {
			const t = document.querySelector('track[default]');
			if (t.readyState === 2)
				return ok(t.track.cues.length);
			t.track.mode = 'hidden';
			t.addEventListener('load', () => ok(t.track.cues.length));
			t.addEventListener('error', () => ok(-1));
		})) > 0, true);
		await o.page.goto(url('demo-intro-en', 'index.html'));
		const link = o.page.locator('.offline-sync a');
		assert.ok(await link.isVisible());
		assert.equal(await link.getAttribute('href'), `${ONLINE}/courses/` +
		    `demo-intro/offline-read?lessons=${id}`);
		assert.equal(await o.page.locator('li.done').count(), 1);
		// The lesson read says so in words, not by a class alone.
		assert.equal(await o.page.locator('li.done .tag-done')
		    .isVisible(), true);
		assert.equal(await o.page.locator('li:not(.done) .tag-done')
		    .first().isVisible(), false);
		assert.match(await o.page.textContent('li.done'),
		    /Marked as read/);
		for (const f of ['index.html', 'lesson-why-ethics.html',
		    'print.html']) {
			await o.page.goto(url('demo-intro-en', f));
			const v = await B.axeHere(o.page);
			assert.deepEqual(v, [], B.report([{ label: f, url: '',
			    violations: v }]));
		}
		assert.deepEqual(o.net, []);
		assert.deepEqual(o.problems(), []);
		await o.close();
	});

	it(`without JavaScript every answer opens on request (${size})`,
	    async () => {
		const o = await open(false, viewport);
		await o.page.goto(url('demo-intro-en', 'quiz-m01-quiz.html'));
		assert.equal(await o.page.locator('.offline-check').isVisible(),
		    false);
		const d = o.page.locator('#q1 details');
		assert.equal(await d.locator('ul').isVisible(), false);
		await d.locator('summary').click();
		assert.ok(await d.locator('ul').isVisible());
		await o.page.goto(url('demo-intro-en', 'lesson-why-ethics.html'));
		assert.equal(await o.page.locator('#read').isVisible(), false);
		assert.deepEqual(o.net, []);
		await o.close();
	});

	it(`the Arabic edition reads right to left (${size})`, async () => {
		const o = await open(true, viewport);
		for (const f of ['index.html',
		    'lesson-what-ai-systems-are.html', 'quiz-m01-quiz.html']) {
			await o.page.goto(url('ethics-of-ai-ar', f));
			assert.equal(await o.page.getAttribute('html', 'dir'),
			    'rtl', f);
			assert.equal(await o.page.getAttribute('html', 'lang'),
			    'ar', f);
			const v = await B.axeHere(o.page);
			assert.deepEqual(v, [], B.report([{ label: f, url: '',
			    violations: v }]));
			await B.screenshot(o.page, { path: path.join(tmp,
			    `ar-${size}-${f}.png`) });
		}
		assert.deepEqual(o.net, []);
		assert.deepEqual(o.problems(), []);
		await o.close();
	});
}
