'use strict';
// walk.js: the screenshot walk of issue 13 (not part of make test: slow).
// Starts a server with the demo content and walks each role's journey in
// Chromium, in English, Korean and Arabic, on a phone (375x812) and a
// desktop (1280x900), with JavaScript on and off, writing a full-page
// screenshot of every step to WALK_DIR (default /tmp/walk) as
// ROLE-LANG-DEVICE-JS-STEP.png and a line per step to WALK_DIR/walk.log
// with the HTTP status and what the automatic checks saw (sideways
// scrolling, missing h1, English words on a ko/ar page is for the eye).
//
// Usage: node tests/browser/walk/walk.js [ROLE...]
//   WALK_LANGS="en ko ar" WALK_DEVICES="phone desktop" WALK_JS="on off"
//   WALK_COMBOS="en-phone-on ko-desktop-off" (instead of the three above)

const fs = require('node:fs');
const path = require('node:path');
const S = require('../../http/lib/server');
const B = require('../lib/browser');

const OUT = process.env.WALK_DIR || '/tmp/walk';
const LANGS = (process.env.WALK_LANGS || 'en ko ar').split(/\s+/);
const DEVICES = (process.env.WALK_DEVICES || 'phone desktop').split(/\s+/);
const JS = (process.env.WALK_JS || 'on off').split(/\s+/);
// WALK_COMBOS="en-phone-on ko-desktop-off" walks only those.
const COMBOS = (process.env.WALK_COMBOS || '').split(/\s+/).filter(Boolean);
const ROLES = process.argv.slice(2).length > 0 ? process.argv.slice(2) :
    ['visitor', 'submitter', 'author', 'admin', 'password'];
const VIEW = { phone: { width: 375, height: 812 },
    desktop: { width: 1280, height: 900 } };
const DEMO_PW = 'ethica-demo-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

fs.mkdirSync(OUT, { recursive: true });
const log = fs.createWriteStream(path.join(OUT, 'walk.log'), { flags: 'a' });

function note(line) {
	log.write(line + '\n');
	process.stdout.write(line + '\n');
}

async function shot(w, step) {
	const file = `${w.role}-${w.lang}-${w.device}-${w.js}-${step}.png`;
	const facts = await w.page.evaluate(() => ({
		wide: document.documentElement.scrollWidth >
		    window.innerWidth + 1,
		h1: document.querySelectorAll('h1').length,
		lang: document.documentElement.lang,
		dir: document.documentElement.dir,
		title: document.title,
	}));
	await w.page.screenshot({ path: path.join(OUT, file), fullPage: true });
	note(`${file}\t${w.status()}\t${w.page.url().replace(w.srv.base, '')}` +
	    `\t${facts.wide ? 'WIDE ' : ''}h1=${facts.h1} ` +
	    `lang=${facts.lang} dir=${facts.dir}\t${facts.title}`);
}

async function go(w, p) {
	await w.page.goto(w.srv.url(p));
}

async function submit(w, sel, button) {
	const f = w.page.locator(sel).first();
	await B.navigate(w.page, () => (button ? f.locator(button) :
	    B.submitButton(f)).first().click());
}

async function login(w, email, pw) {
	await go(w, '/login');
	const f = w.page.locator('form[action^="/login"]').first();
	await f.locator('[name="email"]').fill(email);
	await f.locator('[name="password"]').fill(pw);
	await submit(w, 'form[action^="/login"]');
}

const journeys = {
	async visitor(w) {
		await go(w, '/');
		await shot(w, '01-home');
		await go(w, '/courses');
		const facet = w.page.locator('#filters a, aside a').first();
		if (await facet.count() > 0)
			await B.navigate(w.page, () => facet.click());
		await w.page.fill('#q', 'ethics');
		await submit(w, 'form.search');
		await shot(w, '02-catalog-filter-search');
		await go(w, '/courses/ethics-of-ai');
		await shot(w, '03-course');
		const lesson = w.page.locator('main a[href*="/lessons/"]').first();
		await B.navigate(w.page, () => lesson.click());
		await shot(w, '04-lesson');
		await go(w, '/cases');
		await w.page.fill('#q', 'algorithm');
		await submit(w, 'form.search');
		const f2 = w.page.locator('#filters a, aside a').first();
		if (await f2.count() > 0)
			await B.navigate(w.page, () => f2.click());
		await shot(w, '05-cases-search-facet');
		const other = w.lang === 'ko' ? 'ar' : 'ko';
		if (w.js === 'on') {
			await B.navigate(w.page, () => w.page.selectOption(
			    '#lang-select', other));
		} else {
			await w.page.selectOption('#lang-select', other);
			await submit(w, 'form.lang-form');
		}
		await shot(w, `06-cases-after-language-${other}`);
		await w.ctx.addCookies([{ name: 'lang', value: w.lang,
		    url: w.srv.base }]);
		await go(w, '/cases');
		const c = w.page.locator('main a[href^="/cases/"]').first();
		await B.navigate(w.page, () => c.click());
		await shot(w, '07-case');
		await go(w, '/principles');
		await shot(w, '08-principles');
		await go(w, '/certificates/AAAAAAAAAAAAAAAAAAAAAA');
		await shot(w, '09-certificate-unknown');
	},

	async submitter(w) {
		const email = S.uniqueEmail(`sub-${w.lang}`);
		await go(w, '/register');
		await w.page.fill('#email', email);
		await w.page.fill('#display_name', 'Walk Submitter');
		await w.page.fill('#password', 'a long enough passphrase');
		await shot(w, '01-register');
		await submit(w, 'form[action="/register"]');
		await shot(w, '02-register-sent');
		const m = await w.srv.readMail({ to: email, link: '/verify' });
		await w.page.goto(m.links.find((l) => l.includes('/verify')));
		await shot(w, '03-verified');
		await login(w, email, 'a long enough passphrase');
		await shot(w, '04-logged-in');
		await go(w, '/calls');
		await shot(w, '05-calls');
		const call = w.page.locator('main a[href^="/calls/"]').first();
		await B.navigate(w.page, () => call.click());
		await shot(w, '06-call');
		const id = w.page.url().match(/calls\/(\d+)/)[1];
		await go(w, `/calls/${id}/submit`);
		await shot(w, '07-form');
		await w.page.fill('#title', 'Walk case');
		await w.page.setInputFiles('#attachment', { name: 'walk.pdf',
		    mimeType: 'application/pdf', buffer: PDF });
		await submit(w, 'main form[enctype]', 'button[value="save"]');
		await shot(w, '08-draft');
		await go(w, w.page.url().replace(w.srv.base, '') + '?edit=1');
		await submit(w, 'main form[enctype]',
		    'button[value="submit"]');
		await shot(w, '09-form-errors');
		await w.page.fill('#organisation', 'Walk organisation');
		await w.page.selectOption('#sector', { index: 1 });
		await w.page.selectOption('#country', 'KR');
		await w.page.selectOption('#category', { index: 1 });
		await w.page.locator('input[name="tag"]').first().check();
		await w.page.fill('#summary', 'Summary.');
		await w.page.fill('#ai_system', 'System.');
		await w.page.fill('#actions', 'Actions.');
		await w.page.fill('#outcomes', 'Outcomes.');
		await w.page.fill('#lessons', 'Lessons.');
		await w.page.selectOption('#language', { index: 1 });
		await w.page.check('#consent_publish');
		await submit(w, 'main form[enctype]',
		    'button[value="submit"]');
		await shot(w, '10-submitted');
		const wd = w.page.locator('form[action$="/withdraw"]');
		if (await wd.count() > 0) {
			await submit(w, 'form[action$="/withdraw"]');
			await shot(w, '11-withdraw');
			const again = w.page.locator('form[action$="/withdraw"]');
			if (await again.count() > 0) {
				await submit(w, 'form[action$="/withdraw"]');
				await shot(w, '12-withdraw-confirmed');
			}
		}
		await go(w, '/submissions');
		await shot(w, '13-submissions');
	},

	async author(w) {
		await login(w, 'author@demo.ethica.example', DEMO_PW);
		await go(w, `/author/courses/demo-intro/lessons/` +
		    `why-ethics/${w.lang === 'en' ? 'en' : 'ko'}`);
		await shot(w, '01-editor');
		const t = w.page.locator('#text');
		const text = await t.inputValue();
		await t.fill(text + '\n\n::case[uk-algorithmic-transparency-' +
		    'recording-standard]\n\n::case[no-such-case-walk]\n');
		await submit(w, 'main form[enctype]', 'button[name="preview"]');
		await shot(w, '02-preview-unknown-case');
		await w.page.locator('#text').fill(text + '\n\nWalk edit.\n');
		await submit(w, 'main form[enctype]', 'button[name="save"]');
		await shot(w, '03-saved');
	},

	async admin(w) {
		await login(w, 'admin@demo.ethica.example', DEMO_PW);
		await go(w, '/admin/users');
		await shot(w, '01-users');
		const f = w.page.locator('form[action="/admin/users/role"]')
		    .nth(1);
		await f.locator('select[name="role"]').selectOption('reviewer');
		await B.navigate(w.page, () => B.submitButton(f).click());
		await shot(w, '02-role-changed');
		await go(w, '/admin/audit');
		await shot(w, '03-audit');
		await go(w, '/admin/mail');
		await shot(w, '04-mail');
	},

	async password(w) {
		const email = S.uniqueEmail(`pw-${w.lang}`);
		await w.srv.addUser(email, 'learner', 'a long enough passphrase');
		await go(w, '/login');
		await shot(w, '01-login');
		await go(w, '/password/forgot');
		await w.page.fill('#email', email);
		await submit(w, 'form[action="/password/forgot"]');
		await shot(w, '02-forgot-sent');
		const m = await w.srv.readMail({ to: email,
		    link: '/password/reset' });
		const link = m.links.find((l) => l.includes('/password/reset'));
		await w.page.goto(link);
		await shot(w, '03-reset-form');
		await w.page.fill('#password', 'another long passphrase');
		await submit(w, 'form[action="/password/reset"]');
		await shot(w, '04-reset-done');
		await w.page.goto(link);
		await shot(w, '05-used-link');
		await go(w, '/password/reset?token=expiredorbogus0000');
		await shot(w, '06-bogus-link');
	},
};

async function main() {
	const srv = await S.startServer();
	for (const sig of ['SIGINT', 'SIGTERM'])
		process.on(sig, () => {
			srv.kill();
			process.exit(1);
		});
	const browser = await B.launch();
	try {
		const r = await srv.ethica(['demo']);
		if (r.code !== 0)
			throw new Error('demo failed: ' + r.stderr);
		for (const role of ROLES) {
			for (const lang of LANGS) {
				for (const device of DEVICES) {
					for (const js of JS) {
						if (COMBOS.length > 0 && !COMBOS
						    .includes(`${lang}-${device}-${js}`))
							continue;
						const ctx = await browser.newContext({
						    viewport: VIEW[device],
						    javaScriptEnabled: js === 'on',
						});
						await ctx.addCookies([{ name: 'lang',
						    value: lang, url: srv.base }]);
						const page = await ctx.newPage();
						const w = { role, lang, device, js,
						    ctx, page, srv,
						    status: B.lastStatus(page),
						    problems: js === 'on' ?
						    B.watch(page) : [] };
						try {
							await journeys[role](w);
						} catch (e) {
							note(`FAIL ${role}-${lang}-` +
							    `${device}-${js}: ` +
							    e.message.split('\n')[0]);
							await shot(w, '99-fail')
							    .catch(() => {});
						}
						for (const p of w.problems)
							note(`PROBLEM ${role}-${lang}-` +
							    `${device}-${js}: ${p}`);
						await ctx.close();
					}
				}
			}
		}
	} finally {
		await browser.close();
		await srv.stop().catch((e) => note('STOP ' + e.message));
		log.end();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
