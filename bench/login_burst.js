'use strict';
// login_burst.js: N clients logging in again and again for D seconds
// (bench/login.sh). Each client takes the login form once (its anonymous
// CSRF cookie and token stay valid), then posts the form in a loop, each
// time as its own account (a fresh cookie jar: a new session per login).
// Prints one line: "LOGINS BUSY OTHER SECONDS" (303s, 503 busy pages,
// anything else). Run: node bench/login_burst.js BASE N SECONDS
// EMAIL_PREFIX PASSWORD (accounts EMAIL_PREFIX0@bench.invalid ...
// EMAIL_PREFIX(N-1)@bench.invalid must exist).

const [base, nArg, secArg, prefix, password] = process.argv.slice(2);
const n = Number(nArg);
const until = Date.now() + Number(secArg) * 1000;
let logins = 0, busy = 0, other = 0;

async function client(i) {
	const r = await fetch(base + '/login');
	const csrf = r.headers.getSetCookie().map((c) => c.split(';')[0])
	    .find((c) => c.startsWith('csrf='));
	const html = await r.text();
	const tok = /name="csrf" value="([^"]+)"/.exec(html)[1];
	const body = new URLSearchParams({ csrf: tok,
	    email: `${prefix}${i}@bench.invalid`, password }).toString();
	while (Date.now() < until) {
		const p = await fetch(base + '/login', { method: 'POST', body,
		    redirect: 'manual', headers: { cookie: csrf,
		    'content-type': 'application/x-www-form-urlencoded' } });
		await p.arrayBuffer();
		if (p.status === 303)
			logins++;
		else if (p.status === 503)
			busy++;
		else
			other++;
	}
}

(async () => {
	const t0 = Date.now();
	await Promise.all([...Array(n).keys()].map(client));
	console.log(`${logins} ${busy} ${other} ` +
	    `${((Date.now() - t0) / 1000).toFixed(2)}`);
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
