'use strict';
// holdconns.js PORT SLOW IDLE: holds SLOW slowloris connections (a header
// line a second, never finished) and IDLE idle keep-alive connections (one
// request, then silence) to 127.0.0.1:PORT, reopening each one the server
// closes, until killed. Prints "held N" every second. A process of its own
// so that its thousands of timers do not slow the client that measures
// (tests/http/connections.test.js).

const net = require('node:net');

const [port, slow, idle] = process.argv.slice(2).map(Number);
let held = 0;

function slowloris() {
	const s = net.connect(port, '127.0.0.1');
	let t = null;
	s.on('connect', () => {
		held++;
		s.write('GET / HTTP/1.1\r\nHost: x\r\n');
		t = setInterval(() => s.write('X-Drip: 1\r\n'), 1000);
	});
	s.on('error', () => {});
	s.on('close', (err) => {
		if (t !== null) {
			clearInterval(t);
			held--;
		}
		setTimeout(slowloris, 200);
	});
}

function idler() {
	const s = net.connect(port, '127.0.0.1');
	let up = false;
	s.on('connect', () => {
		up = true;
		held++;
		s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
	});
	s.on('data', () => {});
	s.on('error', () => {});
	s.on('close', () => {
		if (up)
			held--;
		setTimeout(idler, 200);
	});
}

(async () => {
	for (let i = 0; i < slow + idle; i++) {
		if (i < slow)
			slowloris();
		else
			idler();
		if (i % 500 === 499)
			await new Promise((r) => setTimeout(r, 50));
	}
	setInterval(() => console.log(`held ${held}`), 1000);
})();
