#!/bin/sh
# pg-temp.sh: a throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg-temp.sh start DIR       create + start; prints the URL
#                                      postgresql://postgres@127.0.0.1:PORT/postgres
#                                      (also written to DIR/url)
#   scripts/pg-temp.sh newdb DIR NAME  create database NAME; prints its URL
#   scripts/pg-temp.sh stop DIR        stop the cluster and remove DIR
#   scripts/pg-temp.sh halt DIR [MODE]  stop the server, keep DIR (pg_ctl
#                                      -m MODE: fast (default), immediate)
#   scripts/pg-temp.sh resume DIR      start a halted server again, same port
#
# DIR must not exist yet (or be empty). Trust auth, loopback only, the unix
# socket inside DIR, fsync off: never use this for real data. As root the
# server binaries run as the postgres system user. Needs postgresql-15.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

usage() {
	echo "usage: $0 start DIR | newdb DIR NAME | stop DIR |" \
	    "halt DIR [fast|immediate] | resume DIR" >&2
	exit 2
}

# Runs a server binary, as the postgres user when we are root.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

port_free() {
	[ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
}

start() {
	dir=$1
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
		echo "pg-temp: $dir exists and is not empty" >&2
		exit 1
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$dir"
		if ! runuser -u postgres -- test -w "$dir"; then
			echo "pg-temp: the postgres user cannot reach $dir" \
			    "(pick a DIR under /tmp)" >&2
			exit 1
		fi
	fi
	locale=C.UTF-8
	if ! locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
		locale=C
	fi
	as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres \
	    --no-sync -E UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	port=25432
	while [ "$port" -le 25532 ]; do
		if port_free "$port" && as_pg "$PGBIN/pg_ctl" -D "$dir/data" \
		    -l "$dir/log" -w -t 20 -o "-p $port -k $dir \
		    -c listen_addresses=127.0.0.1 -c fsync=off \
		    -c synchronous_commit=off -c full_page_writes=off" \
		    start >/dev/null 2>&1; then
			url="postgresql://postgres@127.0.0.1:$port/postgres"
			echo "$port" >"$dir/port"
			echo "$url" >"$dir/url"
			echo "$url"
			return 0
		fi
		port=$((port + 1))
	done
	echo "pg-temp: could not start a server (see $dir/log)" >&2
	exit 1
}

newdb() {
	dir=$1
	name=$2
	case "$name" in
	*[!a-zA-Z0-9_]* | "")
		echo "pg-temp: database names are [a-zA-Z0-9_]+" >&2
		exit 2
		;;
	esac
	port=$(cat "$dir/port")
	"$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
	echo "postgresql://postgres@127.0.0.1:$port/$name"
}

stop() {
	dir=$1
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		echo "pg-temp: $dir is not a pg-temp cluster" >&2
		exit 1
	fi
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop \
	    >/dev/null 2>&1 || true
	rm -rf "$dir"
}

halt() {
	dir=$1
	mode=${2:-fast}
	case "$mode" in fast|immediate) ;; *) usage ;; esac
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m "$mode" -w stop >/dev/null
}

resume() {
	dir=$1
	port=$(cat "$dir/port")
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 20 \
	    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
	    -c synchronous_commit=off -c full_page_writes=off" \
	    start >/dev/null
}

[ $# -ge 2 ] || usage
case "$1" in
start)	[ $# -eq 2 ] || usage; start "$2" ;;
newdb)	[ $# -eq 3 ] || usage; newdb "$2" "$3" ;;
stop)	[ $# -eq 2 ] || usage; stop "$2" ;;
halt)	[ $# -ge 2 ] && [ $# -le 3 ] || usage; halt "$2" "${3:-fast}" ;;
resume)	[ $# -eq 2 ] || usage; resume "$2" ;;
*)	usage ;;
esac
