#!/bin/sh
# Keep the column reference in docs/evidence-package.md equal to what
# `flexaudit schema` prints. Usage: docs-schema.sh BUILD_DIR [--update]
set -eu
B=$1
doc=docs/evidence-package.md
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.new"' EXIT
"$B/flexaudit" schema > "$tmp"
awk -v gen="$tmp" '
	/<!-- BEGIN SCHEMA/ { print; while ((getline l < gen) > 0) print l; skip = 1; next }
	/<!-- END SCHEMA/ { skip = 0 }
	!skip { print }
' "$doc" > "$tmp.new"
if [ "${2:-}" = "--update" ]; then
	cp "$tmp.new" "$doc"
elif ! cmp -s "$doc" "$tmp.new"; then
	echo "docs: $doc is out of date with the schema; run: sh scripts/docs-schema.sh $B --update"
	diff -u "$doc" "$tmp.new" | head -20
	exit 1
else
	echo "          docs: schema reference up to date"
fi
