'use strict';
// journey.js: the learner journey of the multi-node test, with requests
// alternating between two nodes that share one PostgreSQL database
// (register on one node with a form fetched from the other, the .eml found
// in either node's DATA/mail, verify, login, account page), then the same
// session through HAProxy. Run by tests/scale/run.sh:
//
//   node tests/scale/journey.js PORT1 PORT2 HAPROXY_PORT DATA1 DATA2
//
// Prints "ok N - ..." / "not ok N - ..." lines and ends with
// "N passed, N failed"; exit 1 when anything failed.

const fs = require('node:fs');
const S = require('../http/lib/server');

const [p1, p2, hp, d1, d2] = process.argv.slice(2);
const base = (p) => `http://127.0.0.1:${p}`;
const PASSWORD = 'Scale-out journey passphrase 2026';
let passed = 0, failed = 0, n = 0;

function check(what, ok, detail) {
	n++;
	if (ok) {
		passed++;
		console.log(`ok ${n} - ${what}`);
	} else {
		failed++;
		console.log(`not ok ${n} - ${what}${detail ? ': ' + detail : ''}`);
	}
	return ok;
}

// The verification mail to email, from whichever node sent it.
async function findMail(email) {
	for (let i = 0; i < 200; i++) {
		for (const d of [d1, d2]) {
			for (const f of S.listMail(d)) {
				const m = S.parseMail(fs.readFileSync(f.path,
				    'utf8'));
				if (m.to.includes(email))
					return { m, dir: d };
			}
		}
		await S.sleep(50);
	}
	return null;
}

// One client, one cookie jar, pointed at a given node per request.
async function on(c, port, fn) {
	c.base = base(port);
	return fn(c);
}

async function main() {
	const c = new S.Client(base(p1));
	const email = S.uniqueEmail('scale');

	const form = await on(c, p1, (x) => x.getForm('/register'));
	check('GET /register on node 1', form.status === 200 && form.csrf,
	    `status ${form.status}`);
	const reg = await on(c, p2, (x) => x.post('/register', {
		csrf: form.csrf, email, display_name: 'Scale Learner',
		password: PASSWORD }));
	check('POST /register on node 2 with node 1\'s CSRF token',
	    reg.status === 303 && /\/register\/sent$/.test(reg.location || ''),
	    `status ${reg.status} ${S.text(reg.text).slice(0, 200)}`);

	const found = await findMail(email);
	if (!check('verification mail written by one of the nodes',
	    found !== null))
		return;
	const link = found.m.links.find((l) => l.includes('/verify?token='));
	check('mail has a /verify link to the public URL', link &&
	    link.startsWith(base(hp)), link);
	const v = await on(c, p1, (x) => x.get(S.pathOf(link)));
	check('verify on node 1', v.status === 200 &&
	    /verified|confirmed/i.test(S.text(v.text)), `status ${v.status}`);

	const lf = await on(c, p2, (x) => x.getForm('/login'));
	const li = await on(c, p1, (x) => x.post('/login', { csrf: lf.csrf,
		email, password: PASSWORD, next: '/account' }));
	check('login form from node 2, posted to node 1', li.status === 303 &&
	    c.cookie('sid'), `status ${li.status}`);
	const a2 = await on(c, p2, (x) => x.get('/account'));
	check('account page on node 2 with the session made on node 1',
	    a2.status === 200 && /Scale Learner/.test(S.text(a2.text)),
	    `status ${a2.status}`);
	const a1 = await on(c, p1, (x) => x.get('/account'));
	check('account page on node 1', a1.status === 200 &&
	    /Scale Learner/.test(S.text(a1.text)), `status ${a1.status}`);
	for (let i = 0; i < 4; i++) {
		const h = await on(c, hp, (x) => x.get('/account'));
		check(`account page through HAProxy (${i + 1}/4)`,
		    h.status === 200 && /Scale Learner/.test(S.text(h.text)),
		    `status ${h.status}`);
	}
}

main().catch((e) => {
	check('journey ran to the end', false, e.stack);
}).finally(() => {
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
});
