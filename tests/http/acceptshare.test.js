'use strict';
// acceptshare.test.js: the two workers share the clients' connections
// (issue 14.6, src/http/acceptshare.c). 32 keep-alive connections are
// opened one at a time, each answered before the next is opened, and held
// open; `ss` then tells which worker holds each. Under Kore's accept lock
// alone the worker holding the lock took every one of them (it never
// accepted 8 in one pass, so it never gave the lock up); now neither
// worker holds more than the slack beyond the other.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const net = require('node:net');
const { it } = require('node:test');
const T = require('./lib/suite');

const CONNS = 32;
const SLACK = 4;	// ACCEPTSHARE_SLACK

// A connection that has had one answer and stays open.
function openOne(port) {
	return new Promise((resolve, reject) => {
		const s = net.connect(port, '127.0.0.1');
		let got = '';
		s.setEncoding('latin1');
		s.on('error', reject);
		s.on('data', (d) => {
			got += d;
			if (/\r\n\r\n/.test(got))
				resolve(s);
		});
		s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\n' +
		    'Host: 127.0.0.1\r\n\r\n'));
	});
}

// pid -> how many of socks' connections it holds on port, from ss (the
// server side of each: local port `port`, peer port a socket's own).
function holders(port, socks) {
	const mine = new Set(socks.map((s) => String(s.localPort)));
	const out = execFileSync('ss', ['-tnpH', 'state', 'established',
	    `( sport = :${port} )`], { encoding: 'utf8' });
	const by = new Map();
	for (const line of out.split('\n')) {
		const m = /:(\d+)\s+users:.*pid=(\d+)/.exec(line);
		if (m && mine.has(m[1]))
			by.set(m[2], (by.get(m[2]) || 0) + 1);
	}
	return by;
}

T.serverSuite('accept sharing', (srv) => {
	it('issue 14.6: connections arriving one at a time are shared ' +
	    'between the two workers', async () => {
		const socks = [];
		try {
			for (let i = 0; i < CONNS; i++)
				socks.push(await openOne(srv().port));
			const by = holders(srv().port, socks);
			const counts = [...by.values()];
			assert.equal(counts.reduce((a, b) => a + b, 0), CONNS,
			    `ss saw ${JSON.stringify([...by])}`);
			assert.equal(by.size, 2, 'one worker holds every ' +
			    `connection: ${JSON.stringify([...by])}`);
			assert.ok(Math.max(...counts) - Math.min(...counts) <=
			    2 * SLACK, `lopsided: ${JSON.stringify([...by])}`);
		} finally {
			for (const s of socks)
				s.destroy();
		}
	});
}, { workers: 2 });
