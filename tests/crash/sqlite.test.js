'use strict';
// sqlite.test.js: kill -9 on SQLite: see crash.js (issue 12.14).

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { it } = require('node:test');
const { crashRounds, ROUNDS, S } = require('./crash');

it(`SQLite: ${ROUNDS} kill -9 of the whole server under writes lose ` +
    'no acknowledged write', async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-crash-'));
	const file = path.join(dir, 'ethica.db');
	const q = (sql) => {
		const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
		if (r.status !== 0)
			throw new Error(`sqlite3: ${r.stderr}`);
		return r.stdout.split('\n').filter((x) => x !== '');
	};
	const n = await crashRounds(t, dir, undefined, q, async () => {});
	assert.ok(n > 0, 'no write was acknowledged');
	fs.rmSync(dir, { recursive: true, force: true });
});
