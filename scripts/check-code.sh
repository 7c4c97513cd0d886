#!/bin/sh
# check-code.sh: the house rules that grep can enforce (`make check`, and
# suite (c) of `make test`). One test per rule; each failure lists the
# offending lines. Ends with "N passed, N failed"; exit 1 on any failure.
#
#  1. sqlite3_* and PQ* calls only in src/store/
#  2. <kore/...> includes only in src/http/
#  3. no sprintf, vsprintf, strcpy, strcat or gets anywhere in src/
#  4. no HTML tag string literals ("<p", "</p", "<!") in src/http,
#     src/domain, src/cli: HTML comes from templates only
#  5. every route in conf/ethica.conf.in has a handler function defined at
#     the start of a line in src/http/*.c

cd "$(dirname "$0")/.." || exit 1

passed=0
failed=0
TMP=$(mktemp) || exit 1
trap 'rm -f "$TMP"' EXIT

# rule NAME: report the result of a rule whose offending lines are in $TMP.
rule()
{
	if [ -s "$TMP" ]; then
		echo "FAIL $1"
		sed 's/^/  /' "$TMP"
		failed=$((failed + 1))
	else
		echo "ok $1"
		passed=$((passed + 1))
	fi
}

# code: C sources and headers under the given folders, comment lines
# (starting with /*, * or //) dropped. Prints file:line:text.
code()
{
	for d in "$@"; do
		[ -d "$d" ] || continue
		find "$d" -type f \( -name '*.c' -o -name '*.h' \) -print
	done | sort | while read -r f; do
		grep -nH '' "$f" |
		    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//)'
	done
}

code src | grep -v '^src/store/' |
    grep -E '\b(sqlite3_[a-z0-9_]+|PQ[a-zA-Z]+)[[:space:]]*\(' >"$TMP"
rule "sqlite3_/PQ calls only in src/store/"

code src | grep -v '^src/http/' |
    grep -E '#[[:space:]]*include[[:space:]]*<kore/' >"$TMP"
rule "<kore/...> includes only in src/http/"

code src |
    grep -E '\b(v?sprintf|strcpy|strcat|gets)[[:space:]]*\(' >"$TMP"
rule "no sprintf/strcpy/strcat/gets in src/"

code src/http src/domain src/cli |
    grep -E '"<(/?[a-zA-Z]|!)' >"$TMP"
rule "no HTML tag literals in src/http, src/domain, src/cli"

# Routes: "route PATH HANDLER" (Kore 4.1), or "route PATH {" followed by
# "handler NAME" (later Kore syntax).
CONF=conf/ethica.conf.in
: >"$TMP"
if [ ! -f "$CONF" ]; then
	echo "$CONF: missing" >"$TMP"
else
	handlers=$(awk '
	    /^[[:space:]]*#/ { next }
	    $1 == "route" && $3 != "{" && NF >= 3 { print $3; next }
	    $1 == "route" && $3 == "{" { inblock = 1; next }
	    inblock && $1 == "handler" { print $2; inblock = 0; next }
	    inblock && $1 == "}" { inblock = 0 }
	' "$CONF" | sort -u)
	if [ -z "$handlers" ]; then
		echo "$CONF: no routes" >"$TMP"
	fi
	for h in $handlers; do
		if ! cat src/http/*.c 2>/dev/null |
		    grep -qE "^(int[[:space:]]+)?$h[[:space:]]*\("; then
			echo "$CONF: route handler $h not defined in src/http/" \
			    >>"$TMP"
		fi
	done
fi
rule "every route in $CONF has a handler in src/http/"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
