'use strict';
// robust.test.js: the server under operating faults (issue 12): a worker
// stopped and continued (SIGSTOP/SIGCONT, as a debugger or a paused
// container does) while it sleeps in SQLite's busy wait must keep running,
// which needs restart_syscall in the seccomp allow-list.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { it } = require('node:test');
const T = require('./lib/suite');

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

T.serverSuite('a worker stopped and continued in a busy wait', (srv) => {
	it('survives SIGSTOP/SIGCONT while SQLite sleeps for a lock',
	    async (t) => {
		const s = srv();
		if (s.db !== undefined) {
			t.skip('skipped: SQLite busy wait only');
			return;
		}
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
