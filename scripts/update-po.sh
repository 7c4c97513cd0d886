#!/bin/sh
# Regenerates po/ethica.pot from the templates (ethica i18n pot) and the C
# sources (xgettext, keywords _ and N_), then merges it into every
# po/LANG.po so translators see new and changed strings.
set -eu
cd "$(dirname "$0")/.."
make -s build/ethica
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/ethica i18n pot > "$tmp/raw.pot"
msguniq --use-first --no-wrap "$tmp/raw.pot" -o "$tmp/tmpl.pot"
find src -name '*.c' | sort > "$tmp/files"
xgettext --from-code=UTF-8 --keyword=N_ --keyword=_ --keyword=i18n_ngettext:2,3 --language=C \
	--no-wrap --files-from="$tmp/files" -o "$tmp/c.pot"
msgcat --use-first --no-wrap "$tmp/tmpl.pot" "$tmp/c.pot" -o po/ethica.pot
for po in po/*.po; do
	[ -f "$po" ] || continue
	msgmerge --quiet --update --backup=none --no-wrap "$po" po/ethica.pot
done
echo "po/ethica.pot: $(grep -c '^msgid ' po/ethica.pot) msgids"
