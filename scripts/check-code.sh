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
#  5. every route of conf/ethica.conf.in and conf/routes/*.conf has a
#     handler function defined at the start of a line in src/http/*.c
#  6. every route of those files says whether it is public or needs a
#     signed-in user: the nearest comment block above it, in its file, has a
#     line starting "# public" or "# signed in"
#  7. every handler that accepts POST calls ctx_post() or ctx_post_upload()
#     (which check the CSRF token), in its own body or in a function of
#     src/http it calls, however deep (most open with gate(), gate.c). A
#     handler accepts
#     POST when a "params post" block names its route, or when it (or a
#     function it calls) tests is_post, CTX_POST or HTTP_METHOD_POST. A
#     "params post" block without a route of its path fails too. This
#     checks that the call is there, not that it runs before the write.
#
#	sh scripts/check-code.sh [--root DIR]	check DIR (default: the repo)
#	sh scripts/check-code.sh --self-test	rules 5-7 must reject the
#	    bad sample (and pass the good one) built in a temporary folder;
#	    ends with "N passed, N failed"

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
ROOT=$(dirname "$SELF")/..
case ${1-} in
--root)
	ROOT=$2
	;;
--self-test)
	self_test=1
	;;
"")
	;;
*)
	echo "usage: sh scripts/check-code.sh [--root DIR | --self-test]" >&2
	exit 2
	;;
esac

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

code_rules()
{
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
}

# Routes: "route PATH HANDLER" (Kore 4.1), or "route PATH {" followed by
# "handler NAME" (later Kore syntax). routes prints "FILE LINE PATH HANDLER
# ACCESS POST" per route: ACCESS 1 when its comment says public/signed in,
# POST 1 when a params post block names its path; and "FILE LINE PATH - 0
# orphan" for a params post block without a route.
routes()
{
	_confs=""
	for _f in conf/ethica.conf.in conf/routes/*.conf; do
		[ -f "$_f" ] && _confs="$_confs $_f"
	done
	[ -n "$_confs" ] || return 0
	# shellcheck disable=SC2086
	awk '
	FNR == 1 { blk = 0; incomment = 0 }
	/^[[:space:]]*#/ {
		if (!incomment)
			blk = 0
		incomment = 1
		if ($0 ~ /^[[:space:]]*#[[:space:]]*(public|signed in)/)
			blk = 1
		next
	}
	{ incomment = 0 }
	$1 == "params" && $2 ~ /^post$|:post$/ {
		post[$3] = 1
		pwhere[$3] = FILENAME " " FNR
		next
	}
	$1 == "route" && NF >= 2 {
		n++
		where[n] = FILENAME " " FNR
		path[n] = $2
		access[n] = blk
		if (NF >= 3 && $3 != "{")
			handler[n] = $3
		else
			inblock = n
		seen[$2] = 1
		next
	}
	inblock && $1 == "handler" { handler[inblock] = $2; inblock = 0; next }
	inblock && $1 == "}" { inblock = 0 }
	END {
		for (i = 1; i <= n; i++)
			print where[i], path[i], \
			    (handler[i] == "" ? "-" : handler[i]), access[i], \
			    (path[i] in post ? 1 : 0)
		for (p in post)
			if (!(p in seen))
				print pwhere[p], p, "-", 0, "orphan"
	}' $_confs
}

# funcs: facts about the functions of src/http/*.c but ctx.c (whose
# ctx_begin() tests every request's method), one per line: "P F" F calls
# ctx_post()/ctx_post_upload(), "M F" F tests for POST, "C F G" F calls G
# (any identifier followed by "(").
funcs()
{
	_srcs=""
	for _f in src/http/*.c; do
		[ -f "$_f" ] && [ "$_f" != src/http/ctx.c ] && _srcs="$_srcs $_f"
	done
	[ -n "$_srcs" ] || return 0
	# shellcheck disable=SC2086
	awk '
	/^[a-z_][a-z0-9_]*\(/ {
		fn = $0
		sub(/\(.*/, "", fn)
		next
	}
	/^}/ { fn = ""; next }
	fn != "" {
		line = $0
		sub(/\/\/.*/, "", line)
		if (line ~ /^[[:space:]]*(\/?\*)/)
			next
		if (line ~ /ctx_post(_upload)?[[:space:]]*\(/)
			print "P", fn
		if (line ~ /is_post|CTX_POST|HTTP_METHOD_POST/)
			print "M", fn
		while (match(line, /[a-z_][a-z0-9_]*[[:space:]]*\(/)) {
			g = substr(line, RSTART, RLENGTH)
			sub(/[[:space:]]*\($/, "", g)
			print "C", fn, g
			line = substr(line, RSTART + RLENGTH)
		}
	}' $_srcs
}

R_HANDLER="every route of conf/ethica.conf.in and conf/routes/ has a handler in src/http/"
R_ACCESS="every route says public or signed in"
R_CSRF="every handler accepting POST checks the CSRF token (ctx_post)"
route_rules()
{
	routes >"$TMP.routes"
	if [ ! -s "$TMP.routes" ]; then
		echo "conf/ethica.conf.in, conf/routes/*.conf: no routes" \
		    >"$TMP.routes"
		for _r in "$R_HANDLER" "$R_ACCESS" "$R_CSRF"; do
			cp "$TMP.routes" "$TMP"
			rule "$_r"
		done
		rm -f "$TMP.routes"
		return
	fi
	funcs >"$TMP.funcs"

	: >"$TMP"
	while read -r f l p h a post; do
		[ "$post" = orphan ] && continue
		if [ "$h" = - ]; then
			echo "$f:$l: route $p has no handler" >>"$TMP"
		elif ! cat src/http/*.c 2>/dev/null |
		    grep -qE "^(int[[:space:]]+)?$h[[:space:]]*\("; then
			echo "$f:$l: route handler $h not defined in src/http/" \
			    >>"$TMP"
		fi
	done <"$TMP.routes"
	rule "$R_HANDLER"

	awk '$6 != "orphan" && $5 == 0 {
		print $1 ":" $2 ": route " $3 ": no \"# public\" or \"# signed in\" comment above it"
	}' "$TMP.routes" >"$TMP"
	rule "$R_ACCESS"

	# Closure over calls, to a fixed point: csrf[F] when F or a callee
	# (at any depth) checks the
	# token, post[F] when F or a callee tests for POST.
	awk '
	FNR == NR {
		if ($1 == "P") csrf[$2] = 1
		else if ($1 == "M") post[$2] = 1
		else if ($1 == "C") { nc++; cf[nc] = $2; cg[nc] = $3 }
		next
	}
	!done {
		do {
			grew = 0
			for (i = 1; i <= nc; i++) {
				if ((cg[i] in csrf) && !(cf[i] in csrf)) {
					csrf[cf[i]] = 1
					grew = 1
				}
				if ((cg[i] in post) && !(cf[i] in post)) {
					post[cf[i]] = 1
					grew = 1
				}
			}
		} while (grew)
		done = 1
	}
	$6 == "orphan" {
		print $1 ":" $2 ": params post " $3 ": no route of that path"
		next
	}
	$4 == "-" { next }
	($6 == 1 || ($4 in post)) && !($4 in csrf) {
		print $1 ":" $2 ": " $4 " (" $3 ") accepts POST but never calls ctx_post()/ctx_post_upload()"
	}' "$TMP.funcs" "$TMP.routes" >"$TMP"
	rule "$R_CSRF"
	rm -f "$TMP.routes" "$TMP.funcs"
}

# self_test: a sample tree with one good POST handler (checking the token
# through a helper) and one fault per route rule; each rule must fail on
# exactly its fault, and the good sample alone must pass.
self_test()
{
	_d=$(mktemp -d) || exit 1
	mkdir -p "$_d/conf/routes" "$_d/src/http"
	cat >"$_d/conf/ethica.conf.in" <<'EOT'
domain * {
	# public
	route	/			page_home
	# signed in: a form, its token checked by a helper
	route	/good			page_good
	params post /good {
		validate	csrf		v_csrf
	}
	# signed in
	route	/delegate		page_delegate
}
EOT
	cat >"$_d/src/http/h_good.c" <<'EOT'
static int
save(struct ctx *c)
{
	if (!ctx_post(c))
		return (0);
	return (1);
}

static int
helper(struct ctx *c)
{
	return (save(c));
}

int
page_home(struct http_request *req)
{
	return (render(req));
}

int
page_good(struct http_request *req)
{
	return (save(req));
}

int
page_delegate(struct http_request *req)
{
	if (c.is_post)
		return (helper(req));
	return (0);
}
EOT
	_out=$(sh "$SELF" --root "$_d")
	if [ $? -eq 0 ]; then
		echo "ok self-test: the good sample passes"
		passed=$((passed + 1))
	else
		echo "FAIL self-test: the good sample fails:"
		echo "$_out" | sed 's/^/  /'
		failed=$((failed + 1))
	fi
	# The faults, in conf/routes/ (the file the old checker never read).
	cat >"$_d/conf/routes/50-bad.conf" <<'EOT'
	# signed in: no handler defined
	route	/missing		page_missing
	route	/nocomment-below-a-blank

	# a comment that says nothing about access
	route	/uncommented		page_home
	# signed in: posts without the token check
	route	/nocsrf			page_nocsrf
	params post /nocsrf {
		validate	csrf		v_csrf
	}
	# signed in: tests is_post, never checks the token
	route	/sneaky			page_sneaky
	params post /nowhere {
		validate	csrf		v_csrf
	}
EOT
	cat >"$_d/src/http/h_bad.c" <<'EOT'
int
page_nocsrf(struct http_request *req)
{
	/* ctx_post(c) in a comment does not count */
	return (write_it(req));
}

int
page_sneaky(struct http_request *req)
{
	if (c.is_post)
		return (write_it(req));
	return (0);
}
EOT
	_out=$(sh "$SELF" --root "$_d")
	_rc=$?
	for _want in \
	    "50-bad.conf:2: route handler page_missing not defined" \
	    "50-bad.conf:3: route /nocomment-below-a-blank has no handler" \
	    "50-bad.conf:6: route /uncommented: no" \
	    "50-bad.conf:8: page_nocsrf (/nocsrf) accepts POST but never" \
	    "50-bad.conf:13: page_sneaky (/sneaky) accepts POST but never" \
	    "50-bad.conf:14: params post /nowhere: no route of that path"; do
		if echo "$_out" | grep -qF "$_want"; then
			echo "ok self-test rejects: $_want"
			passed=$((passed + 1))
		else
			echo "FAIL self-test does not reject: $_want"
			failed=$((failed + 1))
		fi
	done
	if [ "$_rc" -ne 0 ] &&
	    ! echo "$_out" | grep -qE "page_(good|delegate|home) \("; then
		echo "ok self-test: the bad sample fails, the good handlers pass"
		passed=$((passed + 1))
	else
		echo "FAIL self-test: exit $_rc on the bad sample, or a good" \
		    "handler reported:"
		echo "$_out" | sed 's/^/  /'
		failed=$((failed + 1))
	fi
	rm -rf "$_d"
}

if [ "${self_test-}" = 1 ]; then
	self_test
else
	cd "$ROOT" || exit 1
	[ -d src ] && code_rules
	route_rules
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
