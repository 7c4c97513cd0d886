'use strict';
// account_timing.js: issue 12.8, account enumeration by time. Starts a
// server with throwaway data (tests/http/lib/server.js), then sends
// interleaved requests for a known and an unknown address to
// /password/forgot, /register and /login, one at a time, and prints the
// median and p99 latency of each kind. Run: node bench/account_timing.js
// [ROUNDS] (default 400 for forgot; register and login, which each cost
// an argon2id hash, run ROUNDS/10; ONLY_FORGOT=1 skips them). Each kind's
// statuses are printed too (a 429 would make a fast answer).

const S = require('../tests/http/lib/server');

function pct(xs, p) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const statuses = {};

async function timed(name, fn) {
	const t = process.hrtime.bigint();
	const r = await fn();
	const ms = Number(process.hrtime.bigint() - t) / 1e6;
	if (r.status >= 500)
		throw new Error(`status ${r.status}`);
	statuses[name] = statuses[name] || {};
	statuses[name][r.status] = (statuses[name][r.status] || 0) + 1;
	return ms;
}

async function run(name, rounds, known, unknown) {
	const k = [], u = [];
	for (let i = 0; i < 5; i++) {		// warm up both paths
		await known(i);
		await unknown(i);
	}
	for (let i = 0; i < rounds; i++) {
		if (i % 2 === 0) {
			k.push(await timed(name + ' known', () => known(i)));
			u.push(await timed(name + ' unknown', () => unknown(i)));
		} else {
			u.push(await timed(name + ' unknown', () => unknown(i)));
			k.push(await timed(name + ' known', () => known(i)));
		}
	}
	const f = (x) => x.toFixed(3).padStart(8);
	console.log(`${name.padEnd(18)} known   median ${f(pct(k, 0.5))} ms` +
	    `  p99 ${f(pct(k, 0.99))} ms  (n=${k.length})`);
	console.log(`${''.padEnd(18)} unknown median ${f(pct(u, 0.5))} ms` +
	    `  p99 ${f(pct(u, 0.99))} ms  (n=${u.length})`);
	console.log(`${''.padEnd(18)} statuses ` +
	    JSON.stringify({ known: statuses[name + ' known'],
	    unknown: statuses[name + ' unknown'] }));
}

(async () => {
	const rounds = Number(process.argv[2] || 400);
	// --trust-proxy: each login attempt below comes from its own address,
	// so the per-address limit does not turn them into quick 429s.
	const s = await S.startServer({ args: ['--trust-proxy'] });
	try {
		const email = S.uniqueEmail('known');
		await s.addUser(email, 'learner', 'correct horse battery');
		const c = s.client();
		const f = await c.getForm('/password/forgot');
		const post = (p, fields) => c.post(p, { csrf: f.csrf, ...fields });
		await run('/password/forgot', rounds,
		    () => post('/password/forgot', { email }),
		    () => post('/password/forgot',
		    { email: S.uniqueEmail('nobody') }));
		if (process.env.ONLY_FORGOT)
			return;
		const few = Math.max(10, Math.floor(rounds / 10));
		await run('/register', few,
		    () => post('/register', { email, display_name: 'Someone',
		    password: 'a long enough secret' }),
		    () => post('/register', { email: S.uniqueEmail('fresh'),
		    display_name: 'Someone',
		    password: 'a long enough secret' }));
		// Wrong passwords; the per-account limit (10 in 15 min) would
		// answer 429 early, so every known attempt uses a new account.
		const accounts = [];
		for (let i = 0; i < few + 5; i++) {
			const e = S.uniqueEmail('login');
			await s.addUser(e, 'learner', 'correct horse battery');
			accounts.push(e);
		}
		const l = s.client();
		const lf = await l.getForm('/login');
		let ip = 0;
		const from = () => ({ headers: { 'x-forwarded-for':
		    `198.51.${(++ip >> 8) & 255}.${ip & 255}` } });
		await run('/login (wrong pw)', few,
		    (i) => l.post('/login', { csrf: lf.csrf,
		    email: accounts[i % accounts.length],
		    password: 'not the password' }, from()),
		    () => l.post('/login', { csrf: lf.csrf,
		    email: S.uniqueEmail('ghost'),
		    password: 'not the password' }, from()));
	} finally {
		await s.stop();
	}
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
