#!/bin/sh
# copy.sh: the test of `ethica db copy` (issue 3, moving up). A SQLite
# deployment with the demo content and some traffic (sessions, settings, a
# binary blob with NUL bytes) is copied into a new PostgreSQL database;
# then: per-table row counts are equal in both, a second copy into the now
# full database is refused, the blob is byte-identical, ids continue after
# the copied ones, a demo account signs in on PostgreSQL, and the server
# gives the same pages on both backends. Prints ok/not ok lines and ends
# with "N passed, N failed"; exit 1 on any failure. Cleans up on exit.
#
# Environment: ETHICA_BUILD (default build).

cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
BUILD=${ETHICA_BUILD:-build}
case "$BUILD" in
/*)	BIN=$BUILD/ethica ;;
*)	BIN=$ROOT/$BUILD/ethica ;;
esac
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-copy.XXXXXX") || exit 1
chmod 711 "$TMP"
PASSED=0
FAILED=0
N=0
PG_STARTED=0
SRV=""
LESSON=/courses/ethics-of-ai/lessons/what-ai-systems-are
PAGES="/ /login /register $LESSON"

cleanup()
{
	[ -n "$SRV" ] && kill -TERM "$SRV" 2>/dev/null && sleep 1
	[ "$PG_STARTED" = 1 ] &&
	    sh scripts/pg-temp.sh stop "$TMP/pg" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check()
{
	_st=$1
	shift
	N=$((N + 1))
	if [ "$_st" = 0 ]; then
		PASSED=$((PASSED + 1))
		echo "ok $N - $*"
	else
		FAILED=$((FAILED + 1))
		echo "not ok $N - $*"
	fi
}

finish()
{
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit $?
}

PORT_BASE=1500
. scripts/ports.sh

# serve DB OUTDIR: runs a node on DB, saves PAGES (CSRF tokens and
# nonces blanked) into OUTDIR, signs in the demo learner, stops the node.
serve()
{
	mkdir -p "$2"
	free_port PORT
	"$BIN" serve --listen "127.0.0.1:$PORT" --data "$TMP/d" --db "$1" \
	    --workers 1 >"$2/log" 2>&1 &
	SRV=$!
	i=0
	until [ "$(curl -s -m 1 "http://127.0.0.1:$PORT/healthz")" = ok ]; do
		i=$((i + 1))
		if [ $i -gt 150 ] || ! kill -0 "$SRV" 2>/dev/null; then
			echo "# the server on $PORT did not answer /healthz:"
			tail -n 20 "$2/log" | sed 's/^/#   /'
			break
		fi
		sleep 0.1
	done
	n=0
	for p in $PAGES; do
		n=$((n + 1))
		curl -s -w '\n%{http_code}\n' "http://127.0.0.1:$PORT$p" |
		    sed -E 's/[0-9a-f]{64}/TOKEN/g; s/nonce-[^;"]*/nonce/g' \
		    >"$2/page$n"
	done
	rm -f "$2/jar"
	curl -s -c "$2/jar" "http://127.0.0.1:$PORT/login" >"$2/login.html"
	csrf=$(grep -o 'name="csrf" value="[^"]*"' "$2/login.html" |
	    head -n 1 | sed 's/.*value="//; s/"$//')
	curl -s -o /dev/null -w '%{http_code}' -b "$2/jar" -c "$2/jar" \
	    -F "csrf=$csrf" -F email=learner@demo.ethica.example \
	    -F password=ethica-demo-2026 "http://127.0.0.1:$PORT/login" \
	    >"$2/login.status"
	curl -s -o /dev/null -w '%{http_code}' -b "$2/jar" \
	    "http://127.0.0.1:$PORT/account" >"$2/account.status"
	kill -TERM "$SRV" 2>/dev/null
	wait "$SRV"
	SRV=""
}

URL=$(sh scripts/pg-temp.sh start "$TMP/pg") || { check 1 "PostgreSQL"; finish; }
PG_STARTED=1
DB=$(sh scripts/pg-temp.sh newdb "$TMP/pg" copied)

"$BIN" demo --data "$TMP/d" >"$TMP/demo.log" 2>&1
check $? "demo content loaded into SQLite"
serve "$TMP/d/ethica.db" "$TMP/lite"
sqlite3 "$TMP/d/ethica.db" "INSERT INTO course_blobs (hash, size, data)
    VALUES ('copy-test', 4, X'00FF0A00')" 2>"$TMP/blob.err"
check $? "a binary blob added to the SQLite database"
sed 's/^/#   /' "$TMP/blob.err"

"$BIN" db copy --from "$TMP/d" --to "$DB" >"$TMP/copy.out" 2>&1
rc=$?
sed 's/^/#   /' "$TMP/copy.out"
check $rc "ethica db copy succeeds"

bad=0
tables=0
for t in $(awk '$3 == "rows" { print $1 }' "$TMP/copy.out"); do
	tables=$((tables + 1))
	a=$(sqlite3 "$TMP/d/ethica.db" "SELECT count(*) FROM \"$t\"")
	b=$(psql "$DB" -X -Atqc "SELECT count(*) FROM \"$t\"")
	if [ "$a" != "$b" ]; then
		echo "#   $t: sqlite $a, postgresql $b"
		bad=1
	fi
done
[ "$tables" -gt 5 ] && [ "$bad" = 0 ]
check $? "row counts equal in both databases for all $tables tables"
users=$(psql "$DB" -X -Atqc "SELECT count(*) FROM users")
sessions=$(psql "$DB" -X -Atqc "SELECT count(*) FROM sessions")
settings=$(psql "$DB" -X -Atqc "SELECT count(*) FROM settings")
[ "$users" -gt 0 ] && [ "$sessions" -gt 0 ] && [ "$settings" -gt 0 ]
check $? "users ($users), sessions ($sessions), settings ($settings) copied"
hex=$(psql "$DB" -X -Atqc "SELECT encode(data, 'hex') FROM course_blobs
    WHERE hash = 'copy-test'")
[ "$hex" = 00ff0a00 ]
check $? "blob bytes preserved (got '$hex')"

"$BIN" db copy --from "$TMP/d" --to "$DB" >"$TMP/copy2.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'not empty' "$TMP/copy2.out"
check $? "a second copy into the non-empty database is refused (exit $rc)"

maxid=$(psql "$DB" -X -Atqc "SELECT max(id) FROM users")
printf 'Copy test passphrase 2026\n' | "$BIN" user add new@copy.example \
    --role learner --data "$TMP/cli" --db "$DB" >"$TMP/user.log" 2>&1
newid=$(psql "$DB" -X -Atqc "SELECT id FROM users WHERE
    email = 'new@copy.example'")
[ -n "$newid" ] && [ "$newid" -gt "$maxid" ]
check $? "identity sequence reset: new user id $newid after max $maxid"

serve "$DB" "$TMP/pg-pages"
n=0
for p in $PAGES; do
	n=$((n + 1))
	code=$(tail -n 1 "$TMP/lite/page$n")
	[ "$code" != 000 ] && cmp -s "$TMP/lite/page$n" "$TMP/pg-pages/page$n"
	check $? "GET $p: same page from SQLite and PostgreSQL (status $code)"
done
[ "$(cat "$TMP/pg-pages/login.status")" = 303 ] &&
    [ "$(cat "$TMP/pg-pages/account.status")" = 200 ]
check $? "demo learner signs in on PostgreSQL with the copied password"
finish
