#!/bin/sh
# check-po.sh: checks the UI translations against the current msgids.
# Owns the rules a translation must follow; never writes under po/.
#
# The reference is a fresh POT built in a temp dir exactly as
# scripts/update-po.sh builds po/ethica.pot (ethica i18n pot + xgettext on
# src/), or the file given with --pot. Checked files: po/ko.po (required)
# and every other po/*.po, or only the files given with --file. For each
# msgid of the POT, a problem is reported when the .po
#   - lacks it, or has an empty msgstr (any msgstr[i]), or marks it fuzzy;
#   - has a different set of {placeholder} names: msgstr or msgstr[0]
#     against msgid, msgstr[i>0] against msgid_plural (nplurals=1:
#     msgstr[0] against msgid_plural);
#   - gives a plural entry a number of msgstr[i] other than nplurals, or
#     has no Plural-Forms header, or a nplurals wrong for the language
#     (ko zh ja 1, en de 2, fr es it pt 2 or 3, ru uk pl 3, ar 6);
# and msgfmt --check-format reports every c-format mismatch.
# Each problem is one line "FILE: MSGID: what" (MSGID in PO escaping);
# the last line is "po-check: N problems". Exit 0 when N is 0, 1 when not,
# 2 when the check itself cannot run.
#
# usage: sh scripts/check-po.sh [--pot POT] [--file PO]...
#        sh scripts/check-po.sh --self-test   (the po-bad fixtures; ends
#        with "N passed, N failed")
# POSIX sh, awk, sed, grep and gettext tools only (CI has no python).

ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 2
# Paths given as arguments are relative to the current directory; the
# default files are named relative to it too when it is the repository.
if [ "$(pwd)" = "$ROOT" ]; then
	PODIR=po
else
	PODIR=$ROOT/po
fi

POT=""
FILES=""
NFILES=0
SELFTEST=0
while [ $# -gt 0 ]; do
	case "$1" in
	--pot)
		[ $# -ge 2 ] || { echo "check-po: --pot needs a file" >&2; exit 2; }
		POT=$2
		shift 2
		;;
	--self-test)
		SELFTEST=1
		shift
		;;
	--file)
		[ $# -ge 2 ] || { echo "check-po: --file needs a file" >&2; exit 2; }
		FILES="$FILES
$2"
		NFILES=$((NFILES + 1))
		shift 2
		;;
	*)
		echo "usage: sh scripts/check-po.sh [--pot POT] [--file PO]... | --self-test" >&2
		exit 2
		;;
	esac
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/check-po.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# selftest: runs the checker on each fixture of tests/unit/fixtures/po-bad
# against its fixture.pot. ok.po must pass; every other file must fail
# with exactly one problem, whose text contains its "# expect:" line.
selftest()
{
	dir=$ROOT/tests/unit/fixtures/po-bad
	passed=0
	failed=0
	for f in "$dir"/*.po; do
		name=${f##*/}
		want=$(sed -n 's/^# expect: //p' "$f" | head -n 1)
		sh "$ROOT/scripts/check-po.sh" --pot "$dir/fixture.pot" \
		    --file "$f" > "$TMP/self" 2>&1
		rc=$?
		if [ "$name" = ok.po ]; then
			if [ "$rc" -eq 0 ] &&
			    grep -qx 'po-check: 0 problems' "$TMP/self"; then
				ok=1
			else
				ok=0
			fi
		elif [ "$rc" -eq 1 ] && [ -n "$want" ] &&
		    grep -qx 'po-check: 1 problems' "$TMP/self" &&
		    grep -qF -e "$want" "$TMP/self"; then
			ok=1
		else
			ok=0
		fi
		if [ "$ok" -eq 1 ]; then
			echo "ok $name"
			passed=$((passed + 1))
		else
			echo "FAIL $name (exit $rc, expected: ${want:-a pass})"
			sed 's/^/  /' "$TMP/self"
			failed=$((failed + 1))
		fi
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

if [ "$SELFTEST" -eq 1 ]; then
	selftest
	exit $?
fi

# makepot OUT: the POT of the current templates and C sources, built the
# way scripts/update-po.sh builds it.
makepot()
(
	cd "$ROOT" || return 1
	# The templates are read at run time, so an older binary still lists
	# the current template msgids: use it when the tree does not build.
	if ! make -s build/ethica > "$TMP/make.log" 2>&1; then
		[ -x build/ethica ] || { cat "$TMP/make.log" >&2; return 1; }
		echo "check-po: make failed, using the existing build/ethica" >&2
	fi
	build/ethica i18n pot > "$TMP/raw.pot" || return 1
	msguniq --use-first --no-wrap "$TMP/raw.pot" -o "$TMP/tmpl.pot" ||
	    return 1
	find src -name '*.c' | sort > "$TMP/files"
	xgettext --from-code=UTF-8 --keyword=N_ --keyword=_ --keyword=i18n_ngettext:2,3 --language=C \
	    --no-wrap --files-from="$TMP/files" -o "$TMP/c.pot" || return 1
	msgcat --use-first --no-wrap "$TMP/tmpl.pot" "$TMP/c.pot" -o "$1"
)

if [ -z "$POT" ]; then
	POT="$TMP/ethica.pot"
	if ! makepot "$POT"; then
		echo "check-po: cannot build the POT" >&2
		exit 2
	fi
elif [ ! -r "$POT" ]; then
	echo "check-po: cannot read $POT" >&2
	exit 2
fi

PROBLEMS=0
: > "$TMP/out"

# problem LINE: records one problem.
problem()
{
	echo "$1" >> "$TMP/out"
	PROBLEMS=$((PROBLEMS + 1))
}

if [ "$NFILES" -eq 0 ]; then
	[ -f "$PODIR/ko.po" ] || problem "$PODIR/ko.po: the Korean catalog is missing"
	FILES=$(ls "$PODIR"/*.po 2>/dev/null)
fi

# The entry checks: the POT first, then the .po in canonical form.
AWK='
function unq(s) {
	sub(/^[^"]*"/, "", s)
	sub(/"[ \t]*$/, "", s)
	return s
}
function flush() {
	if (st != "" && !(id == "" && ctx == "" && inpot)) {
		k = ctx SUBSEP id
		if (inpot) {
			potkey[++npot] = k
			potid[k] = id
			potpl[k] = pl
		} else if (id == "" && ctx == "") {
			header = str[0]
			hfuzzy = fuzzy
		} else {
			have[k] = 1
			pfuzzy[k] = fuzzy
			ppl[k] = pl
			pn[k] = nstr
			isplural[k] = plural
			for (i = 0; i < nstr; i++)
				pstr[k, i] = (i in str) ? str[i] : ""
		}
	}
	st = ""; ctx = ""; id = ""; pl = ""; fuzzy = 0; nstr = 0
	plural = 0
	for (i in str)
		delete str[i]
}
function phset(s,    n, a, i, j, t, r) {
	n = 0
	while (match(s, /\{[A-Za-z_][A-Za-z0-9_]*\}/)) {
		t = substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
		for (i = 1; i <= n; i++)
			if (a[i] == t)
				break
		if (i > n)
			a[++n] = t
	}
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	r = ""
	for (i = 1; i <= n; i++)
		r = r a[i]
	return (r)
}
function report(k, what) {
	printf("%s: \"%s\": %s\n", file, potid[k], what)
	nprob++
}
FNR == 1 {
	flush()
	inpot = (FILENAME == pot)
}
/^#,/ {
	flush()
	if ($0 ~ /[ ,]fuzzy([ ,]|$)/)
		fuzzy = 1
	next
}
/^#/ { next }
/^msgctxt / {
	if (st ~ /^msgstr/) flush()
	st = "ctx"; ctx = unq($0); next
}
/^msgid / {
	if (st ~ /^msgstr/) flush()
	st = "id"; id = unq($0); next
}
/^msgid_plural / { st = "pl"; pl = unq($0); plural = 1; next }
/^msgstr\[[0-9]+\] / {
	i = $0
	sub(/^msgstr\[/, "", i)
	sub(/\].*/, "", i)
	i += 0
	st = "msgstr" i
	str[i] = unq($0)
	if (i + 1 > nstr)
		nstr = i + 1
	plural = 1
	next
}
/^msgstr / { st = "msgstr0"; str[0] = unq($0); nstr = 1; next }
/^[ \t]*"/ {
	s = unq($0)
	if (st == "ctx") ctx = ctx s
	else if (st == "id") id = id s
	else if (st == "pl") pl = pl s
	else if (st ~ /^msgstr/) {
		i = substr(st, 7) + 0
		str[i] = str[i] s
	}
	next
}
END {
	flush()
	nprob = 0
	np = 0
	if (match(header, /Plural-Forms:[^\\]*nplurals=[0-9]+/)) {
		np = substr(header, RSTART, RLENGTH)
		sub(/.*=/, "", np)
		np += 0
	}
	lang = ""
	if (match(header, /Language: *[A-Za-z]+/)) {
		lang = substr(header, RSTART, RLENGTH)
		sub(/Language: */, "", lang)
	} else {
		lang = file
		sub(/.*\//, "", lang)
		sub(/[_.].*/, "", lang)
	}
	want = ""
	if (lang ~ /^(ko|zh|ja|vi|th|id)$/) want = " 1 "
	else if (lang ~ /^(en|de|nl|sv)$/) want = " 2 "
	else if (lang ~ /^(fr|es|it|pt)$/) want = " 2 3 "
	else if (lang ~ /^(ru|uk|pl)$/) want = " 3 "
	else if (lang == "ar") want = " 6 "
	if (hfuzzy) {
		printf("%s: \"\": the header is fuzzy (msgfmt would ignore it)\n", file)
		nprob++
	}
	if (np > 0 && want != "" && index(want, " " np " ") == 0) {
		printf("%s: \"\": Plural-Forms has nplurals=%d, language %s needs%s\n", file, np, lang, want)
		nprob++
	}
	noheader = 0
	for (e = 1; e <= npot; e++) {
		k = potkey[e]
		if (!(k in have)) {
			report(k, "missing")
			continue
		}
		if (pfuzzy[k]) {
			report(k, "fuzzy")
			continue
		}
		if (potpl[k] != "" && !isplural[k]) {
			report(k, "not a plural entry (msgid_plural expected)")
			continue
		}
		if (potpl[k] == "" && isplural[k]) {
			report(k, "plural entry for a msgid without plural")
			continue
		}
		if (potpl[k] != "") {
			if (np == 0) {
				if (!noheader) {
					printf("%s: \"\": no Plural-Forms header, needed by plural entries\n", file)
					nprob++
					noheader = 1
				}
			} else if (pn[k] != np) {
				report(k, sprintf("%d msgstr[i] where nplurals=%d", pn[k], np))
			}
		}
		empty = 0
		for (i = 0; i < pn[k]; i++)
			if (pstr[k, i] == "")
				empty = 1
		if (pn[k] == 0 || empty) {
			report(k, "empty translation")
			continue
		}
		for (i = 0; i < pn[k]; i++) {
			if (potpl[k] == "")
				src = potid[k]
			else if (i > 0 || np == 1)
				src = potpl[k]
			else
				src = potid[k]
			a = phset(src)
			b = phset(pstr[k, i])
			if (a != b) {
				report(k, sprintf("placeholders of msgstr%s are %s, expected %s", potpl[k] == "" ? "" : "[" i "]", b == "" ? "none" : b, a == "" ? "none" : a))
			}
		}
	}
	print nprob > cnt
}'

# Names msgfmt's "FILE:LINE: message" lines (second file) by the msgid
# of the entry holding LINE in the .po (first file).
FMTAWK='
FNR == NR {
	if ($0 ~ /^msgid /) {
		cur = $0
		sub(/^msgid "/, "", cur)
		sub(/"[ \t]*$/, "", cur)
		inid = 1
	} else if (inid && $0 ~ /^[ \t]*"/) {
		s = $0
		sub(/^[ \t]*"/, "", s)
		sub(/"[ \t]*$/, "", s)
		cur = cur s
	} else
		inid = 0
	id[FNR] = cur
	next
}
{
	rest = substr($0, length(file) + 2)
	line = rest
	sub(/:.*/, "", line)
	msg = rest
	sub(/^[0-9]+: */, "", msg)
	printf("%s: \"%s\": %s\n", file, id[line + 0], msg)
}'

# checkone PO: checks one .po file; adds its problems to the total.
checkone()
{
	po=$1
	if [ ! -r "$po" ]; then
		problem "$po: cannot read the file"
		return
	fi
	if ! msgcat --no-wrap -o "$TMP/canon.po" "$po" 2> "$TMP/err"; then
		problem "$po: not a valid PO file: $(head -n 1 "$TMP/err")"
		return
	fi
	rm -f "$TMP/cnt"
	awk -v pot="$POT" -v file="$po" -v cnt="$TMP/cnt" "$AWK" \
	    "$POT" "$TMP/canon.po" >> "$TMP/out"
	if [ ! -s "$TMP/cnt" ]; then
		problem "$po: the entry check failed"
		return
	fi
	PROBLEMS=$((PROBLEMS + $(cat "$TMP/cnt")))
	# c-format (and other format) mismatches, one problem per message,
	# named by the msgid of the entry msgfmt points at.
	if ! msgfmt --check-format -o /dev/null "$po" 2> "$TMP/err"; then
		grep -F -e "$po:" "$TMP/err" |
		    grep -v -e '^msgfmt: found [0-9]* fatal error' > "$TMP/fmt"
		n=$(grep -c '' "$TMP/fmt")
		if [ "$n" -gt 0 ]; then
			awk -v file="$po" "$FMTAWK" "$po" "$TMP/fmt" >> "$TMP/out"
		else
			echo "$po: msgfmt failed: $(head -n 1 "$TMP/err")" \
			    >> "$TMP/out"
			n=1
		fi
		PROBLEMS=$((PROBLEMS + n))
	fi
}

OLDIFS=$IFS
IFS='
'
for po in $FILES; do
	IFS=$OLDIFS
	[ -n "$po" ] && checkone "$po"
done
IFS=$OLDIFS

cat "$TMP/out"
echo "po-check: $PROBLEMS problems"
[ "$PROBLEMS" -eq 0 ] || exit 1
exit 0
