'use strict';
// pg.test.js: kill -9 on PostgreSQL: see crash.js (issue 12.14).

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { it } = require('node:test');
const { crashRounds, ROUNDS, S } = require('./crash');

it(`PostgreSQL: ${ROUNDS} kill -9 of the server (and one of PostgreSQL) ` +
    'lose no acknowledged write', async (t) => {
	const pgbin = '/usr/lib/postgresql/15/bin/pg_ctl';
	if (!fs.existsSync(pgbin)) {
		t.skip('skipped: PostgreSQL 15 is not installed');
		return;
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ethica-crash-'));
	const pg = path.join(dir, 'pg');
	const pgTemp = (args) => {
		const r = spawnSync('sh', [path.join(S.ROOT, 'scripts',
		    'pg-temp.sh'), ...args], { encoding: 'utf8' });
		if (r.status !== 0)
			throw new Error(`pg-temp.sh ${args[0]}: ${r.stderr}`);
		return r.stdout.trim();
	};
	fs.chmodSync(dir, 0o711);	// the postgres user must reach pg/
	const url = pgTemp(['start', pg]);
	try {
		const q = (sql) => {
			const r = spawnSync('psql', [url, '-X', '-At', '-c',
			    sql], { encoding: 'utf8' });
			if (r.status !== 0)
				throw new Error(`psql: ${r.stderr}`);
			return r.stdout.split('\n').filter((x) => x !== '');
		};
		const n = await crashRounds(t, dir, url, q,
		    async (round, when) => {
			// Once, PostgreSQL dies too (immediate shutdown: no
			// checkpoint, crash recovery at the next start).
			if (round === 1 && when === 'killed') {
				pgTemp(['halt', pg, 'immediate']);
				pgTemp(['resume', pg]);
				return true;
			}
			return false;
		});
		assert.ok(n > 0, 'no write was acknowledged');
	} finally {
		try {
			pgTemp(['stop', pg]);
		} catch (e) {
			// already gone
		}
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
