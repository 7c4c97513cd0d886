#!/bin/sh
# run.sh: the multi-node test (issue 3). On loopback ports it brings up a
# throwaway PostgreSQL cluster, two `ethica serve` nodes started at the same
# moment on one fresh database (so their migrations race), and HAProxy in
# front of them (config generated into the temp dir: /healthz checks,
# retries with redispatch). Then:
#   1. migrations: two `ethica migrate` at once on another fresh database
#      both succeed; schema_migrations has each version once (both DBs);
#   2. a learner journey alternating between the nodes (journey.js);
#   3. wrk load through HAProxy (GET / plus logins, each login one sessions
#      row), node 2 killed with SIGKILL mid-run: HAProxy marks it DOWN,
#      fewer than 0.1 % of requests fail (an error or no answer; wrk
#      waits 30 s for one, so that a slow answer on a loaded host is no
#      failure: speed is bench/'s), and every login the client saw
#      acknowledged (303) has its sessions row;
#   4. PostgreSQL restarted under load through HAProxy (node 1 left):
#      fewer than 1 % of requests fail; restarted again idle: node 1's
#      next requests succeed;
#   5. no seccomp violation in either node's log; node 1 stops cleanly.
# Everything runs on 127.0.0.1 and is stopped and removed on exit, also on
# failure (ETHICA_KEEP=1 keeps the temp dir). Prints ok/not ok lines and
# ends with "N passed, N failed"; exit 1 when anything failed.
#
# Environment: ETHICA_BUILD (default build), SCALE_DURATION (wrk seconds,
# default 10), SCALE_EVERY (one login every N requests, default 50).

cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
BUILD=${ETHICA_BUILD:-build}
case "$BUILD" in
/*)	BIN=$BUILD/ethica ;;
*)	BIN=$ROOT/$BUILD/ethica ;;
esac
ETHICA_SHARE=$ROOT
export ETHICA_SHARE
DUR=${SCALE_DURATION:-10}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-scale.XXXXXX") || exit 1
chmod 711 "$TMP"	# the postgres user must reach $TMP/pg
PASSED=0
FAILED=0
N=0
PG_STARTED=0
NODE1=""
NODE2=""
HAPROXY=""
WRK=""
LOAD_EMAIL=load@scale.example
LOAD_PASSWORD='Scale-out load passphrase 2026'

cleanup()
{
	for p in $WRK $HAPROXY; do
		kill "$p" 2>/dev/null
	done
	for p in $NODE1 $NODE2; do
		kill -TERM "-$p" 2>/dev/null
	done
	sleep 1
	for p in $NODE1 $NODE2; do
		kill -KILL "-$p" 2>/dev/null
	done
	if [ "$PG_STARTED" = 1 ]; then
		sh scripts/pg-temp.sh stop "$TMP/pg" >/dev/null 2>&1
	fi
	if [ "${ETHICA_KEEP:-0}" = 1 ]; then
		echo "# kept $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# check STATUS WORDS...: one ok / not ok line.
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

# abort WHAT: one failure, then stop here (cleanup runs from the trap).
abort()
{
	check 1 "$1"
	[ -n "${2:-}" ] && [ -f "$2" ] && tail -n 30 "$2" | sed 's/^/#   /'
	finish
}

PORT_BASE=0
. scripts/ports.sh

# wait_ok URL: up to 15 s for a 200 "ok".
wait_ok()
{
	i=0
	while [ $i -lt 150 ]; do
		[ "$(curl -s -m 1 "$1" 2>/dev/null)" = ok ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

sql()
{
	psql "$1" -X -Atqc "$2" 2>&1
}

# start_node N PORT: `ethica serve` in its own process group (so that the
# node, Kore's parent and its workers, can be killed at once).
start_node()
{
	mkdir -p "$TMP/node$1"
	ETHICA_NODE=node$1 setsid "$BIN" serve --listen "127.0.0.1:$2" \
	    --data "$TMP/node$1" --db "$DB" --workers 2 --seccomp-trace \
	    --public-url "http://127.0.0.1:$HP" --trust-proxy \
	    >"$TMP/node$1.log" 2>&1 &
	eval "NODE$1=$!"
}

# haproxy_conf: the load balancer config for the two nodes.
haproxy_conf()
{
	cat <<EOF
global
	maxconn 4096
defaults
	mode http
	timeout connect 1s
	timeout client 30s
	timeout server 10s
	retries 3
	option redispatch 1
	retry-on conn-failure empty-response response-timeout
frontend www
	bind 127.0.0.1:$HP
	option forwardfor
	default_backend nodes
backend nodes
	balance roundrobin
	# Kore answers 400 to HTTP/1.0 without Host: send both.
	option httpchk GET /healthz HTTP/1.1
	http-check send hdr Host 127.0.0.1
	http-check expect status 200
	# Never replay a non-idempotent request that reached a node.
	http-request disable-l7-retry if !METH_GET
	# A node riding out a database restart stalls up to ~2 s (it
	# reconnects before it answers): a shorter check timeout would take
	# every node out at once and turn the stall into errors.
	timeout check 3s
	default-server inter 300ms fall 2 rise 2
	server n1 127.0.0.1:$P1 check
	server n2 127.0.0.1:$P2 check
listen stats
	bind 127.0.0.1:$SP
	stats enable
	stats uri /stats
EOF
}

# server_status NAME: UP, DOWN, ... from the HAProxy stats CSV.
server_status()
{
	curl -s -m 2 "http://127.0.0.1:$SP/stats;csv" |
	    awk -F, -v s="$1" '$1 == "nodes" && $2 == s { print $18 }'
}

for tool in haproxy wrk psql curl node ss setsid; do
	command -v $tool >/dev/null 2>&1 || abort "tool $tool is installed"
done
[ -x "$BIN" ] || abort "$BIN exists (run make)"

URL=$(sh scripts/pg-temp.sh start "$TMP/pg" 2>"$TMP/pg.err") ||
    abort "PostgreSQL cluster starts" "$TMP/pg.err"
PG_STARTED=1
DB=$(sh scripts/pg-temp.sh newdb "$TMP/pg" scale) || abort "createdb scale"
MIG=$(sh scripts/pg-temp.sh newdb "$TMP/pg" migrate_race) ||
    abort "createdb migrate_race"

# 1. Two migrations at once on a fresh database.
"$BIN" migrate --data "$TMP/m1" --db "$MIG" >"$TMP/m1.log" 2>&1 &
m1=$!
"$BIN" migrate --data "$TMP/m2" --db "$MIG" >"$TMP/m2.log" 2>&1 &
m2=$!
wait $m1; r1=$?
wait $m2; r2=$?
check $((r1 + r2)) "two concurrent ethica migrate both succeed ($r1, $r2)"
dups=$(sql "$MIG" "SELECT count(*) FROM (SELECT version FROM
    schema_migrations GROUP BY version HAVING count(*) > 1) d")
nver=$(sql "$MIG" "SELECT count(*) FROM schema_migrations")
nfiles=$(ls src/store/migrations/pg/*.sql | wc -l)
[ "$dups" = 0 ] && [ "$nver" = "$nfiles" ]
check $? "schema_migrations has each of the $nfiles versions once ($nver rows)"

# 2. Two nodes started together on one fresh database, HAProxy in front.
free_port P1; free_port P2; free_port HP; free_port SP
start_node 1 "$P1"
start_node 2 "$P2"
wait_ok "http://127.0.0.1:$P1/healthz" || abort "node 1 healthy" \
    "$TMP/node1.log"
wait_ok "http://127.0.0.1:$P2/healthz" || abort "node 2 healthy" \
    "$TMP/node2.log"
check 0 "both nodes answer /healthz (ports $P1, $P2)"
dups=$(sql "$DB" "SELECT count(*) FROM (SELECT version FROM
    schema_migrations GROUP BY version HAVING count(*) > 1) d")
nver=$(sql "$DB" "SELECT count(*) FROM schema_migrations")
[ "$dups" = 0 ] && [ "$nver" = "$nfiles" ]
check $? "nodes started together migrated once ($nver versions)"

haproxy_conf >"$TMP/haproxy.cfg"
haproxy -c -f "$TMP/haproxy.cfg" >"$TMP/haproxy.check" 2>&1 ||
    abort "haproxy config valid" "$TMP/haproxy.check"
haproxy -db -f "$TMP/haproxy.cfg" >"$TMP/haproxy.log" 2>&1 &
HAPROXY=$!
i=0
while [ $i -lt 100 ]; do
	[ "$(server_status n1)" = UP ] && [ "$(server_status n2)" = UP ] &&
	    break
	sleep 0.1
	i=$((i + 1))
done
[ "$(server_status n1)" = UP ] && [ "$(server_status n2)" = UP ]
check $? "HAProxy sees both nodes UP (port $HP)"

# 3. The learner journey, alternating between the nodes.
node tests/scale/journey.js "$P1" "$P2" "$HP" "$TMP/node1" "$TMP/node2" \
    >"$TMP/journey.out" 2>&1
jrc=$?
sed 's/^/#   /' "$TMP/journey.out"
check $jrc "learner journey across both nodes ($(tail -n 1 \
    "$TMP/journey.out"))"

# 4. Load, then kill -9 node 2 mid-run.
printf '%s\n' "$LOAD_PASSWORD" | "$BIN" user add "$LOAD_EMAIL" \
    --role learner --name "Load Test" --data "$TMP/cli" --db "$DB" \
    >"$TMP/user.log" 2>&1 || abort "load account created" "$TMP/user.log"
curl -s -c "$TMP/jar" "http://127.0.0.1:$HP/login" >"$TMP/login.html"
CSRF=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/login.html" | head -n 1 |
    sed 's/.*value="//; s/"$//')
CK=$(awk '$6 == "csrf" { print $6 "=" $7 }' "$TMP/jar")
[ -n "$CSRF" ] && [ -n "$CK" ] || abort "CSRF token and cookie for the load"
uid=$(sql "$DB" "SELECT id FROM users WHERE email = '$LOAD_EMAIL'")
before=$(sql "$DB" "SELECT count(*) FROM sessions WHERE user_id = $uid")

SCALE_CSRF=$CSRF SCALE_COOKIE=$CK SCALE_EMAIL=$LOAD_EMAIL \
    SCALE_PASSWORD=$LOAD_PASSWORD SCALE_EVERY=${SCALE_EVERY:-50} \
    wrk -t2 -c32 -d"${DUR}s" --timeout 30s --latency \
    -s tests/scale/load.lua \
    "http://127.0.0.1:$HP/" >"$TMP/wrk.out" 2>&1 &
WRK=$!
sleep $((DUR * 2 / 5))
kill -KILL "-$NODE2"
KILLED_AT=$(date +%s)
sleep 2
st2=$(server_status n2)
st1=$(server_status n1)
wait $WRK
WRK=""
sed 's/^/#   /' "$TMP/wrk.out"
[ "${st2#DOWN}" != "$st2" ] && [ "$st1" = UP ]
check $? "HAProxy took node 2 out after SIGKILL (n2 $st2, n1 $st1)"

line=$(grep '^SCALE ' "$TMP/wrk.out")
[ -n "$line" ] || abort "wrk printed its summary" "$TMP/wrk.out"
val() { echo "$line" | sed -E "s/.* $1=([0-9]+).*/\1/"; }
reqs=$(val requests); serr=$(val status_errors); kerr=$(val socket_errors)
posts=$(val posts); acked=$(val acked); busy=$(val busy)
# The busy page (503 with Retry-After) is load shed on purpose: a login
# beyond the node's hashing slots (issue 14.2); it is no failure, but
# only logins may get it.
fails=$((serr - busy + kerr))
[ "$reqs" -gt 1000 ] && [ $((fails * 1000)) -lt "$reqs" ] &&
    [ "$busy" -le "$posts" ]
check $? "fewer than 0.1 % of requests failed: $fails of $reqs" \
"($((serr - busy)) non-2xx/3xx, $kerr socket errors; $busy of $posts" \
"logins got the busy page)"
after=$(sql "$DB" "SELECT count(*) FROM sessions WHERE user_id = $uid")
rows=$((after - before))
[ "$acked" -gt 0 ] && [ "$rows" -ge "$acked" ]
check $? "every acknowledged write is in the database: $acked logins" \
"acknowledged, $rows sessions rows added ($posts login POSTs sent)"
healthy=$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$HP/healthz")
[ "$healthy" = 200 ]
check $? "the service answers through HAProxy after the kill ($healthy)"

# 5. PostgreSQL restarts under load through HAProxy (node 1 serving):
# fewer than 1 % of requests fail (issue 12.20); then, idle, the next
# requests work.
pg_restart()
{
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TMP/pg/data" \
		    -m fast -w restart >>"$TMP/restart.log" 2>&1
	else
		"$PGBIN/pg_ctl" -D "$TMP/pg/data" -m fast -w restart \
		    >>"$TMP/restart.log" 2>&1
	fi
}
SCALE_CSRF=$CSRF SCALE_COOKIE=$CK SCALE_EMAIL=$LOAD_EMAIL \
    SCALE_PASSWORD=$LOAD_PASSWORD SCALE_EVERY=${SCALE_EVERY:-50} \
    wrk -t2 -c32 -d"${DUR}s" --timeout 30s --latency \
    -s tests/scale/load.lua \
    "http://127.0.0.1:$HP/" >"$TMP/wrk2.out" 2>&1 &
WRK=$!
sleep $((DUR * 2 / 5))
pg_restart
rrc=$?
wait $WRK
WRK=""
sed 's/^/#   /' "$TMP/wrk2.out"
check $rrc "PostgreSQL restarted under load"
line=$(grep '^SCALE ' "$TMP/wrk2.out")
[ -n "$line" ] || abort "wrk printed its summary" "$TMP/wrk2.out"
reqs=$(val requests); serr=$(val status_errors); kerr=$(val socket_errors)
posts=$(val posts); busy=$(val busy)
fails=$((serr - busy + kerr))
[ "$reqs" -gt 1000 ] && [ $((fails * 100)) -lt "$reqs" ] &&
    [ "$busy" -le "$posts" ]
check $? "a PostgreSQL restart under load fails fewer than 1 % of" \
"requests: $fails of $reqs ($((serr - busy)) non-2xx/3xx, $kerr socket" \
"errors; $busy of $posts logins got the busy page)"
pg_restart
check $? "PostgreSQL restarted"
codes=""
for i in 1 2 3 4 5 6; do
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' \
	    "http://127.0.0.1:$P1/healthz")"
done
[ "$codes" = " 200 200 200 200 200 200" ]
check $? "node 1 reconnects after the PostgreSQL restart:$codes"

# 6. Sandbox and clean stop.
v=$(cat "$TMP/node1.log" "$TMP/node2.log" |
    grep -c 'seccomp violation\|died from sandbox violation')
[ "$v" = 0 ]
check $? "no seccomp violation in the node logs ($v)"
if [ "$v" != 0 ]; then
	cat "$TMP/node1.log" "$TMP/node2.log" |
	    grep -o 'syscall=[0-9]*:[a-z0-9_]*' | sort | uniq -c |
	    sed 's/^/#   /'
fi
kill -TERM "$NODE1"
i=0
while kill -0 "$NODE1" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$NODE1"
rc=$?
NODE1_DONE=$NODE1
NODE1=""
check $rc "node 1 stops cleanly on SIGTERM (exit $rc)"
: "$NODE1_DONE" "$KILLED_AT"
finish
