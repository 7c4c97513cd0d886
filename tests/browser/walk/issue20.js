'use strict';
// issue20.js: the screenshot walk of issue 20's journeys (not part of make
// test: slow). Against a running server (WALK_BASE, default
// http://127.0.0.1:8871) with the demo data and `course pack --all`:
// the starter course in seven languages (catalog, course page, two
// lessons, a graded quiz attempt), the offline edition (download, unzip,
// read from file:// with no network, record online) and a ?lang= link
// that keeps its language. Writes WALK_DIR (default /tmp/walk-shots)
// PART-LANG-DEVICE-JS-STEP.png and walk.log with what the checks saw.
//
// Usage: node tests/browser/walk/issue20.js [course|offline|langlink]...

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const B = require('../lib/browser');
const { answerKey, answerAll } = require('../lib/quizkey');

const BASE = process.env.WALK_BASE || 'http://127.0.0.1:8871';
const OUT = process.env.WALK_DIR || '/tmp/walk-shots';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const VIEW = { phone: { width: 390, height: 844 },
    desktop: { width: 1280, height: 900 } };
const PW = 'ethica-demo-2026';
const COURSE = '/courses/ethics-of-ai';
const RTL = { ar: true };
const DIGITS = {
	ar: (n) => String(n).replace(/[0-9]/g, (d) =>
	    String.fromCharCode(0x660 + Number(d))),
};

fs.mkdirSync(OUT, { recursive: true });
const log = fs.createWriteStream(path.join(OUT, 'walk.log'), { flags: 'a' });
function note(line) {
	log.write(line + '\n');
	process.stdout.write(line + '\n');
}


async function newWalk(browser, part, lang, device, js, extra) {
	const ctx = await browser.newContext(Object.assign({
	    viewport: VIEW[device], javaScriptEnabled: js === 'on',
	    acceptDownloads: true }, extra || {}));
	const axeCtx = await browser.newContext({ bypassCSP: true,
	    viewport: VIEW[device] });
	const page = await ctx.newPage();
	return { part, lang, device, js, ctx, page, axePage:
	    await axeCtx.newPage(), axeCtx, status: B.lastStatus(page),
	    problems: js === 'on' ? B.watch(page) : [] };
}

async function closeWalk(w) {
	for (const p of w.problems)
		note(`PROBLEM ${w.part}-${w.lang}-${w.device}-${w.js}: ${p}`);
	await w.ctx.close();
	await w.axeCtx.close();
}

// shot(w, step, wantLang): screenshot, facts and axe.
async function shot(w, step, wantLang) {
	const file = `${w.part}-${w.lang}-${w.device}-${w.js}-${step}.png`;
	const facts = await w.page.evaluate(() => {
		const notice = document.querySelector(
		    'article.lesson > .notice, main .notice');
		const over = [];
		for (const e of document.querySelectorAll('main *')) {
			const r = e.getBoundingClientRect();
			if (r.right > window.innerWidth + 1 || r.left < -1)
				over.push(e.tagName.toLowerCase() +
				    (e.className ? '.' + e.className : ''));
		}
		return {
			wide: document.documentElement.scrollWidth >
			    window.innerWidth + 1,
			over: over.slice(0, 4),
			h1: document.querySelectorAll('h1').length,
			lang: document.documentElement.lang,
			dir: document.documentElement.dir,
			title: document.title,
			notice: notice ? notice.textContent.trim()
			    .slice(0, 80) : '',
		};
	});
	// The printable edition is the whole course: its first screen.
	await w.page.screenshot({ path: path.join(OUT, file),
	    fullPage: !/print/.test(step) });
	let v = [];
	try {
		// A file page without JavaScript has no snapshot to serve.
		if (w.js === 'off' && w.page.url().startsWith('file:'))
			v = [];
		else v = w.js === 'on' || w.page.url().startsWith('file:') ?
		    await B.axeHere(w.page) : await B.axeSnapshot(w.axePage,
		    w.page.url(), await w.page.content());
	} catch (e) {
		v = [{ id: 'axe-error', nodes: [], help: e.message }];
	}
	const want = wantLang || w.lang;
	const bad = [];
	if (facts.lang !== want)
		bad.push(`LANG ${facts.lang}!=${want}`);
	if ((facts.dir === 'rtl') !== !!RTL[want])
		bad.push(`DIR ${facts.dir}`);
	if (facts.wide)
		bad.push('WIDE ' + facts.over.join(','));
	if (facts.notice)
		bad.push(`NOTICE "${facts.notice}"`);
	for (const x of v)
		bad.push(`AXE ${x.id} (${x.nodes.length})`);
	note(`${file}\t${w.status()}\t${w.page.url().replace(BASE, '')}` +
	    `\th1=${facts.h1}\t${bad.join(' ')}\t${facts.title}`);
}

async function go(w, p) {
	await w.page.goto(p.startsWith('file:') ? p : BASE + p);
}

async function submit(w, sel) {
	const f = w.page.locator(sel).first();
	await B.navigate(w.page, () => B.submitButton(f).click());
}

async function login(w, email) {
	await go(w, '/login');
	const f = w.page.locator('form[action^="/login"]').first();
	await f.locator('[name="email"]').fill(email);
	await f.locator('[name="password"]').fill(PW);
	await submit(w, 'form[action^="/login"]');
}

async function logout(w) {
	await w.ctx.clearCookies();
}

const parts = {
	async course(w) {
		await w.ctx.addCookies([{ name: 'lang', value: w.lang,
		    url: BASE }]);
		await go(w, '/courses');
		await shot(w, '01-catalog');
		await go(w, COURSE);
		await shot(w, '02-course');
		await go(w, `${COURSE}/lessons/what-ai-systems-are`);
		await shot(w, '03-lesson-m01');
		await go(w, `${COURSE}/lessons/why-transparency`);
		const cards = await w.page.locator('main .case-card, ' +
		    'main [class*="case"]').count();
		note(`  case-card elements: ${cards}`);
		await shot(w, '04-lesson-m03-cases');
		await go(w, `${COURSE}/quizzes/m01-quiz`);
		await shot(w, '05-quiz-visitor');
		await login(w, `learn-${w.lang}-${w.device}-${w.js}@walk.example`);
		await go(w, COURSE);
		const enrol = w.page.locator(`form[action="${COURSE}/enrol"]`);
		if (await enrol.count() > 0)
			await submit(w, `form[action="${COURSE}/enrol"]`);
		await go(w, `${COURSE}/quizzes/m01-quiz`);
		await shot(w, '06-quiz-learner');
		const start = `form[action="${COURSE}/quizzes/m01-quiz/attempts"]`;
		if (await w.page.locator(start).count() === 0) {
			note('  NO START FORM (attempts used up?)');
			return;
		}
		await submit(w, start);
		const n = await answerAll(w.page, answerKey(w.lang, 'm01'),
		    w.lang, DIGITS[w.lang] || String);
		await shot(w, '07-attempt');
		await submit(w, 'form.quiz-form');
		const bad = await w.page.locator('.quiz-feedback .mark-bad')
		    .count();
		const ok = await w.page.locator('.quiz-feedback .mark-ok')
		    .count();
		note(`  graded: ${ok} ok, ${bad} bad of ${n}` +
		    (bad ? '  RIGHT ANSWER MARKED WRONG' : ''));
		await shot(w, '08-graded');
		await logout(w);
	},

	async offline(w) {
		await w.ctx.addCookies([{ name: 'lang', value: w.lang,
		    url: BASE }]);
		await go(w, COURSE);
		const link = w.page.locator(`a[href$="/offline/${w.lang}.zip"]`);
		note(`  offline links: ${await w.page.locator(
		    'a[href*="/offline/"]').count()}, own: ${await link.count()}`);
		const [dl] = await Promise.all([w.page.waitForEvent('download'),
		    link.first().click()]);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(),
		    `walk-off-${w.lang}-`));
		const zip = path.join(dir, 'c.zip');
		await dl.saveAs(zip);
		execFileSync('unzip', ['-q', zip, '-d', dir]);
		let index = execFileSync('find', [dir, '-name', 'index.html'])
		    .toString().trim().split('\n')[0];
		const root = path.dirname(index);
		note(`  unzipped ${root}: ${fs.readdirSync(root).length} files`);
		const off = await w.ctx.browser().newContext({
		    viewport: VIEW[w.device], javaScriptEnabled: true,
		    offline: true });
		const o = { part: w.part + 'file', lang: w.lang,
		    device: w.device, js: 'on', ctx: off,
		    page: await off.newPage(), axePage: w.axePage,
		    status: () => 0, axeCtx: { close() {} } };
		o.problems = B.watch(o.page).filter(() => true);
		const net = [];
		o.page.on('request', (r) => {
			if (!r.url().startsWith('file:'))
				net.push(r.url());
		});
		await go(o, 'file://' + index);
		await shot(o, '01-index');
		const lesson = fs.readdirSync(root).find((f) =>
		    /^lesson-why-transparency/.test(f)) ||
		    fs.readdirSync(root).find((f) => /^lesson-/.test(f));
		await go(o, 'file://' + path.join(root, lesson));
		await shot(o, '02-lesson');
		await o.page.locator('#read').check();
		await go(o, 'file://' + path.join(root, fs.readdirSync(root)
		    .find((f) => /^lesson-what-ai/.test(f))));
		await o.page.locator('#read').check();
		const quiz = fs.readdirSync(root).find((f) =>
		    /^quiz-m01/.test(f));
		await go(o, 'file://' + path.join(root, quiz));
		await o.page.click('.offline-check button');
		note(`  offline quiz empty check: ${(await o.page.textContent(
		    '.offline-result')).trim()}`);
		await shot(o, '03-quiz-checked');
		await go(o, 'file://' + path.join(root, 'print.html'));
		await shot(o, '04-print');
		await go(o, 'file://' + index);
		await shot(o, '05-index-read');
		const rec = o.page.locator('.offline-sync a');
		const href = await rec.getAttribute('href');
		note(`  record link: ${href}; net: ${net.join(' ')}`);
		for (const p of o.problems)
			note(`PROBLEM offline-file-${w.lang}-${w.device}: ${p}`);
		await off.close();
		// JS off in the file.
		const nj = await w.ctx.browser().newContext({
		    viewport: VIEW[w.device], javaScriptEnabled: false,
		    offline: true });
		const q = { part: w.part + 'file', lang: w.lang,
		    device: w.device, js: 'off', ctx: nj,
		    page: await nj.newPage(), axePage: w.axePage,
		    status: () => 0 };
		await go(q, 'file://' + path.join(root, quiz));
		await q.page.locator('#q1 details summary').click();
		await shot(q, '06-quiz-nojs-answer');
		await nj.close();
		// Record online.
		const u = new URL(href);
		await go(w, u.pathname + u.search);
		await shot(w, '07-record-visitor');
		await login(w, `learn-off-${w.lang}-${w.device}@walk.example`);
		await go(w, u.pathname + u.search);
		await shot(w, '08-record-learner');
		await submit(w, `form[action="${COURSE}/offline-read"]`);
		await shot(w, '09-recorded');
		await go(w, COURSE);
		note(`  done on course page: ${await w.page.locator(
		    'main .tag-done').count()}`);
		await shot(w, '10-course-done');
		await logout(w);
		fs.rmSync(dir, { recursive: true, force: true });
	},

	async langlink(w) {
		await go(w, '/?lang=fr');
		await shot(w, '01-home-fr', 'fr');
		await go(w, '/courses');
		await B.navigate(w.page, () => w.page.locator(
		    `main a[href="${COURSE}"]`).first().click());
		await shot(w, '02-course-fr', 'fr');
		await go(w, '/cases');
		await shot(w, '03-cases-fr', 'fr');
		if (w.js === 'on') {
			await B.navigate(w.page, () => w.page.selectOption(
			    '#lang-select', 'ko'));
		} else {
			await w.page.selectOption('#lang-select', 'ko');
			await submit(w, 'form.lang-form');
		}
		await shot(w, '04-menu-ko', 'ko');
		await go(w, '/courses');
		await shot(w, '05-next-ko', 'ko');
		// A learner with no profile language.
		await w.ctx.clearCookies();
		await login(w, `learn-nolang-${w.device}-${w.js}@walk.example`);
		await go(w, `${COURSE}/lessons/why-transparency?lang=fr`);
		await shot(w, '06-learner-lesson-fr', 'fr');
		await go(w, COURSE);
		await shot(w, '07-learner-course-fr', 'fr');
		await go(w, '/account');
		await shot(w, '08-learner-account-fr', 'fr');
		if (w.js === 'on') {
			await B.navigate(w.page, () => w.page.selectOption(
			    '#lang-select', 'ar'));
		} else {
			await w.page.selectOption('#lang-select', 'ar');
			await submit(w, 'form.lang-form');
		}
		await shot(w, '09-learner-menu-ar', 'ar');
		await go(w, COURSE);
		await shot(w, '10-learner-next-ar', 'ar');
		await logout(w);
	},
};

async function main() {
	const which = process.argv.slice(2);
	const combos = (process.env.WALK_COMBOS || '').split(/\s+/)
	    .filter(Boolean);
	const browser = await B.launch();
	try {
		for (const part of which) {
			for (const c of combos) {
				const [lang, device, js] = c.split('-');
				const w = await newWalk(browser, part, lang,
				    device, js);
				try {
					await parts[part](w);
				} catch (e) {
					note(`FAIL ${part}-${c}: ` +
					    e.stack.split('\n').slice(0, 4).join(' | '));
					await w.page.screenshot({ path: path.join(
					    OUT, `${part}-${c}-99-fail.png`),
					    fullPage: true }).catch(() => {});
				}
				await closeWalk(w);
			}
		}
	} finally {
		await browser.close();
		log.end();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
