'use strict';
// robust.test.js: the server under operating faults (issue 12): a worker
// stopped and continued (SIGSTOP/SIGCONT, as a debugger or a paused
// container does) while it sleeps in SQLite's busy wait must keep running,
// which needs restart_syscall in the seccomp allow-list; a read-only
// database stops `ethica serve` before any worker starts, with one message
// naming the file and the fix.

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { describe, it } = require('node:test');
const S = require('./lib/server');
const T = require('./lib/suite');
// The SQLite-only tests (a busy wait, a file's permissions, a full disk)
// are defined only in the SQLite run, the PostgreSQL restart only in the
// PostgreSQL run (suite (e)): a test that cannot run is not defined,
// rather than skipped.
const ON_PG = (process.env.ETHICA_TEST_DB || '').startsWith('pg:');
const onSqlite = ON_PG ? () => {} : describe;
const onSqliteSuite = ON_PG ? () => {} : T.serverSuite;

const PASSWORD = 'a long enough passphrase';

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

// workerPids(srv): the pid of each worker as last started (Kore logs
// "worker N started (cpu#C, pid#P)" at every (re)start).
function workerPids(srv) {
	const last = new Map();
	const re = /worker (\d+) started \(cpu#\d+, pid#(\d+)\)/g;
	let m;
	while ((m = re.exec(srv.output)) !== null)
		last.set(m[1], Number(m[2]));
	return [...last.values()];
}

// holdWriteLock(file): a sqlite3 shell holding the database's write lock
// until release() is called; resolves once the lock is taken.
function holdWriteLock(file) {
	return new Promise((resolve, reject) => {
		const p = spawn('sqlite3', [file], {
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let out = '';
		p.on('error', reject);
		p.stdout.on('data', (d) => {
			out += d;
			if (out.includes('locked'))
				resolve({
					release() {
						p.stdin.end('ROLLBACK;\n.quit\n');
						return new Promise((r) =>
						    p.on('close', r));
					},
				});
		});
		p.stdin.write('BEGIN IMMEDIATE;\nSELECT \'locked\';\n');
	});
}

// sleeping(pid): true when the process sleeps in (clock_)nanosleep right
// now, as its wait channel shows.
function sleeping(pid) {
	try {
		return /nanosleep/.test(fs.readFileSync(`/proc/${pid}/wchan`,
		    'utf8'));
	} catch (e) {
		return false;
	}
}

onSqliteSuite('a worker stopped and continued in a busy wait', (srv) => {
	it('survives SIGSTOP/SIGCONT while SQLite sleeps for a lock',
	    async () => {
		const s = srv();
		await s.addUser('stop@example.org', 'learner', PASSWORD);
		const c = s.client();
		const f = await c.getForm('/login');
		assert.ok(f.csrf);
		const pids = workerPids(s);
		assert.ok(pids.length > 0, 'no worker pid in the server output');
		const lock = await holdWriteLock(path.join(s.dataDir,
		    'ethica.db'));
		// The sign-in writes a session: its worker now waits for
		// the lock, sleeping between tries (SQLite's busy handler).
		const req = c.post('/login', { csrf: f.csrf,
		    email: 'stop@example.org', password: PASSWORD });
		// Once a worker sleeps between tries (clock_nanosleep, as
		// /proc/PID/wchan shows), stop and
		// continue it: the kernel then resumes the sleep with
		// restart_syscall. Bounded: the busy timeout is 5 s.
		let hits = 0;
		for (let i = 0; i < 400 && hits < 3; i++) {
			const p = pids.find(sleeping);
			if (p === undefined) {
				await sleep(10);
				continue;
			}
			process.kill(p, 'SIGSTOP');
			await sleep(20);
			process.kill(p, 'SIGCONT');
			hits++;
		}
		await lock.release();
		const r = await req;
		assert.ok(hits > 0, 'no worker was seen sleeping for the lock');
		T.see303(r, s);
		assert.deepEqual(s.problems(), []);
		assert.deepEqual(workerPids(s), pids, 'a worker was restarted');
	});
});

// serveAs(dataDir, ids): runs `ethica serve` on a free port as the given
// {uid, gid} (undefined: as we are). Resolves {code, out, healthy}: the
// exit code, or healthy true (and the server stopped by SIGTERM) once
// /healthz answered. Bounded: 300 tries 50 ms apart, each waiting 1 s at
// most (a server whose workers keep dying accepts and never answers).
async function serveAs(dataDir, ids) {
	const port = await S.freePort();
	// The sanitized module needs its runtimes loaded first.
	const lib = (n) => spawnSync('gcc', ['-print-file-name=' + n],
	    { encoding: 'utf8' }).stdout.trim();
	const env = S.SAN ? { ...process.env,
	    LD_PRELOAD: `${lib('libasan.so')} ${lib('libubsan.so')}`,
	    ASAN_OPTIONS: 'detect_leaks=0' } : process.env;
	const p = spawn(S.BIN, ['serve', '--listen', `127.0.0.1:${port}`,
	    '--data', dataDir, '--workers', '1'], {
		cwd: S.ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
		env, ...(ids || {}),
	});
	let out = '';
	p.stdout.on('data', (d) => { out += d; });
	p.stderr.on('data', (d) => { out += d; });
	let exited = null;
	const done = new Promise((r) => p.on('exit', (code) => {
		exited = code;
		r(code);
	}));
	for (let i = 0; i < 300 && exited === null; i++) {
		try {
			const r = await fetch(`http://127.0.0.1:${port}/healthz`,
			    { signal: AbortSignal.timeout(1000) });
			if (r.status === 200) {
				process.kill(-p.pid, 'SIGTERM');
				await done;
				return { code: exited, out, healthy: true };
			}
		} catch (e) {
			// not listening (yet)
		}
		await sleep(50);
	}
	if (exited === null) {
		process.kill(-p.pid, 'SIGKILL');
		await done;
		return { code: null, out, healthy: false };
	}
	return { code: exited, out, healthy: false };
}

// chownTree(dir, uid, gid): dir and everything under it.
function chownTree(dir, uid, gid) {
	fs.chownSync(dir, uid, gid);
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory())
			chownTree(p, uid, gid);
		else
			fs.chownSync(p, uid, gid);
	}
}

onSqlite('a read-only database', () => {
	it('stops ethica serve before any worker starts, naming the file ' +
	    'and the fix; serves once the files are writable', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-ro-'));
		const db = path.join(dir, 'ethica.db');
		const m = await S.ethica(['migrate'], { dataDir: dir });
		assert.equal(m.code, 0, m.stderr);
		// As root, file modes stop nothing: run the server as
		// nobody (65534), who owns the files but not their modes.
		let ids;
		if (process.getuid() === 0) {
			ids = { uid: 65534, gid: 65534 };
			chownTree(dir, ids.uid, ids.gid);
		}
		for (const f of fs.readdirSync(dir)) {
			if (f.startsWith('ethica.db-'))
				fs.rmSync(path.join(dir, f));
		}
		fs.chmodSync(db, 0o444);
		const ro = await serveAs(dir, ids);
		assert.equal(ro.healthy, false, ro.out);
		assert.ok(ro.code !== null && ro.code !== 0,
		    `ethica serve went on: exit ${ro.code}\n${ro.out}`);
		assert.match(ro.out, /does not take writes/);
		assert.ok(ro.out.includes(`chmod u+w ${db} ${db}-wal ${db}-shm`),
		    ro.out);
		assert.doesNotMatch(ro.out, /worker \d+ started/);
		// SQLite made -shm with the file's mode (0444): mending the
		// file alone is not enough, and the message says so again.
		fs.chmodSync(db, 0o644);
		const shm = await serveAs(dir, ids);
		assert.equal(shm.healthy, false, shm.out);
		assert.ok(shm.code !== null && shm.code !== 0, shm.out);
		assert.match(shm.out, /does not take writes/);
		assert.doesNotMatch(shm.out, /worker \d+ started/);
		for (const f of fs.readdirSync(dir)) {
			if (f.startsWith('ethica.db'))
				fs.chmodSync(path.join(dir, f), 0o644);
		}
		const ok = await serveAs(dir, ids);
		assert.equal(ok.healthy, true, ok.out);
		assert.equal(ok.code, 0, ok.out);
		assert.doesNotMatch(ok.out,
		    /\) gone|cannot read the CSRF key|exited with status/);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});

// mountTiny(dir): a 4 MB tmpfs on dir; false when this machine cannot
// mount (not root, no CAP_SYS_ADMIN).
function mountTiny(dir) {
	if (process.getuid() !== 0)
		return false;
	const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0755',
	    'tmpfs', dir]);
	return r.status === 0;
}

// fill(dir): writes a file in dir until the filesystem is full; returns
// its path.
function fill(dir) {
	const f = path.join(dir, 'filler');
	const chunk = Buffer.alloc(16384, 120);
	for (;;) {
		try {
			fs.appendFileSync(f, chunk);
		} catch (e) {
			if (e.code === 'ENOSPC')
				return f;
			throw e;
		}
	}
}

onSqlite('a full disk', () => {
	it('a write gets 503 saying nothing was saved or lost, the log ' +
	    'names the code and statement, /healthz reports it', async (t) => {
		const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-full-'));
		if (!mountTiny(mnt)) {
			fs.rmSync(mnt, { recursive: true, force: true });
			t.skip('skipped: cannot mount a small tmpfs here (needs ' +
			    'root)');
			return;
		}
		const db = path.join(mnt, 'ethica.db');
		let s;
		try {
			s = await S.startServer({ workers: 1, args: ['--db', db] });
			const u = await S.ethica(['user', 'add', 'full@example.org',
			    '--role', 'learner'], { dataDir: s.dataDir, db,
			    input: PASSWORD + '\n' });
			assert.equal(u.code, 0, u.stderr);
			const c = s.client({ headers: { 'accept-language': 'fr' } });
			const f = await c.getForm('/login');
			assert.ok(f.csrf);
			const filler = fill(mnt);
			const r = await c.post('/login', { csrf: f.csrf,
			    email: 'full@example.org', password: PASSWORD });
			assert.equal(r.status, 503, S.text(r.text).slice(0, 300));
			assert.match(S.text(r.text),
			    /rien de ce qui était déjà enregistré n’a été perdu/);
			assert.match(s.output,
			    /store error SQLITE_FULL \(13\) in "[A-Z]+/);
			const h = await c.get('/healthz');
			assert.equal(h.status, 200);
			assert.match(h.text,
			    /^ok\nlast-store-error: SQLITE_FULL \(13\) at \d+ in "/);
			// Room again: the same form goes through.
			fs.rmSync(filler);
			const f2 = await c.getForm('/login');
			const ok = await c.post('/login', { csrf: f2.csrf,
			    email: 'full@example.org', password: PASSWORD });
			T.see303(ok, s);
			await s.stop();
		} finally {
			if (s)
				s.kill();
			spawnSync('umount', [mnt]);
			fs.rmSync(mnt, { recursive: true, force: true });
		}
	});
});

// pgTemp(args): runs scripts/pg-temp.sh; its standard output, trimmed.
function pgTemp(args) {
	const r = spawnSync('sh', [path.join(S.ROOT, 'scripts', 'pg-temp.sh'),
	    ...args], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`pg-temp.sh ${args.join(' ')}: ${r.stderr}`);
	return r.stdout.trim();
}

(ON_PG ? describe : () => {})('a PostgreSQL restart', () => {
	it('a request that arrives while the server is down is answered ' +
	    'once it is back (a write, then a read)', async () => {
		// A cluster of its own: the suite's is shared by every file.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-pgr-'));
		let s;
		try {
			const url = pgTemp(['start', dir]);
			const saved = process.env.ETHICA_TEST_DB;
			delete process.env.ETHICA_TEST_DB;
			const started = S.startServer({ workers: 1,
			    args: ['--db', url] });
			process.env.ETHICA_TEST_DB = saved;
			s = await started;
			const u = await S.ethica(['user', 'add', 'pg@example.org',
			    '--role', 'learner'], { dataDir: s.dataDir, db: url,
			    input: PASSWORD + '\n' });
			assert.equal(u.code, 0, u.stderr);
			const c = s.client();
			const f = await c.getForm('/login');
			assert.ok(f.csrf);
			// Down, a request, and up again: the worker meets a
			// dead connection and a server still starting. The
			// pause only makes sure the request arrives while the
			// server is down.
			pgTemp(['halt', dir]);
			const login = c.post('/login', { csrf: f.csrf,
			    email: 'pg@example.org', password: PASSWORD });
			await sleep(300);
			pgTemp(['resume', dir]);
			T.see303(await login, s);
			pgTemp(['halt', dir]);
			const me = c.get('/me');
			await sleep(300);
			pgTemp(['resume', dir]);
			const r = await me;
			assert.equal(r.status, 200, S.text(r.text).slice(0, 300));
			await s.stop();
		} finally {
			if (s)
				s.kill();
			try {
				pgTemp(['stop', dir]);
			} catch (e) {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	});
});
