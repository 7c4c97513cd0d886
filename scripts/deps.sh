#!/bin/sh
# Installs the Debian packages Ethica needs to build, run and test, and only
# those that are missing. Idempotent; prints nothing when all are present.
# gdb: the HTTP harness prints the stacks of a server that will not stop.
set -eu

PKGS="build-essential pkg-config kore libssl-dev
libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15
libsodium-dev libmd4c-dev libmd4c-html0-dev libicu-dev gettext
libqrencode-dev libyaml-dev libcurl4-openssl-dev zlib1g-dev libzip-dev
clang nodejs npm chromium fonts-nanum fonts-wqy-microhei nginx-light wrk haproxy curl ca-certificates
default-jre-headless python3 gdb"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

# nodejs from another source already provides npm.
case " $missing " in
*" npm "*)
	if command -v npm >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ npm\b//')
	fi
	;;
esac
case " $missing " in
*" nodejs "*)
	if command -v node >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ nodejs\b//')
	fi
	;;
esac
case " $missing " in
*" nginx-light "*)
	if command -v nginx >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ nginx-light\b//')
	fi
	;;
esac

[ -z "$(echo "$missing" | tr -d ' ')" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "deps: installing$missing" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
