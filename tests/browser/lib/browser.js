'use strict';
// browser.js: the system Chromium driven by playwright-core for the
// browser tests, and an accessibility check with axe-core. Owns: launching
// (fixed flags, no downloads), following form submissions to the next page,
// signing in through the login form, and running axe on a page, with
// JavaScript on (axe evaluated through the DevTools protocol, which the
// page CSP does not govern, so the page keeps its real CSP) or on a
// snapshot of a JavaScript-less page (served again to a JS-enabled
// context that bypasses CSP). A page state axe has already judged (the
// same document at the same address, in the same viewport, once its
// scripts have run; CSRF tokens and the test server's origin aside) is
// not judged again: its earlier findings are returned, from this
// process's memory or, when ETHICA_AXE_CACHE names a folder (make test
// gives the run's own), from the findings another test file of the same
// run left there. ETHICA_AXE_STATS=1 prints, when the process exits, how
// many axe runs there were, the seconds they took, and how many repeats
// were answered so. Screenshots (screenshot, shotsDir) are for people to
// look at: ETHICA_SHOTS=0 (make test) takes none.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const AXE_SRC = fs.readFileSync(AXE, 'utf8');

// How long an action or a wait on a page may take before it fails
// (Playwright's own default is 30 s): make test runs several browser
// files, and several journeys in a file, at once on two cores shared with
// other work, so a step may wait its turn for the CPU. A hang still fails,
// and the runner's --test-timeout bounds every test.
const STEP_MS = Number(process.env.ETHICA_BROWSER_STEP_MS) || 120000;

// How many independent runs of one file go at once (the describes that
// say so): 1 unless ETHICA_BROWSER_RUNS says more. With 2-4 on two cores,
// beside a second file, the suite took 715 s against 519 s one at a time.
const RUNS_AT_ONCE = Number(process.env.ETHICA_BROWSER_RUNS) || 1;

// launch(): a headless Chromium whose contexts wait up to STEP_MS for a
// step; the caller closes it.
async function launch() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--headless=new', '--no-sandbox', '--disable-gpu',
		    '--disable-quic', '--no-first-run',
		    '--disable-background-networking',
		    '--disable-component-update', '--disable-sync'],
	});
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (opts) => {
		const ctx = await newContext(opts);
		ctx.setDefaultTimeout(STEP_MS);
		return ctx;
	};
	return browser;
}

// fileBrowser(): the browser of a test file, launched before its first
// test and closed after its last (node:test hooks of the file; call it at
// the top of the file). Its newContext(opts) is the launched browser's.
function fileBrowser() {
	const { before, after } = require('node:test');
	let browser = null;

	before(async () => {
		browser = await launch();
	});
	after(async () => {
		if (browser)
			await browser.close();
	});
	return { newContext: (opts) => browser.newContext(opts) };
}

// watch(page): collects what must never happen on our pages: CSP
// violations, uncaught script errors, failed subresources. Returns the
// list, which grows as the page is used.
function watch(page) {
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' &&
		    /Content Security Policy|Refused to/i.test(m.text()))
			problems.push(`CSP: ${m.text()} (${page.url()})`);
	});
	page.on('pageerror', (e) => problems.push(`script error: ${e.message}` +
	    ` (${page.url()})`));
	page.on('response', (r) => {
		if (!r.request().isNavigationRequest() && r.status() >= 400)
			problems.push(`${r.status()} for ${r.url()}`);
	});
	page.on('requestfailed', (r) => {
		if (!r.isNavigationRequest())
			problems.push(`request failed: ${r.url()} ` +
			    `${r.failure() && r.failure().errorText}`);
	});
	return problems;
}

// lastStatus(page): tracks the HTTP status of the main document; returns a
// function giving the latest.
function lastStatus(page) {
	let status = 0;
	page.on('response', (r) => {
		if (r.request().isNavigationRequest() &&
		    r.frame() === page.mainFrame())
			status = r.status();
	});
	return () => status;
}

// navigate(page, action): runs action (a click, a selection) and waits
// until a new main-frame document has committed and loaded.
async function navigate(page, action) {
	const nav = page.waitForEvent('framenavigated',
	    { predicate: (f) => f === page.mainFrame() });
	await action();
	await nav;
	await page.waitForLoadState('load');
}

// login(page, srv, email, password): signs in on srv (a lib/server.js
// Server) through its login form, as a person does, and waits for the
// page it leads to.
async function login(page, srv, email, password) {
	await page.goto(srv.url('/login'));
	const f = page.locator('form[action^="/login"]').first();
	await f.locator('[name="email"]').fill(email);
	await f.locator('[name="password"]').fill(password);
	await navigate(page, () => submitButton(f).click());
}

// submitButton(form): the submit control of a form locator.
function submitButton(form) {
	return form.locator('button[type="submit"], button:not([type]), ' +
	    'input[type="submit"]').first();
}

// What axe saw in this process: findings by page state, and counts.
const judged = new Map();
const axeStats = { runs: 0, repeats: 0, shared: 0, ms: 0 };
const CACHE = process.env.ETHICA_AXE_CACHE || '';

if (process.env.ETHICA_AXE_STATS === '1') {
	process.on('exit', () => {
		process.stdout.write(`# axe: ${axeStats.runs} runs ` +
		    `(${Math.round(axeStats.ms / 1000)} s), ` +
		    `${axeStats.repeats} repeated states not run again ` +
		    `(${axeStats.shared} judged by another file) ` +
		    `(${path.basename(process.argv[1] || '?')})\n`);
	});
}

// stateOf(page): a key for what axe would judge on page now: its address,
// viewport and serialised document, with the values of CSRF inputs (a
// token per session, nothing axe looks at) and the server's origin
// (each test file's server has a port of its own) left out.
async function stateOf(page) {
	const vp = page.viewportSize();
	const u = new URL(page.url());
	const html = (await page.content()).replace(
	    /(<input\b[^>]*\bname="csrf"[^>]*\bvalue=")[^"]*"/g, '$1"')
	    .split(u.origin).join('');
	return `${vp ? `${vp.width}x${vp.height}` : 'default'} ` +
	    `${u.pathname}${u.search} ` + crypto.createHash('sha256')
	    .update(html).digest('hex');
}

// cached(key): the findings another process of the run stored for key
// (ETHICA_AXE_CACHE), or undefined.
function cached(key) {
	if (!CACHE)
		return undefined;
	try {
		return JSON.parse(fs.readFileSync(cacheFile(key), 'utf8'));
	} catch (e) {
		return undefined;	/* not judged yet */
	}
}

// store(key, found): keeps found for the other processes of the run,
// written whole or not at all (a temporary file renamed).
function store(key, found) {
	if (!CACHE)
		return;
	const f = cacheFile(key);
	const tmp = `${f}.${process.pid}.tmp`;
	fs.mkdirSync(CACHE, { recursive: true });
	fs.writeFileSync(tmp, JSON.stringify(found));
	fs.renameSync(tmp, f);
}

function cacheFile(key) {
	return path.join(CACHE, crypto.createHash('sha256').update(key)
	    .digest('hex') + '.json');
}

// judge(page): axe violations of page as it is now (JS enabled), or the
// findings of the same state judged before.
async function judge(page) {
	const key = await stateOf(page);
	if (judged.has(key)) {
		axeStats.repeats++;
		return judged.get(key);
	}
	const before = cached(key);
	if (before !== undefined) {
		axeStats.repeats++;
		axeStats.shared++;
		judged.set(key, before);
		return before;
	}
	axeStats.runs++;
	const t0 = Date.now();
	await page.evaluate(AXE_SRC);
	const found = await page.evaluate(async () => {
		/* global axe */
		const r = await axe.run(document);
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') +
			    ' :: ' + n.html.slice(0, 200)),
		}));
	});
	axeStats.ms += Date.now() - t0;
	judged.set(key, found);
	store(key, found);
	return found;
}

// axeHere(page): axe violations of the page as it is now (JS enabled).
function axeHere(page) {
	return judge(page);
}

// axeSnapshot(axePage, url, html, viewport): axe violations of html served
// as url to a JS-enabled page whose context bypasses CSP (for pages
// captured with JavaScript off), in viewport ({width, height}, the
// captured page's) when given. Stylesheets and images load from the real
// server.
async function axeSnapshot(axePage, url, html, viewport) {
	if (viewport)
		await axePage.setViewportSize(viewport);
	await axePage.route(url, (route) => route.fulfill({
		status: 200, contentType: 'text/html; charset=utf-8', body: html,
	}), { times: 1 });
	await axePage.goto(url);
	return judge(axePage);
}

// shotsDir(dflt): the folder screenshots go to (ETHICA_SHOTS, or dflt),
// made if missing (unless ETHICA_SHOTS is 0: then none is taken).
function shotsDir(dflt) {
	const d = process.env.ETHICA_SHOTS || dflt;
	if (d !== '0')
		fs.mkdirSync(d, { recursive: true });
	return d;
}

// screenshot(page, opts): page.screenshot(opts), unless ETHICA_SHOTS is 0
// (nothing checks a screenshot: it is for a person to look at).
async function screenshot(page, opts) {
	if (process.env.ETHICA_SHOTS === '0')
		return;
	await page.screenshot(opts);
}

// report(results): readable text for [{label, url, violations}].
function report(results) {
	return results.filter((r) => r.violations.length > 0).map((r) =>
	    `${r.label} ${r.url}\n` + r.violations.map((v) =>
	    `  [${v.impact}] ${v.id}: ${v.help}\n` +
	    v.nodes.map((n) => `      ${n}`).join('\n')).join('\n'))
	    .join('\n');
}

module.exports = {
	launch, fileBrowser, watch, lastStatus, navigate, login, submitButton, axeHere,
	axeSnapshot, report, screenshot, shotsDir, AXE, RUNS_AT_ONCE,
};
