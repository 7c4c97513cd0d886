#!/bin/sh
# run.sh: migrates a fresh SQLite database and a fresh PostgreSQL schema
# with build/ethica and compares the two schemas (compare.py). Prints
# compare.py's "N passed, N failed".
#
#	sh tests/schema/run.sh [PG_URL]
#
# PG_URL: a PostgreSQL server to make a throwaway schema in (ETHICA_TEST_PG
# by default); without one, a temporary cluster (scripts/pg-temp.sh).
# Runs from the repository root, after make.
set -u
cd "$(dirname "$0")/../.." || exit 1

URL=${1:-${ETHICA_TEST_PG:-}}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ethica-schema.XXXXXX") || exit 1
chmod 711 "$TMP"
OWN_PG=0
SCHEMA="schema_cmp_$$"

cleanup()
{
	if [ -n "$URL" ] && [ "$OWN_PG" = 0 ]; then
		psql -XAtq -d "$URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" \
		    >/dev/null 2>&1
	fi
	if [ "$OWN_PG" = 1 ]; then
		sh scripts/pg-temp.sh stop "$TMP/pg" >/dev/null 2>&1
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail()
{
	echo "FAIL $*"
	echo "0 passed, 1 failed"
	exit 1
}

if [ -z "$URL" ]; then
	URL=$(sh scripts/pg-temp.sh start "$TMP/pg") || fail "no PostgreSQL"
	OWN_PG=1
fi
psql -XAtq -d "$URL" -c "CREATE SCHEMA $SCHEMA" >/dev/null ||
    fail "cannot create schema $SCHEMA"
case $URL in
*\?*)	PGT="$URL&options=-csearch_path%3D$SCHEMA" ;;
*)	PGT="$URL?options=-csearch_path%3D$SCHEMA" ;;
esac
mkdir -p "$TMP/data"
build/ethica migrate --data "$TMP/data" >/dev/null ||
    fail "ethica migrate (SQLite)"
build/ethica migrate --data "$TMP/data" --db "$PGT" >/dev/null ||
    fail "ethica migrate (PostgreSQL)"
python3 tests/schema/compare.py "$TMP/data/ethica.db" "$PGT"
