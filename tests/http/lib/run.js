'use strict';
// run.js: node's test runner over test files in the order given, for
// scripts/test.sh. `node --test a b c` sorts its files by name before it
// starts them, so a long file named late starts last and the run waits on
// it alone; this starts them in the order given (the longest first), JOBS
// at once, each file in its own process as `node --test` does, and prints
// the same TAP (with its "# pass N" totals). Exit status 1 when a test
// failed or was cancelled (a todo test does not count, as with --test).
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
stream.on('test:fail', (t) => {
	if (!t.todo && !(t.details && t.details.todo))
		process.exitCode = 1;
});
stream.compose(tap).pipe(process.stdout);
