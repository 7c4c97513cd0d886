'use strict';
// certificates.test.js: certificates through HTTP on a real server, and
// verified by someone else's code: the `jose` library checks our VC-JWT
// against our /.well-known/jwks.json (EdDSA only), the required Open
// Badges 3.0 fields are present, and changing one byte of the token makes
// verification fail. Also: the public and printable pages (QR code), the
// issuer profile, unknown IDs (404), revocation by a course admin (the
// learner gets 403; an empty reason 400), the signed status list showing
// the revoked bit, and key rotation keeping old certificates verifiable.
//
// A learner completes a small course (two lessons, written to a temporary
// folder by this file) through HTTP, which issues the certificate (the
// completion hook); `ethica certificate issue EMAIL COURSE --public-url`
// then finds that same certificate, refuses a learner who has not
// completed the course, and a learner reading in Korean gets the course
// title in Korean.

const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { it } = require('node:test');
const jose = require('jose');
const C = require('./lib/course');
const S = require('./lib/server');
const T = require('./lib/suite');

const PASSWORD = 'correct horse battery';
const COURSE = 'cert-course';
const NAME = 'Zoë "Q" 김민준 <b>';

let learner, admin, cert;

// writeCourse(): the fixture course folder; returns its path.
function writeCourse() {
	return C.writeCourse({ slug: COURSE,
	    title: C.t('Ethics of AI', '인공지능 윤리'),
	    summary: C.t('Two short lessons.', '짧은 강의 두 개.'),
	    modules: [{ id: 'm01', title: C.t('One', '하나'), lessons: [
		['first', C.t('First lesson', '첫 강의')],
		['second', C.t('Second lesson', '둘째 강의')]] }] });
}

// complete(srv, email, lang): the learner signs in, reads in lang (their
// profile's language from then on), enrols and finishes both lessons.
async function complete(srv, email, lang) {
	const c = srv.client();
	await T.login(c, srv, email, PASSWORD, '/me');
	const tok = async () => (await c.getForm('/me')).csrf;
	T.see303(await c.post('/language', { csrf: await tok(), lang,
	    next: '/me' }), srv, '/me');
	const base = `/courses/${COURSE}`;
	let r = await c.post(`${base}/enrol`, { csrf: await tok() });
	T.see303(r, srv, `${base}/lessons/first`);
	for (const l of ['first', 'second']) {
		r = await c.post(`${base}/lessons/${l}/done`,
		    { csrf: await tok() });
		assert.equal(r.status, 303, `lesson ${l} done`);
	}
}

async function issue(srv, email) {
	const r = await srv.ethica(['certificate', 'issue', email, COURSE,
	    '--public-url', srv.base]);
	assert.equal(r.code, 0, r.stderr);
	const url = r.stdout.trim();
	assert.match(url, /\/certificates\/[A-Za-z0-9_-]{22}$/);
	return { url, path: new URL(url).pathname,
	    id: url.slice(url.lastIndexOf('/') + 1) };
}

async function jwks(srv) {
	const r = await srv.client().get('/.well-known/jwks.json');
	assert.equal(r.status, 200);
	return JSON.parse(r.text);
}

async function verify(srv, jwt, keySet) {
	const set = jose.createLocalJWKSet(keySet || await jwks(srv));
	return jose.jwtVerify(jwt, set, { algorithms: ['EdDSA'],
	    issuer: srv.base + '/issuer' });
}

// The bit for index in the signed status list (verified with jose).
async function statusBit(srv, index) {
	const r = await srv.client().get('/certificates/status-list');
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^application\/vc\+jwt/);
	const { payload } = await verify(srv, r.text.trim());
	assert.ok(payload.type.includes('BitstringStatusListCredential'));
	const cs = payload.credentialSubject;
	assert.equal(cs.type, 'BitstringStatusList');
	assert.equal(cs.statusPurpose, 'revocation');
	assert.ok(cs.encodedList.startsWith('u'), 'multibase base64url');
	const bits = zlib.gunzipSync(Buffer.from(cs.encodedList.slice(1),
	    'base64url'));
	assert.ok(bits.length >= 16384, 'at least 131072 entries');
	return (bits[Math.floor(index / 8)] >> (7 - index % 8)) & 1;
}

T.serverSuite('certificates', (srv) => {
	it('setup: course, learner, admin, one certificate', async () => {
		const s = srv();
		const imp = await s.ethica(['course', 'import', writeCourse()]);
		assert.equal(imp.code, 0, imp.stderr);
		learner = S.uniqueEmail('learner');
		const r = await s.ethica(['user', 'add', learner, '--role',
		    'learner', '--name', NAME], { input: PASSWORD + '\n' });
		assert.equal(r.code, 0, r.stderr);
		admin = S.uniqueEmail('admin');
		await s.addUser(admin, 'admin', PASSWORD);
		const early = await s.ethica(['certificate', 'issue', learner,
		    COURSE, '--public-url', s.base]);
		assert.notEqual(early.code, 0, 'issued before completion');
		assert.match(early.stderr, /has not completed the course/);
		await complete(s, learner, 'en');
		cert = await issue(s, learner);
		const again = await issue(s, learner);
		assert.equal(again.id, cert.id, 'issued once');
	});

	it('JWKS, issuer: public JSON with CORS, no secrets', async () => {
		const s = srv();
		const c = s.client();
		const k = await c.get('/.well-known/jwks.json');
		assert.equal(k.status, 200);
		assert.match(k.headers.get('content-type'), /json/);
		assert.equal(k.headers.get('access-control-allow-origin'), '*');
		const set = JSON.parse(k.text);
		assert.ok(set.keys.length >= 1);
		for (const key of set.keys) {
			assert.equal(key.kty, 'OKP');
			assert.equal(key.crv, 'Ed25519');
			assert.equal(key.alg, 'EdDSA');
			assert.equal(key.use, 'sig');
			assert.equal(Buffer.from(key.x, 'base64url').length, 32);
			assert.equal(key.d, undefined, 'private key published');
			assert.equal(key.kid,
			    await jose.calculateJwkThumbprint(key), 'kid');
		}
		const i = await c.get('/issuer');
		assert.equal(i.status, 200);
		assert.equal(i.headers.get('access-control-allow-origin'), '*');
		const p = JSON.parse(i.text);
		assert.equal(p.id, s.base + '/issuer');
		assert.ok(p.type.includes('Profile'));
		assert.equal(p.name, 'Ethica');
	});

	it('jose verifies the VC-JWT; Open Badges 3.0 fields', async () => {
		const s = srv();
		const r = await s.client().get(cert.path + '.jwt');
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'),
		    /^application\/(vc\+)?jwt/);
		assert.equal(r.headers.get('access-control-allow-origin'), '*');
		const jwt = r.text.trim();
		const { payload: vc, protectedHeader: h } = await verify(s, jwt);
		assert.equal(h.alg, 'EdDSA');
		assert.ok(h.kid);
		assert.deepEqual(vc['@context'], [
			'https://www.w3.org/ns/credentials/v2',
			'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
		]);
		assert.deepEqual(vc.type,
		    ['VerifiableCredential', 'OpenBadgeCredential']);
		assert.equal(vc.id, cert.url);
		assert.equal(vc.jti, vc.id);
		assert.equal(vc.issuer.id, s.base + '/issuer');
		assert.ok(vc.issuer.type.includes('Profile'));
		assert.equal(vc.issuer.name, 'Ethica');
		assert.equal(vc.iss, vc.issuer.id);
		assert.ok(vc.name.length > 0);
		assert.ok(!Number.isNaN(Date.parse(vc.validFrom)));
		assert.equal(vc.nbf, Date.parse(vc.validFrom) / 1000);
		const sub = vc.credentialSubject;
		assert.ok(sub.type.includes('AchievementSubject'));
		assert.deepEqual(sub.identifier, [{ type: 'IdentityObject',
		    identityHash: NAME, identityType: 'name', hashed: false }]);
		const a = sub.achievement;
		assert.equal(a.id, `${s.base}/courses/${COURSE}#achievement`);
		assert.ok(a.type.includes('Achievement'));
		assert.equal(a.name, 'Ethics of AI');
		assert.ok(a.description.length > 0);
		assert.match(a.criteria.narrative, /required lessons/);
		const st = vc.credentialStatus;
		assert.equal(st.type, 'BitstringStatusListEntry');
		assert.equal(st.statusPurpose, 'revocation');
		assert.match(st.statusListIndex, /^[0-9]+$/);
		assert.equal(st.statusListCredential,
		    s.base + '/certificates/status-list');
		assert.ok(!jwt.includes(learner.split('@')[0]), 'email leaked');
	});

	it('one changed byte anywhere fails verification', async () => {
		const s = srv();
		const jwt = (await s.client().get(cert.path + '.jwt')).text.trim();
		const set = await jwks(s);
		const [h, p, sig] = jwt.split('.');
		const flip = (str, i) => str.slice(0, i) +
		    (str[i] === 'A' ? 'B' : 'A') + str.slice(i + 1);
		const bad = [
			`${flip(h, 5)}.${p}.${sig}`,
			`${h}.${flip(p, Math.floor(p.length / 2))}.${sig}`,
			`${h}.${flip(p, 0)}.${sig}`,
			`${h}.${p}.${flip(sig, 10)}`,
		];
		// also a payload edited in a meaningful way, old signature
		const obj = JSON.parse(Buffer.from(p, 'base64url').toString());
		obj.credentialSubject.achievement.name = 'Something else';
		bad.push(`${h}.${Buffer.from(JSON.stringify(obj))
		    .toString('base64url')}.${sig}`);
		for (const b of bad) {
			await assert.rejects(verify(s, b, set), 'tampered accepted');
		}
		await verify(s, jwt, set);
	});

	it('public page: name, course, date, valid status, links', async () => {
		const s = srv();
		const r = await s.client().get(cert.path);
		assert.equal(r.status, 200);
		T.isHtml(r);
		const text = S.text(r.text);
		assert.ok(text.includes(NAME), 'learner name');
		assert.ok(!r.text.includes('<b>'), 'name not escaped');
		assert.ok(text.includes('Ethics of AI'));
		assert.match(text, /Valid/);
		assert.ok(r.text.includes(`href="${cert.path}.jwt"`));
		assert.ok(r.text.includes(`href="${cert.path}/print"`));
		assert.ok(!text.includes(learner), 'email shown');
		assert.ok(!/name="reason"/.test(r.text), 'revoke form for anon');
		const ko = await s.client({ headers:
		    { 'accept-language': 'ko' } }).get(cert.path);
		assert.equal(ko.status, 200);
		assert.match(S.text(ko.text), /\d{4}\.\s*\d{1,2}\.\s*\d{1,2}/,
		    'Korean date');
		assert.match(ko.text, T.HANGUL);
	});

	it('printable page carries a QR code as inline SVG', async () => {
		const s = srv();
		const r = await s.client().get(cert.path + '/print');
		assert.equal(r.status, 200);
		const m = r.text.match(/<svg\b[^>]*viewBox="0 0 (\d+) \1"[^>]*>[\s\S]*?<path[^>]*\sd="([^"]+)"/);
		assert.ok(m, 'no QR svg');
		assert.ok(Number(m[1]) >= 29);
		assert.match(m[2], /^(M\d+ \d+h\d+v1h-\d+z)+$/);
		assert.ok(S.text(r.text).includes(NAME));
	});

	it('unknown or malformed IDs are 404', async () => {
		const c = srv().client();
		for (const p of ['/certificates/AAAAAAAAAAAAAAAAAAAAAA',
		    '/certificates/AAAAAAAAAAAAAAAAAAAAAA.jwt',
		    '/certificates/AAAAAAAAAAAAAAAAAAAAAA/print',
		    '/certificates/short', '/certificates/1',
		    cert.path + 'x']) {
			const r = await c.get(p);
			assert.equal(r.status, 404, p);
			assert.match(S.text(r.text), /No such certificate/, p);
			assert.match(S.text(r.text), /22 letters and digits/, p);
		}
		const ko = srv().client({ headers: { 'accept-language': 'ko' } });
		const r = await ko.get('/certificates/AAAAAAAAAAAAAAAAAAAAAA');
		assert.equal(r.status, 404);
		assert.match(S.text(r.text), /수료증을 찾을 수 없습니다/);
	});

	it('revocation: learner 403, empty reason 400, admin revokes; page and status list show it', async () => {
		const s = srv();
		const jwt = (await s.client().get(cert.path + '.jwt')).text.trim();
		const index = Number(jose.decodeJwt(jwt).credentialStatus
		    .statusListIndex);
		assert.equal(await statusBit(s, index), 0);

		const lc = s.client();
		await T.login(lc, s, learner, PASSWORD);
		const page = await lc.getForm(cert.path);
		const lr = await lc.post(cert.path + '/revoke',
		    { csrf: page.csrf, reason: 'mine' });
		assert.equal(lr.status, 403);

		const anon = s.client();
		const ap = await anon.getForm(cert.path);
		const ar = await anon.post(cert.path + '/revoke',
		    { csrf: ap.csrf, reason: 'x' });
		assert.ok([303, 403].includes(ar.status));
		assert.equal(await statusBit(s, index), 0);

		const ac = s.client();
		await T.login(ac, s, admin, PASSWORD);
		const form = await ac.getForm(cert.path);
		assert.match(form.html, /name="reason"/);
		const nocsrf = await ac.post(cert.path + '/revoke',
		    { reason: 'x' });
		assert.equal(nocsrf.status, 403);
		const empty = await ac.post(cert.path + '/revoke',
		    { csrf: form.csrf, reason: '   ' });
		assert.equal(empty.status, 400);
		T.fieldError(empty.text, 'reason');
		const ok = await ac.post(cert.path + '/revoke',
		    { csrf: form.csrf, reason: 'Quiz answers were copied.' });
		T.see303(ok, s, cert.path);
		// A confirmation on the next page, once.
		let shown = await ac.get(cert.path);
		assert.match(shown.text, /<p class="success flash" role="status">The certificate is revoked\.<\/p>/);
		shown = await ac.get(cert.path);
		assert.doesNotMatch(shown.text, /class="success flash"/,
		    'the confirmation shows once');
		const again = await ac.post(cert.path + '/revoke',
		    { csrf: form.csrf, reason: 'again' });
		assert.equal(again.status, 409);

		const after = S.text((await s.client().get(cert.path)).text);
		assert.match(after, /Revoked/);
		assert.ok(after.includes('Quiz answers were copied.'));
		assert.equal(await statusBit(s, index), 1);
		// the credential itself still verifies: revocation is status
		await verify(s, jwt);
	});

	it('key rotation: old certificates still verify, new ones use the new key', async () => {
		const s = srv();
		const before = await jwks(s);
		const r = await s.ethica(['keys', 'rotate']);
		assert.equal(r.code, 0, r.stderr);
		const after = await jwks(s);
		assert.equal(after.keys.length, before.keys.length + 1);
		const oldJwt = (await s.client().get(cert.path + '.jwt')).text
		    .trim();
		const v = await verify(s, oldJwt, after);
		assert.equal(v.protectedHeader.kid, before.keys[0].kid);
		const other = S.uniqueEmail('other');
		await s.addUser(other, 'learner', PASSWORD);
		await complete(s, other, 'en');
		const c2 = await issue(s, other);
		const jwt2 = (await s.client().get(c2.path + '.jwt')).text.trim();
		const v2 = await verify(s, jwt2, after);
		assert.notEqual(v2.protectedHeader.kid, before.keys[0].kid);
		const page = await s.client().get(c2.path);
		assert.match(S.text(page.text), /Valid/);
	});

	it('a learner reading in Korean gets the Korean course title', async () => {
		const s = srv();
		const ko = S.uniqueEmail('ko');
		await s.addUser(ko, 'learner', PASSWORD);
		await complete(s, ko, 'ko');
		const c = await issue(s, ko);
		const jwt = (await s.client().get(c.path + '.jwt')).text.trim();
		const { payload } = await verify(s, jwt);
		const a = payload.credentialSubject.achievement;
		assert.equal(a.name, '인공지능 윤리');
		assert.match(a.criteria.narrative, /[가-힣]/, 'criteria in Korean');
		const page = await s.client().get(c.path);
		assert.ok(S.text(page.text).includes('인공지능 윤리'));
	});
});
