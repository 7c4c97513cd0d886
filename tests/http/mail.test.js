'use strict';
// mail.test.js: mail leaves from the mail process, never from a request
// (issue 12.9), checked against a real SMTP server on loopback written
// here (node:net, enough SMTP for libcurl). One Ethica server with
// ETHICA_SMTP_URL pointing at it; the SMTP server changes behaviour
// between tests:
//   normal  - every message arrives exactly once;
//   stall   - accepts TCP and never greets: pages and the request that
//             queued the mail are answered while delivery hangs (latency
//             measured and printed, not asserted);
//   refuse  - 550 to every recipient: retries with back-off, then a dead
//             letter an administrator sees on /admin/mail and retries;
//   hold    - takes the message text and never answers the final ".":
//             the delivery process is killed with SIGKILL there; the
//             watcher restarts it and the message arrives exactly once.
// A kill between the server's 250 and the outbox update would send the
// message a second time (at most once more): see docs/operations.md.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { it, before, after } = require('node:test');
const T = require('./lib/suite');

const PW = 'a long enough passphrase 42';
const TRIES = 600;		// × 50 ms: bounded waits for the mail process

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

// A small SMTP server: records every session and every accepted message.
class Smtp {
	constructor() {
		this.mode = 'normal';
		this.accepted = [];	// {rcpt, data, at}
		this.refused = [];	// {rcpt, at}
		this.held = [];		// {rcpt, data, sock}
		this.stalled = new Set();
		this.server = net.createServer((s) => this.session(s));
	}

	listen() {
		return new Promise((resolve) => {
			this.server.listen(0, '127.0.0.1', () => {
				this.port = this.server.address().port;
				resolve();
			});
		});
	}

	close() {
		for (const s of this.stalled)
			s.destroy();
		for (const h of this.held)
			h.sock.destroy();
		this.server.close();
	}

	count(rcpt) {
		return this.accepted.filter((m) => m.rcpt === rcpt).length;
	}

	session(sock) {
		const mode = this.mode;
		sock.on('error', () => {});
		if (mode === 'stall') {
			this.stalled.add(sock);
			sock.on('close', () => this.stalled.delete(sock));
			return;
		}
		let buf = '', inData = false, data = '', rcpt = '';
		const say = (l) => sock.write(l + '\r\n');
		say('220 test.example ESMTP');
		sock.on('data', (chunk) => {
			buf += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buf.indexOf('\r\n.\r\n');
					if (end < 0)
						return;
					data += buf.slice(0, end);
					buf = buf.slice(end + 5);
					inData = false;
					if (mode === 'hold') {
						this.held.push({ rcpt, data,
						    sock });
						return;
					}
					this.accepted.push({ rcpt, data,
					    at: Date.now() });
					say('250 2.0.0 queued');
					continue;
				}
				const nl = buf.indexOf('\r\n');
				if (nl < 0)
					return;
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + 2);
				const cmd = line.slice(0, 4).toUpperCase();
				if (cmd === 'EHLO' || cmd === 'HELO') {
					say('250 test.example');
				} else if (cmd === 'MAIL') {
					say('250 2.1.0 ok');
				} else if (cmd === 'RCPT') {
					rcpt = (line.match(/<([^>]*)>/) ||
					    [])[1] || '';
					if (mode === 'refuse') {
						this.refused.push({ rcpt,
						    at: Date.now() });
						say('550 5.7.1 refused');
					} else {
						say('250 2.1.5 ok');
					}
				} else if (cmd === 'DATA') {
					inData = true;
					data = '';
					say('354 go ahead');
				} else if (cmd === 'QUIT') {
					say('221 bye');
					sock.end();
					return;
				} else {
					say('250 ok');
				}
			}
		});
	}
}

const smtp = new Smtp();
let srv;

async function until(what, fn) {
	for (let i = 0; i < TRIES; i++) {
		const v = await fn();
		if (v)
			return v;
		await sleep(50);
	}
	throw new Error(`timed out waiting for ${what}\n` +
	    srv.output.slice(-2000));
}

async function register(email) {
	const c = srv.client();
	const r = await c.submit('/register', { email, display_name: 'M',
	    password: PW });
	T.see303(r, srv);
	return r;
}

function pct(xs, p) {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))];
}

let admin;

// pageLoad(): 160 GETs of five pages, four at a time; every answer must be
// 200. Returns the latencies in ms (printed, never asserted).
async function pageLoad() {
	const lat = [];
	const paths = ['/', '/courses', '/cases', '/login', '/healthz'];
	const c = srv.client();
	for (let round = 0; round < 40; round++) {
		await Promise.all([0, 1, 2, 3].map(async (k) => {
			const p = paths[(round + k) % paths.length];
			const t0 = process.hrtime.bigint();
			const res = await c.get(p);
			lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
			assert.equal(res.status, 200, p);
		}));
	}
	return lat;
}

function report(what, lat) {
	console.log(`# ${what}: ${lat.length} page requests, p50 ` +
	    `${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ` +
	    `ms, max ${Math.max(...lat).toFixed(1)} ms`);
}

T.serverSuite('mail', (get) => {
	before(async () => {
		srv = get();
		const email = `admin.${Date.now()}@example.org`;
		await srv.addUser(email, 'admin', PW);
		admin = srv.client();
		await T.login(admin, srv, email, PW);
	});

	it('normal: each message arrives exactly once, over SMTP only',
	    async () => {
		smtp.mode = 'normal';
		const a = `a.${Date.now()}@example.org`;
		const b = `b.${Date.now()}@example.org`;
		await register(a);
		await until('a', () => smtp.count(a) === 1);
		await register(b);
		await until('b', () => smtp.count(b) === 1);
		assert.equal(smtp.count(a), 1, 'a sent once');
		const m = smtp.accepted.find((x) => x.rcpt === a);
		assert.match(m.data,
		    /\r\nMessage-ID: <\d+\.\d+@127\.0\.0\.1>\r\n/);
		assert.match(m.data,
		    /\r\nSubject: Confirm your email address\r\n/);
		assert.equal(srv.mailCount(), 0, 'no .eml with SMTP set');
		report('SMTP answering (for comparison)', await pageLoad());
	});

	it('stall: requests are answered while the SMTP server hangs',
	    async () => {
		smtp.mode = 'stall';
		const s = `s.${Date.now()}@example.org`;
		const r = await register(s);
		assert.equal(r.status, 303);
		// Delivery is now stuck in a session that never got its
		// greeting; the request above did not wait for it.
		await until('a stalled SMTP session', () =>
		    smtp.stalled.size > 0);
		const lat = await pageLoad();
		// Another request that queues mail is answered too, and the
		// first stalled session is still open: nobody waited for it.
		const s2 = `s2.${Date.now()}@example.org`;
		await register(s2);
		assert.ok(smtp.stalled.size > 0, 'SMTP still stalled');
		assert.equal(smtp.count(s), 0);
		report('SMTP stalled', lat);
		// The server recovers: the stalled session ends, the attempt
		// fails, and the retry delivers both, once each.
		smtp.mode = 'normal';
		for (const x of smtp.stalled)
			x.destroy();
		await until('s and s2', () => smtp.count(s) === 1 &&
		    smtp.count(s2) === 1);
	});

	it('refuse: back-off, dead letter on /admin/mail, retry', async () => {
		smtp.mode = 'refuse';
		const d = `d.${Date.now()}@example.org`;
		await register(d);
		let page;
		await until('the dead letter', async () => {
			page = await admin.get('/admin/mail');
			return page.status === 200 && page.text.includes(d) &&
			    /<form[^>]*\/admin\/mail\/retry/.test(page.text);
		});
		const tries = smtp.refused.filter((x) => x.rcpt === d);
		assert.equal(tries.length, 3, 'ETHICA_MAIL_ATTEMPTS=3 tries');
		// Retry base 2 s: due 2 s, then 4 s after a failure (clock in
		// whole seconds, so at least 1 s and 3 s apart).
		assert.ok(tries[1].at - tries[0].at >= 1000, 'backed off');
		assert.ok(tries[2].at - tries[1].at >= 3000, 'backed off more');
		console.log('# refused: attempts ' +
		    `${tries[1].at - tries[0].at} and ` +
		    `${tries[2].at - tries[1].at} ms apart`);
		assert.equal(smtp.count(d), 0);
		assert.match(page.text, /550/, 'the last error is shown');
		assert.doesNotMatch(page.text, /verify\?token=/,
		    'no mail text (sign-in links) on the page');
		const id = page.text.match(/name="id" value="(\d+)"/)[1];
		// Without the CSRF token: refused, still dead.
		let r = await admin.post('/admin/mail/retry', { id });
		assert.ok(r.status === 400 || r.status === 403, `${r.status}`);
		assert.equal(smtp.refused.filter((x) => x.rcpt === d).length,
		    3);
		// Others may not see or retry it.
		const other = srv.client();
		assert.notEqual((await other.get('/admin/mail')).status, 200);
		smtp.mode = 'normal';
		r = await admin.submit('/admin/mail', { id },
		    '/admin/mail/retry');
		assert.equal(T.see303(r, srv), '/admin/mail');
		await until('d after the retry', () => smtp.count(d) === 1);
		page = await admin.get('/admin/mail');
		assert.match(page.text, /class="success flash" role="status">The message is queued again\./);
		// Marked sent just after the SMTP server's 250.
		await until('d marked sent', async () =>
		    !(await admin.get('/admin/mail')).text.includes(d));
		// A second retry of the same id finds no dead letter.
		r = await admin.submit('/admin/mail', { id },
		    '/admin/mail/retry');
		assert.equal(r.status, 404);
		r = await admin.get('/admin/audit');
		assert.match(r.text, /mail\.retry/);
	});

	it('kill -9 mid-send: restarted, delivered once', async () => {
		smtp.mode = 'hold';
		const k = `k.${Date.now()}@example.org`;
		await register(k);
		await until('the message text', () =>
		    smtp.held.some((h) => h.rcpt === k));
		const pidFile = path.join(srv.dataDir, 'run', 'mail.pid');
		const pid = Number(fs.readFileSync(pidFile, 'utf8'));
		assert.ok(pid > 1);
		smtp.mode = 'normal';
		process.kill(pid, 'SIGKILL');
		await until('k after the restart', () => smtp.count(k) === 1);
		assert.match(srv.output,
		    /mail delivery \(pid \d+\) killed by signal 9/);
		const now = Number(fs.readFileSync(pidFile, 'utf8'));
		assert.notEqual(now, pid, 'a new delivery process');
		// Exactly once, even after another message went out.
		const z = `z.${Date.now()}@example.org`;
		await register(z);
		await until('z', () => smtp.count(z) === 1);
		assert.equal(smtp.count(k), 1);
	});
}, {
	env: {
		get ETHICA_SMTP_URL() {
			return `smtp://127.0.0.1:${smtp.port}`;
		},
		ETHICA_MAIL_RETRY_BASE: '2',
		ETHICA_MAIL_ATTEMPTS: '3',
	},
});

before(async () => {
	await smtp.listen();
});

after(() => {
	smtp.close();
});
