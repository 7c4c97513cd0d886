'use strict';
// server.js: runs a real Ethica server for the HTTP and browser tests, and
// talks to it. Owns: picking a free port, a throwaway data directory (and,
// with ETHICA_TEST_DB=pg:URL, a fresh PostgreSQL database), waiting for
// /healthz, a clean SIGTERM stop that fails when the server exits non-zero,
// when a worker died, or when a sanitizer reported anything; a cookie-keeping
// HTTP client; reading the .eml files the server writes; the `ethica` CLI.
//
// Environment:
//   ETHICA_BUILD   build folder holding ethica and ethica.so (default build);
//                  build-san turns on the ASan/UBSan runtime and checks.
//   ETHICA_TEST_DB pg:URL runs every server on its own new PostgreSQL
//                  database made by scripts/pg-temp.sh newdb
//                  (ETHICA_PG_TEMP_DIR names the cluster folder).
//   ETHICA_KEEP    1 keeps data directories after the tests.

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUILD = process.env.ETHICA_BUILD || 'build';
const BIN = path.resolve(ROOT, BUILD, 'ethica');
const SAN = /san/.test(path.basename(BUILD)) || process.env.ETHICA_SAN === '1';
const READY_TRIES = SAN ? 600 : 300;	// × 50 ms between tries
const MAIL_TRIES = SAN ? 600 : 200;	// × 50 ms between tries

let dbCounter = 0;
// Every Set-Cookie header any Client received, for tests of cookie flags.
const seenSetCookies = [];

// layoutIntact(method, path, html): every full page the server sends has
// the site's language menu with every language in it, each option with a
// code and a name: a page's own values must never replace the layout's
// (a case's list of languages once emptied the menu on every case page).
function layoutIntact(method, p, html) {
	const sel = /<select id="lang-select" name="lang">([\s\S]*?)<\/select>/
	    .exec(html);
	if (!/<html\b/i.test(html))
		return;
	if (sel === null)
		throw new Error(`${method} ${p}: page without the language menu`);
	const opts = [...sel[1].matchAll(
	    /<option value="([^"]*)" lang="([^"]*)"[^>]*>([^<]*)<\/option>/g)];
	const where = `${method} ${p}`;
	if (opts.length < 7)
		throw new Error(`${where}: language menu has ${opts.length} ` +
		    'languages, not 7');
	for (const o of opts) {
		if (o[1] === '' || o[2] !== o[1] || o[3].trim() === '')
			throw new Error(`${where}: broken language option ` +
			    `${o[0]}`);
	}
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

// freePort(): a TCP port on 127.0.0.1 that was free a moment ago.
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function sanEnv(dataDir) {
	if (!SAN)
		return {};
	const lib = (n) => execFileSync('gcc', ['-print-file-name=' + n])
	    .toString().trim();
	return {
		LD_PRELOAD: `${lib('libasan.so')} ${lib('libubsan.so')}`,
		ASAN_OPTIONS: 'detect_leaks=0:symbolize=0:log_path=' +
		    path.join(dataDir, 'asan'),
		UBSAN_OPTIONS: 'print_stacktrace=1',
	};
}

// The database for a new server: undefined (SQLite in the data folder) or a
// PostgreSQL URL for a database made just for it.
function newDatabase() {
	const spec = process.env.ETHICA_TEST_DB || '';
	if (!spec.startsWith('pg:'))
		return undefined;
	const dir = process.env.ETHICA_PG_TEMP_DIR;
	if (!dir)
		throw new Error('ETHICA_TEST_DB=pg: needs ETHICA_PG_TEMP_DIR');
	const name = `t_${process.pid}_${++dbCounter}_` +
	    Math.random().toString(36).slice(2, 8);
	const url = execFileSync('sh',
	    [path.join(ROOT, 'scripts', 'pg-temp.sh'), 'newdb', dir, name],
	    { cwd: ROOT }).toString().trim();
	if (!url)
		throw new Error('pg-temp.sh newdb printed no URL');
	return url;
}

// ethica(args, {input, env, dataDir, db}): runs the CLI to completion.
// Returns {code, stdout, stderr}; never throws for a non-zero exit.
function ethica(args, opts = {}) {
	return new Promise((resolve, reject) => {
		const full = args.slice();
		if (opts.dataDir)
			full.push('--data', opts.dataDir);
		if (opts.db)
			full.push('--db', opts.db);
		const san = SAN ? { ASAN_OPTIONS: 'detect_leaks=0' } : {};
		const p = spawn(BIN, full, {
			cwd: ROOT,
			env: { ...process.env, ...san, ...(opts.env || {}) },
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let out = '', err = '';
		p.stdout.on('data', (d) => { out += d; });
		p.stderr.on('data', (d) => { err += d; });
		p.on('error', reject);
		p.on('close', (code, signal) => resolve({
			code: code === null ? 128 : code, signal,
			stdout: out, stderr: err,
		}));
		p.stdin.end(opts.input === undefined ? '' : opts.input);
	});
}

class Server {
	constructor(port, dataDir, db, proc) {
		this.port = port;
		this.base = `http://127.0.0.1:${port}`;
		this.dataDir = dataDir;
		this.db = db;
		this.proc = proc;
		this.output = '';
		this.exited = null;
		this.stopped = false;
		proc.stdout.on('data', (d) => { this.output += d; });
		proc.stderr.on('data', (d) => { this.output += d; });
		this.exitPromise = new Promise((resolve) => {
			proc.on('exit', (code, signal) => {
				this.exited = { code, signal };
				resolve(this.exited);
			});
		});
	}

	url(p) {
		return this.base + p;
	}

	client(opts) {
		return new Client(this.base, opts);
	}

	// Runs the CLI against this server's data (and database).
	ethica(args, opts = {}) {
		return ethica(args, { dataDir: this.dataDir, db: this.db,
		    ...opts });
	}

	// addUser(email, role, password): a verified account made by the
	// operator CLI; throws when the CLI fails.
	async addUser(email, role, password) {
		const r = await this.ethica(['user', 'add', email, '--role', role],
		    { input: password + '\n' });
		if (r.code !== 0)
			throw new Error(`ethica user add ${email} failed ` +
			    `(${r.code}): ${r.stdout}${r.stderr}`);
		return r;
	}

	mailDir() {
		return path.join(this.dataDir, 'mail');
	}

	mailCount() {
		return listMail(this.dataDir).length;
	}

	readMail(filter) {
		return readMail(this.dataDir, filter);
	}

	// Problems seen so far: sanitizer reports, seccomp violations, workers
	// that died. Returns a list of strings (empty when all is well).
	problems() {
		const found = [];
		let files = [];
		try {
			files = fs.readdirSync(this.dataDir)
			    .filter((f) => f.startsWith('asan'));
		} catch (e) {
			// data directory gone: nothing to report
		}
		for (const f of files) {
			const text = fs.readFileSync(path.join(this.dataDir, f),
			    'utf8');
			found.push(`sanitizer report ${f}:\n${text.slice(0, 4000)}`);
		}
		const checks = [
			[/runtime error:/, 'UBSan runtime error'],
			[/AddressSanitizer|LeakSanitizer/, 'ASan report'],
			[/seccomp violation/, 'seccomp violation'],
			[/died from sandbox violation/, 'worker killed by seccomp'],
			[/worker \d+ \(pid: \d+\) \(hdlr: [^)]*\) gone/,
			    'worker died'],
		];
		for (const [re, what] of checks) {
			const m = this.output.match(re);
			if (m) {
				const i = Math.max(0, m.index - 500);
				found.push(`${what} in server output:\n` +
				    this.output.slice(i, m.index + 1500));
			}
		}
		return found;
	}

	// stop(): SIGTERM, wait for the exit, then throw when the exit was not
	// clean or problems() found anything. Removes the data directory when
	// everything was fine (unless ETHICA_KEEP=1).
	async stop() {
		if (this.stopped)
			return;
		this.stopped = true;
		if (this.exited === null)
			this.proc.kill('SIGTERM');
		// Kore 4.1's parent keeps one pending signal: a SIGCHLD that
		// lands before its loop reads a SIGTERM replaces it (under
		// seccomp tracing every new worker thread sends one), so the
		// SIGTERM is repeated every 5 s, as an operator would.
		let timer;
		const again = setInterval(() => {
			if (this.exited === null)
				this.proc.kill('SIGTERM');
		}, 5000);
		const res = await Promise.race([
			this.exitPromise,
			new Promise((r) => {
				timer = setTimeout(() => r(null), 30000);
			}),
		]);
		clearTimeout(timer);
		clearInterval(again);
		const errs = this.problems();
		if (res === null) {
			const where = this.groupThreads();
			this.killGroup();
			await this.exitPromise;
			errs.unshift('server did not exit within 30 s of SIGTERM; ' +
			    `where its threads waited:\n${where}`);
		} else if (res.code !== 0) {
			errs.unshift(`server exited with code ${res.code} ` +
			    `signal ${res.signal}`);
		}
		// `ethica serve` must take Kore and its mail watcher down with
		// it: once it has exited, its process group is empty (the parent
		// has waited for the workers and for the watcher, http/parent.c),
		// so the database is free for whatever comes next.
		if (res !== null && this.groupAlive())
			errs.push('processes of the server still running after ' +
			    'ethica serve exited on SIGTERM');
		this.killGroup();
		if (errs.length > 0) {
			throw new Error(`${errs.join('\n')}\n(data kept in ` +
			    `${this.dataDir}; last output:\n` +
			    `${this.output.slice(-3000)})`);
		}
		if (process.env.ETHICA_KEEP !== '1')
			fs.rmSync(this.dataDir, { recursive: true, force: true });
	}

	// groupThreads(): for a server that does not stop, what each thread
	// of each process left in its group is doing: name, state, the
	// syscall it waits in and the kernel's wait channel, and the user
	// stacks from gdb when the machine has it.
	groupThreads() {
		const lines = [];
		let pids = [];
		try {
			pids = execFileSync('ps', ['-o', 'pid=', '-g',
			    String(this.proc.pid)], { encoding: 'utf8' })
			    .split(/\s+/).filter((p) => p !== '');
		} catch (e) {
			return `(ps failed: ${e.message})`;
		}
		const rd = (f) => {
			try {
				return fs.readFileSync(f, 'utf8').trim();
			} catch (e) {
				return '?';
			}
		};
		for (const pid of pids) {
			let tids = [];
			try {
				tids = fs.readdirSync(`/proc/${pid}/task`);
			} catch (e) {
				continue;
			}
			for (const tid of tids) {
				const t = `/proc/${pid}/task/${tid}`;
				const st = rd(`${t}/stat`).replace(/^.*\) /, '');
				lines.push(`${pid}/${tid} ${rd(`${t}/comm`)} ` +
				    `state ${st.split(' ')[0]} ppid ` +
				    `${st.split(' ')[1]} syscall ` +
				    `${rd(`${t}/syscall`).split(' ')[0]} wchan ` +
				    `${rd(`${t}/wchan`)}`);
			}
			try {
				lines.push(execFileSync('gdb', ['-batch', '-p', pid,
				    '-ex', 'thread apply all bt 12'], {
					encoding: 'utf8', timeout: 20000,
					stdio: ['ignore', 'pipe', 'ignore'],
				}).split('\n').filter((l) => /^(#|Thread)/
				    .test(l)).join('\n'));
			} catch (e) {
				lines.push(`(no gdb stacks: ${e.code || e.message})`);
			}
		}
		return lines.join('\n');
	}

	// groupAlive(): true when the server's process group has a process
	// that has not exited (a zombie waiting for init to reap it holds
	// nothing, not even a file).
	groupAlive() {
		let out;
		try {
			out = execFileSync('ps', ['-o', 'stat=', '-g',
			    String(this.proc.pid)], { encoding: 'utf8' });
		} catch (e) {
			return false;	/* ps exits 1 when the group is empty */
		}
		return out.split('\n').some((st) => st !== '' &&
		    !st.startsWith('Z'));
	}

	// killGroup(): SIGKILL to the server's process group, if any is left.
	killGroup() {
		try {
			process.kill(-this.proc.pid, 'SIGKILL');
		} catch (e) {
			// group already gone
		}
	}

	// kill(): for after() hooks, when a test failed before stop().
	kill() {
		if (!this.stopped)
			this.killGroup();
		this.stopped = true;
	}
}

// startServer({workers, args, env, db}): a running server on a free port with
// a fresh data directory, answering /healthz; db: another server's database
// (its db, or its SQLite file) instead of a new one, for a second node. Throws (with the server's
// output) when it exits early or is not ready after a bounded number of
// tries.
async function startServer(opts = {}) {
	if (!fs.existsSync(BIN))
		throw new Error(`${BIN} missing: run make` +
		    (SAN ? ' SAN=1' : ''));
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-http-'));
	const db = opts.db !== undefined ? opts.db : newDatabase();
	const port = await freePort();
	const args = ['serve', '--listen', `127.0.0.1:${port}`,
	    '--data', dataDir, '--workers', String(opts.workers || 2),
	    '--public-url', `http://127.0.0.1:${port}`];
	if (db)
		args.push('--db', db);
	if (SAN || opts.seccompTrace)
		args.push('--seccomp-trace');
	args.push(...(opts.args || []));
	// Its own process group: Kore may signal its whole group (a
	// SIGQUIT to pid 0 was seen at shutdown under ASan), which must not
	// reach the test runner.
	const proc = spawn(BIN, args, {
		cwd: ROOT,
		env: { ...process.env, ...sanEnv(dataDir), ...(opts.env || {}) },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const srv = new Server(port, dataDir, db, proc);
	for (let i = 0; i < READY_TRIES; i++) {
		if (srv.exited !== null)
			break;
		try {
			const r = await fetch(srv.url('/healthz'));
			const body = await r.text();
			if (r.status === 200 && body.trim() === 'ok')
				return srv;
		} catch (e) {
			// not listening yet
		}
		await sleep(50);
	}
	const why = srv.exited !== null ?
	    `exited (${srv.exited.code}/${srv.exited.signal})` :
	    `not ready after ${READY_TRIES} tries`;
	srv.kill();
	throw new Error(`server ${why}: ${BIN} ${args.join(' ')}\n` +
	    srv.output.slice(-4000));
}

// startNodes(n, opts): n servers on one database, as nodes behind a load
// balancer: the first on a new database (ETHICA_TEST_DB's PostgreSQL, or
// SQLite), the others on the first's (its PostgreSQL database, or its
// SQLite file). await opts.setup(first), when given, runs before the
// others start (e.g. `ethica demo`). The nodes after the first run with
// opts.env and ETHICA_PUSH=strict unless opts.env says otherwise (each
// request first collects what the database has to tell, so a change on
// one node holds "at once" on the others however late a busy host
// schedules them). Returns the servers; on a failure, kills those started.
async function startNodes(n, opts = {}) {
	const nodes = [await startServer()];
	try {
		if (opts.setup)
			await opts.setup(nodes[0]);
		const db = nodes[0].db !== undefined ? nodes[0].db :
		    path.join(nodes[0].dataDir, 'ethica.db');
		while (nodes.length < n) {
			nodes.push(await startServer({ db,
			    env: { ETHICA_PUSH: 'strict', ...(opts.env || {}) } }));
		}
	} catch (e) {
		for (const s of nodes)
			s.kill();
		throw e;
	}
	return nodes;
}

// Cookie-keeping HTTP client. Responses are plain objects:
// {status, headers (Headers), text, location, setCookies (array)}.
class Client {
	constructor(base, opts = {}) {
		this.base = base;
		this.jar = new Map();
		this.headers = opts.headers || {};
	}

	cookie(name) {
		return this.jar.get(name);
	}

	setCookie(name, value) {
		this.jar.set(name, value);
	}

	_store(setCookies) {
		for (const sc of setCookies) {
			const parts = sc.split(';').map((s) => s.trim());
			const eq = parts[0].indexOf('=');
			if (eq < 0)
				continue;
			const name = parts[0].slice(0, eq);
			const value = parts[0].slice(eq + 1);
			let expired = value === '';
			for (const a of parts.slice(1)) {
				const [k, v] = a.split('=');
				if (/^max-age$/i.test(k) && Number(v) <= 0)
					expired = true;
				if (/^expires$/i.test(k) &&
				    Date.parse(a.slice(8)) < Date.now())
					expired = true;
			}
			if (expired)
				this.jar.delete(name);
			else
				this.jar.set(name, value);
		}
	}

	// request(method, path, {body, headers}): one request, no redirects
	// followed.
	async request(method, p, opts = {}) {
		const headers = { ...this.headers, ...(opts.headers || {}) };
		if (this.jar.size > 0 && headers.cookie === undefined) {
			headers.cookie = [...this.jar]
			    .map(([k, v]) => `${k}=${v}`).join('; ');
		}
		const res = await fetch(this.base + p, {
			method, headers, body: opts.body, redirect: 'manual',
		});
		const buf = Buffer.from(await res.arrayBuffer());
		if (/^text\/html\b/i.test(res.headers.get('content-type') || ''))
			layoutIntact(method, p, buf.toString('utf8'));
		const setCookies = res.headers.getSetCookie();
		seenSetCookies.push(...setCookies);
		this._store(setCookies);
		return {
			status: res.status,
			headers: res.headers,
			text: buf.toString('utf8'),
			bytes: buf.length,
			location: res.headers.get('location'),
			setCookies,
		};
	}

	get(p, opts) {
		return this.request('GET', p, opts);
	}

	// getForm(path): the page and its CSRF token (the value of the hidden
	// input named csrf; undefined when the page has none).
	async getForm(p, opts) {
		const res = await this.get(p, opts);
		return { ...res, res, html: res.text, csrf: csrfOf(res.text) };
	}

	// post(path, fields, opts): an urlencoded POST of fields (an object;
	// arrays repeat the name), or of opts.raw (a Buffer or string sent
	// as is with the urlencoded content type).
	post(p, fields, opts = {}) {
		let body;
		if (opts.raw !== undefined) {
			body = opts.raw;
		} else {
			const sp = new URLSearchParams();
			for (const [k, v] of Object.entries(fields || {})) {
				if (v === undefined)
					continue;
				for (const x of Array.isArray(v) ? v : [v])
					sp.append(k, x);
			}
			body = sp.toString();
		}
		return this.request('POST', p, {
			body,
			headers: {
				'content-type':
				    'application/x-www-form-urlencoded',
				...(opts.headers || {}),
			},
		});
	}

	// submit(formPath, fields, postPath): GET the form, then POST fields
	// with its CSRF token to postPath (default formPath).
	async submit(formPath, fields, postPath) {
		const f = await this.getForm(formPath);
		if (f.csrf === undefined)
			throw new Error(`no csrf input on ${formPath} ` +
			    `(status ${f.status})`);
		return this.post(postPath || formPath, { csrf: f.csrf,
		    ...fields });
	}
}

// --- HTML helpers (regular expressions over server-rendered pages) ---

function decodeEntities(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi,
	    (m, e) => {
		const l = e.toLowerCase();
		if (l === 'amp') return '&';
		if (l === 'lt') return '<';
		if (l === 'gt') return '>';
		if (l === 'quot') return '"';
		if (l === 'apos') return '\'';
		if (l.startsWith('#x'))
			return String.fromCodePoint(parseInt(l.slice(2), 16));
		return String.fromCodePoint(parseInt(l.slice(1), 10));
	});
}

// attr(tag, name): the decoded value of attribute name in one tag's text.
function attr(tag, name) {
	const re = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|` +
	    '([^\\s>]+))', 'i');
	const m = tag.match(re);
	if (!m)
		return undefined;
	return decodeEntities(m[2] ?? m[3] ?? m[4]);
}

// tags(html, name): every opening tag <name ...> as text.
function tags(html, name) {
	return html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) || [];
}

// inputs(html): {name: value} of every input, textarea and select.
function inputs(html) {
	const out = {};
	for (const t of tags(html, 'input')) {
		const n = attr(t, 'name');
		if (n !== undefined)
			out[n] = attr(t, 'value') ?? '';
	}
	const ta = /<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi;
	let m;
	while ((m = ta.exec(html)) !== null) {
		const n = attr(m[1], 'name');
		if (n !== undefined)
			out[n] = decodeEntities(m[2]);
	}
	return out;
}

function csrfOf(html) {
	for (const t of tags(html, 'input')) {
		if (attr(t, 'name') === 'csrf')
			return attr(t, 'value');
	}
	return undefined;
}

// forms(html): [{method, action, body}] for every form.
function forms(html) {
	const out = [];
	const re = /<form\b([^>]*)>([\s\S]*?)<\/form>/gi;
	let m;
	while ((m = re.exec(html)) !== null) {
		out.push({
			method: (attr(m[1], 'method') || 'get').toLowerCase(),
			action: attr(m[1], 'action'),
			tag: m[1],
			body: m[2],
		});
	}
	return out;
}

function htmlLang(html) {
	const t = tags(html, 'html')[0];
	return t ? { lang: attr(t, 'lang'), dir: attr(t, 'dir') } : {};
}

// text(html): the visible text, tags stripped, entities decoded, spaces
// squeezed.
function text(html) {
	return decodeEntities(html
	    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
	    .replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

// --- mail ---

function listMail(dataDir) {
	const dir = path.join(dataDir, 'mail');
	let names;
	try {
		names = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
	} catch (e) {
		return [];
	}
	return names.map((f) => {
		const p = path.join(dir, f);
		return { path: p, name: f, mtime: fs.statSync(p).mtimeMs };
	}).sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
}

function decodeWords(s) {
	return s.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=\s*/g,
	    (m, cs, enc, data) => {
		if (enc.toUpperCase() === 'B')
			return Buffer.from(data, 'base64').toString('utf8');
		return decodeQP(data.replace(/_/g, ' '));
	}).trim();
}

function decodeQP(s) {
	const bytes = [];
	const src = Buffer.from(s.replace(/=\r?\n/g, ''), 'utf8');
	for (let i = 0; i < src.length; i++) {
		if (src[i] === 0x3d && i + 2 < src.length + 0 &&
		    /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3).toString())) {
			bytes.push(parseInt(src.slice(i + 1, i + 3).toString(), 16));
			i += 2;
		} else {
			bytes.push(src[i]);
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block) {
	const headers = {};
	const lines = block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
	for (const l of lines) {
		const i = l.indexOf(':');
		if (i > 0)
			headers[l.slice(0, i).trim().toLowerCase()] =
			    l.slice(i + 1).trim();
	}
	return headers;
}

function decodeBody(headers, body) {
	const cte = (headers['content-transfer-encoding'] || '').toLowerCase();
	if (cte === 'quoted-printable')
		return decodeQP(body);
	if (cte === 'base64')
		return Buffer.from(body.replace(/\s+/g, ''), 'base64')
		    .toString('utf8');
	return body;
}

// parseMail(text): {headers, subject, to, from, body, links}. For multipart
// mail the body is the first text/plain part.
function parseMail(raw) {
	const sep = raw.search(/\r?\n\r?\n/);
	const head = sep < 0 ? raw : raw.slice(0, sep);
	let rest = sep < 0 ? '' : raw.slice(sep).replace(/^\r?\n\r?\n/, '');
	const headers = parseHeaders(head);
	let body;
	const ct = headers['content-type'] || 'text/plain';
	const bm = ct.match(/boundary="?([^";]+)"?/i);
	if (/^multipart\//i.test(ct) && bm) {
		const parts = rest.split('--' + bm[1]).slice(1);
		for (const part of parts) {
			const ps = part.search(/\r?\n\r?\n/);
			if (ps < 0)
				continue;
			const ph = parseHeaders(part.slice(0, ps));
			if (/^text\/plain/i.test(ph['content-type'] || 'text/plain')) {
				body = decodeBody(ph, part.slice(ps)
				    .replace(/^\r?\n\r?\n/, ''));
				break;
			}
		}
		rest = body ?? rest;
	}
	if (body === undefined)
		body = decodeBody(headers, rest);
	const links = (body.match(/https?:\/\/[^\s<>"')]+/g) || [])
	    .map((l) => l.replace(/[.,;]+$/, ''));
	return {
		headers,
		subject: decodeWords(headers.subject || ''),
		to: decodeWords(headers.to || ''),
		from: decodeWords(headers.from || ''),
		body,
		links,
	};
}

// readMail(dataDir, {to, since, link}): the latest .eml in dataDir/mail
// (parsed, plus its path), optionally only among mail to an address
// containing `to`, only mail number >= since (a count from mailCount()),
// only mail with a link containing `link`. Polls a bounded number of times
// because mail may leave the outbox after the request that made it.
// Throws when none arrives.
async function readMail(dataDir, filter = {}) {
	for (let i = 0; i < MAIL_TRIES; i++) {
		const all = listMail(dataDir).slice(filter.since || 0);
		for (let j = all.length - 1; j >= 0; j--) {
			const m = parseMail(fs.readFileSync(all[j].path, 'utf8'));
			m.path = all[j].path;
			if (filter.to && !m.to.toLowerCase()
			    .includes(filter.to.toLowerCase()))
				continue;
			if (filter.link && !m.links.some((l) =>
			    l.includes(filter.link)))
				continue;
			return m;
		}
		await sleep(50);
	}
	throw new Error(`no mail in ${dataDir}/mail matching ` +
	    JSON.stringify(filter));
}

// mailsTo(dataDir, address): every parsed mail to address, oldest first.
function mailsTo(dataDir, address) {
	return listMail(dataDir).map((f) => parseMail(
	    fs.readFileSync(f.path, 'utf8')))
	    .filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}

// pathOf(url): the path and query of an absolute URL from a mail.
function pathOf(u) {
	const x = new URL(u);
	return x.pathname + x.search;
}

let uniq = 0;
// uniqueEmail(tag): an address no other test uses.
function uniqueEmail(tag = 'u') {
	return `${tag}.${process.pid}.${++uniq}.` +
	    `${Math.random().toString(36).slice(2, 7)}@example.org`;
}

// courseCopy(tag, edit): the demo-intro package copied to a new temp
// folder, its course.yaml passed through edit(text) -> text; returns the
// folder (the caller removes it).
function courseCopy(tag, edit) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ethica-${tag}-`));
	fs.cpSync(path.join(ROOT, 'content', 'courses', 'demo-intro'), dir,
	    { recursive: true });
	const man = path.join(dir, 'course.yaml');
	fs.writeFileSync(man, edit(fs.readFileSync(man, 'utf8')));
	return dir;
}

module.exports = {
	ROOT, BUILD, BIN, SAN, seenSetCookies, courseCopy,
	startServer, startNodes, freePort, ethica, Client, Server,
	readMail, listMail, parseMail, mailsTo, pathOf, uniqueEmail,
	attr, tags, inputs, csrfOf, forms, htmlLang, text, decodeEntities,
	sleep,
};
