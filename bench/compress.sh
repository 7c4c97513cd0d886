#!/bin/sh
# compress.sh: light on the wire (issue 20.3; run by `make bench`). The
# bytes a first visit transfers (the page, its stylesheet and script,
# gzipped as a browser asks) for the home page, a lesson and a case page
# (goal: at most 12 KB each), then the throughput of those pages gzipped
# against nginx serving the same bytes with `gzip on` (its default level
# 1, the types we compress), wrk -t2 -c32, ROUNDS interleaved rounds.
# Figures go to stdout and bench/results/compress.txt.
#
# Environment: see bench/lib.sh.

PORT_BASE=10000
. "$(dirname "$0")/lib.sh"
bench_init compress
LESSON=/courses/ethics-of-ai/lessons/what-ai-systems-are
CASE=/cases/amsterdam-algorithm-register

need wrk nginx curl gunzip
header "Ethica compression benchmark,"
say "wrk -t2 -c32 -d${DUR}s, $ROUNDS interleaved rounds, median; every request"
say "accepts gzip. wrk, nginx and Ethica share the same $(nproc) cores."

demo "$TMP/lite"
free_port PL
node lite "$PL" "$TMP/lite"
LITE=http://127.0.0.1:$PL

# first_visit PATH: bytes on the wire for the page and its assets.
first_visit()
{
	page=$(curl -s -H 'accept-encoding: gzip' -o "$TMP/page.gz" \
	    -w '%{size_download}' "$LITE$1")
	plain=$(gunzip -c "$TMP/page.gz" | wc -c)
	total=$page
	for a in $(gunzip -c "$TMP/page.gz" |
	    grep -o '\(href\|src\)="/static/[^"]*\.\(css\|js\)"' |
	    sed 's/.*="\(.*\)"/\1/'); do
		n=$(curl -s -H 'accept-encoding: gzip' -o /dev/null \
		    -w '%{size_download}' "$LITE$a")
		total=$((total + n))
	done
	say "  $1: page $page B ($plain B plain), with its CSS and JS" \
	    "$total B"
	row "first visit to $1, gzipped" "$total B" "<= 12288 B" \
	    "$([ "$total" -le 12288 ] && echo 1 || echo 0)"
}

say ""
say "A. A first visit, compressed:"
for p in / "$LESSON" "$CASE"; do
	first_visit "$p"
done

# nginx with gzip on, serving the pages Ethica serves.
mkdir -p "$TMP/nginx/www"
curl -s "$LITE/" >"$TMP/nginx/www/home.html"
curl -s "$LITE$LESSON" >"$TMP/nginx/www/lesson.html"
curl -s "$LITE$CASE" >"$TMP/nginx/www/case.html"
NGINX_HTTP_EXTRA="gzip on; gzip_types text/css application/javascript application/json text/csv application/atom+xml;"
nginx_start home.html=/ lesson.html="$LESSON" case.html="$CASE"
GZ=$ROOT/bench/gzip.lua
say ""
say "B. Pages gzipped (Ethica: from its page cache) vs nginx gzip on:"
bench b "ethica / gzip|$LITE/||$GZ" "nginx / gzip|$NGINX/||$GZ" \
    "ethica lesson gzip|$LITE$LESSON||$GZ" \
    "nginx lesson gzip|$NGINX$LESSON||$GZ" \
    "ethica case gzip|$LITE$CASE||$GZ" "nginx case gzip|$NGINX$CASE||$GZ"
for x in "home 1 2" "lesson 3 4" "case 5 6"; do
	set -- $x
	eval "a=\$M_$2 b=\$M_$3 p=\$P_$2"
	r=$(ratio "$a" "$b")
	row "$1 page gzipped vs nginx gzip on" \
	    "$r of nginx ($a vs $b req/s, p99 $p ms)" ">= 0.5" \
	    "$(awk -v r="$r" 'BEGIN { print (r >= 0.5) }')"
done
keep compress
