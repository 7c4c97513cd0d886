'use strict';
// crash.js: crash consistency (issue 12.14), shared by sqlite.test.js and
// pg.test.js (two files, so that node runs them side by side). Concurrent writers go
// through HTTP (registrations, enrolments and lessons marked done, quiz
// attempts started and handed in) while the whole server, Kore's parent and its workers,
// is killed with SIGKILL at a random moment, 20 times on SQLite and 20
// times on PostgreSQL (where the PostgreSQL server itself is also killed,
// immediate shutdown, once). After every kill, every write the client saw
// acknowledged (its 303) must be in the database, read with the sqlite3
// or psql client; on SQLite `PRAGMA integrity_check` must say ok. Only
// when the database server died too may lessons marked done be missing
// (lazy commits: docs/operations.md, "Durability"), unless the run sets
// ETHICA_DURABILITY=full.
//
// Random moments come from a seeded generator: CRASH_SEED=N repeats a run;
// the seed is printed. CRASH_ROUNDS=N changes the number of kills.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const S = require('../http/lib/server');

const PASSWORD = 'crash test passphrase 2026';
const COURSE = 'demo-intro';
const LESSONS = ['why-ethics', 'spotting-questions'];
const QUIZ = `/courses/${COURSE}/quizzes/m01-quiz`;
const LEARNERS = 4;
const ROUNDS = Number(process.env.CRASH_ROUNDS || 20);
const SEED = Number(process.env.CRASH_SEED || (Date.now() % 2147483647));

// mulberry32: a small seeded generator, floats in [0, 1).
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// serve(dataDir, db): `ethica serve` in its own process group, once
// /healthz answers; {proc, base, output()}. Bounded tries.
async function serve(dataDir, db) {
	const port = await S.freePort();
	const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data',
	    dataDir, '--workers', '2'];
	if (db)
		args.push('--db', db);
	const proc = spawn(S.BIN, args, { cwd: S.ROOT, detached: true,
	    stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout.on('data', (d) => { out += d; });
	proc.stderr.on('data', (d) => { out += d; });
	let exited = false;
	const gone = new Promise((r) => proc.on('exit', () => {
		exited = true;
		r();
	}));
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 400 && !exited; i++) {
		try {
			const r = await fetch(`${base}/healthz`,
			    { signal: AbortSignal.timeout(2000) });
			if (r.status === 200)
				return { proc, base, gone, output: () => out };
		} catch (e) {
			// not up yet
		}
		await S.sleep(50);
	}
	try {
		process.kill(-proc.pid, 'SIGKILL');
	} catch (e) {
		// gone
	}
	throw new Error(`server did not come up:\n${out.slice(-3000)}`);
}

// kill9(srv): SIGKILL to the whole process group (parent and workers);
// resolves when the parent is gone.
async function kill9(srv) {
	try {
		process.kill(-srv.proc.pid, 'SIGKILL');
	} catch (e) {
		// already gone
	}
	await srv.gone;
	// The workers die with the group; wait for the group to empty.
	for (let i = 0; i < 200; i++) {
		try {
			process.kill(-srv.proc.pid, 0);
		} catch (e) {
			return;
		}
		await S.sleep(10);
	}
	throw new Error('processes left in the group after SIGKILL');
}

async function csrf(c, p) {
	const f = await c.getForm(p);
	if (f.csrf === undefined)
		throw new Error(`no csrf on ${p} (${f.status})`);
	return f.csrf;
}

// The writers of one round; each records what the server acknowledged.
function writers(base, learners, acked, state, rand) {
	const loops = [];
	const alive = () => !state.stop;
	// Registrations: a 303 to /register/sent means the account exists.
	for (let w = 0; w < 2; w++) {
		loops.push((async () => {
			while (alive()) {
				const c = new S.Client(base);
				const email = `r${state.seq++}.${SEED}` +
				    '@crash.example';
				try {
					const r = await c.submit('/register', {
					    email, display_name: 'Crash Test',
					    password: PASSWORD });
					if (r.status === 303)
						acked.users.add(email);
				} catch (e) {
					// killed mid-request: not acknowledged
				}
			}
		})());
	}
	// Lessons marked done and quiz attempts started by the learners.
	for (const l of learners) {
		loops.push((async () => {
			while (alive()) {
				try {
					if (rand() < 0.5) {
						const k = LESSONS[Math.floor(rand() *
						    LESSONS.length)];
						const r = await l.c.post(`/courses/` +
						    `${COURSE}/lessons/${k}/done`,
						    { csrf: l.csrf });
						if (r.status === 303)
							acked.lessons.add(
							    `${l.email} ${k}`);
					} else {
						const r = await l.c.post(
						    `${QUIZ}/attempts`,
						    { csrf: l.csrf });
						const m = /\/attempts\/([0-9]+)$/
						    .exec(r.location || '');
						if (r.status !== 303 || !m)
							continue;
						acked.attempts.add(`${l.email} ${m[1]}`);
						// Handing it in (no answers) lets the
						// next start make a new attempt.
						const h = await l.c.post(`${QUIZ}/` +
						    `attempts/${m[1]}`, { csrf: l.csrf });
						if (h.status === 303)
							acked.handed.add(
							    `${l.email} ${m[1]}`);
					}
				} catch (e) {
					// killed mid-request
				}
			}
		})());
	}
	return loops;
}

// One backend: setup, ROUNDS kills, checks after each. q(sql) returns
// the rows as lines.
async function crashRounds(t, dataDir, db, q, onRound) {
	const rand = rng(SEED);
	const learners = [];
	const imp = await S.ethica(['course', 'import',
	    path.join(S.ROOT, 'content', 'courses', COURSE)], { dataDir, db });
	assert.equal(imp.code, 0, imp.stdout + imp.stderr);
	for (let i = 0; i < LEARNERS; i++) {
		const email = `l${i}.${SEED}@crash.example`;
		const r = await S.ethica(['user', 'add', email, '--role',
		    'learner'], { dataDir, db, input: PASSWORD + '\n' });
		assert.equal(r.code, 0, r.stderr);
		learners.push({ email });
	}
	let srv = await serve(dataDir, db);
	for (const l of learners) {
		l.c = new S.Client(srv.base);
		const r = await l.c.submit('/login', { email: l.email,
		    password: PASSWORD });
		assert.equal(r.status, 303, `login ${l.email}: ${r.status}`);
		l.csrf = await csrf(l.c, '/me');
		const e = await l.c.post(`/courses/${COURSE}/enrol`,
		    { csrf: l.csrf });
		assert.equal(e.status, 303, `enrol: ${e.status}`);
	}
	const acked = { users: new Set(), lessons: new Set(),
	    attempts: new Set(), handed: new Set() };
	const figures = { rounds: 0, integrity: 0, losses: 0, lazyLost: 0 };
	const state = { seq: 0 };
	for (let round = 0; round < ROUNDS; round++) {
		for (const l of learners)
			l.c.base = srv.base;
		state.stop = false;
		const loops = writers(srv.base, learners, acked, state, rand);
		await S.sleep(200 + Math.floor(rand() * 1300));
		await onRound(round, 'load');
		state.stop = true;
		await kill9(srv);
		await Promise.all(loops);
		figures.rounds++;
		// True when the database server died too: then lessons
		// marked done in its last fraction of a second may be gone
		// (PostgreSQL commits marks with synchronous_commit off,
		// docs/operations.md "Durability"); nothing else may.
		const dbDied = await onRound(round, 'killed');
		// Everything acknowledged is there. A sign-up is acknowledged
		// once its request is queued (issue 12.8: the same work for a
		// known and an unknown address); the worker's timer makes the
		// account later, in one transaction with deleting the request,
		// so each acknowledged address is an account or a request.
		const users = new Set([...q('SELECT email FROM users'),
		    ...q('SELECT email FROM account_requests ' +
		    'WHERE kind = \'register\'')]);
		const lessons = new Set(q('SELECT u.email || \' \' || ' +
		    'p.lesson_key FROM lesson_progress p JOIN users u ON ' +
		    'u.id = p.user_id'));
		const attempts = new Set(q('SELECT u.email || \' \' || ' +
		    'a.id FROM quiz_attempts a JOIN users u ON ' +
		    'u.id = a.user_id'));
		const handed = new Set(q('SELECT u.email || \' \' || ' +
		    'a.id FROM quiz_attempts a JOIN users u ON ' +
		    'u.id = a.user_id WHERE a.submitted_at IS NOT NULL'));
		const lost = [];
		if (dbDied && process.env.ETHICA_DURABILITY !== 'full') {
			for (const x of acked.lessons) {
				if (!lessons.has(x)) {
					acked.lessons.delete(x);
					figures.lazyLost++;
				}
			}
		}
		for (const [set, have] of [[acked.users, users],
		    [acked.lessons, lessons], [acked.attempts, attempts],
		    [acked.handed, handed]]) {
			for (const x of set) {
				if (!have.has(x))
					lost.push(x);
			}
		}
		figures.losses += lost.length;
		assert.deepEqual(lost, [], `round ${round}: acknowledged ` +
		    'writes missing after kill -9');
		if (db === undefined) {
			const ic = q('PRAGMA integrity_check');
			assert.deepEqual(ic, ['ok'], `round ${round}`);
			figures.integrity++;
		}
		srv = await serve(dataDir, db);
	}
	await kill9(srv);
	const n = acked.users.size + acked.lessons.size +
	    acked.attempts.size + acked.handed.size;
	t.diagnostic(`seed ${SEED}: ${figures.rounds} kills, ${n} ` +
	    `acknowledged writes (${acked.users.size} registrations, ` +
	    `${acked.lessons.size} lessons done, ${acked.attempts.size} ` +
	    `quiz attempts started, ${acked.handed.size} handed in), ` +
	    `${figures.losses} lost, ${figures.lazyLost} lesson marks ` +
	    'lost with the database server' + (db === undefined ?
	    `, integrity_check ok ${figures.integrity}/${figures.rounds}` :
	    ''));
	console.log(`# crash: seed ${SEED}`);
	return n;
}

module.exports = { crashRounds, ROUNDS, S };
