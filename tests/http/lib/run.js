'use strict';
// run.js: node's test runner over test files in the order given, for
// scripts/test.sh. `node --test a b c` sorts its files by name before it
// starts them, so a long file named late starts last and the run waits on
// it alone; this starts them in the order given (the longest first), JOBS
// at once, each file in its own process as `node --test` does, and prints
// the same TAP (with its "# pass N" totals), then one line per file with
// the seconds its tests took ("# time 12 s FILE", longest first), so that the order of LONGEST in scripts/test.sh can be
// kept from a run's own figures. Exit status 1 when a test failed or was
// cancelled (a todo test does not count, as with --test).
//
// Usage: node tests/http/lib/run.js JOBS TIMEOUT_MS FILE...

const path = require('node:path');
const { run } = require('node:test');
const { tap } = require('node:test/reporters');

const [jobs, timeout, ...files] = process.argv.slice(2);
if (!(Number(jobs) > 0) || !(Number(timeout) > 0) || files.length === 0) {
	process.stderr.write('usage: run.js JOBS TIMEOUT_MS FILE...\n');
	process.exit(2);
}

const stream = run({
	files: files.map((f) => path.resolve(f)),
	concurrency: Number(jobs),
	timeout: Number(timeout),
});
// The seconds each file's top-level tests and describes took, added up
// (the runner reports a file's events only once the files before it are
// done, so the time they arrive says nothing). A describe made by a
// helper (tests/http/lib/suite.js) names the helper's file: it counts for
// the test file its last subtest came from.
const given = new Set(files.map((f) => path.resolve(f)));
const spent = new Map();
let lastFile = null;
for (const ev of ['test:pass', 'test:fail']) {
	stream.on(ev, (t) => {
		if (!t.file || t.name === t.file || !t.details)
			return;
		if (given.has(t.file))
			lastFile = t.file;
		if (t.nesting !== 0)
			return;
		const f = given.has(t.file) ? t.file : lastFile;
		if (f !== null)
			spent.set(f, (spent.get(f) || 0) +
			    (t.details.duration_ms || 0));
	});
}
const out = stream.compose(tap);
out.on('end', () => {
	const rows = [...spent].map(([f, ms]) => [path.relative(
	    process.cwd(), f), Math.round(ms / 1000)])
	    .sort((x, y) => y[1] - x[1]);
	for (const [f, sec] of rows)
		process.stdout.write(`# time ${sec} s ${f}\n`);
});
stream.on('test:fail', (t) => {
	if (!t.todo && !(t.details && t.details.todo))
		process.exitCode = 1;
});
out.pipe(process.stdout);
