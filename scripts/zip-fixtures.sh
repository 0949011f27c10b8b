#!/bin/sh
# Zip every fixture package source directory fixtures/packages/<name>/ into
# BUILD_DIR/packages/<name>.zip, reproducibly: the same tree always gives a
# byte-identical zip.
#
# Each directory is copied to a scratch directory first. There:
#   - README.md (the fixture's description) is left out;
#   - manifest.in.xml, if present, becomes manifest.xml: every
#     sha256="@" is replaced by the SHA-256 of the file named by the path=
#     attribute on the same line (other hashes are kept as written, so a
#     fixture can carry a deliberately wrong one);
#   - every file gets mode 644 and the mtime 2026-01-01 00:00 UTC.
# The files are then zipped in C-locale sorted order without directory
# entries or extra attributes (zip -X -D), with TZ=UTC because zip stores
# local time.
#
# Usage: sh scripts/zip-fixtures.sh BUILD_DIR
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh scripts/zip-fixtures.sh BUILD_DIR" >&2
	exit 2
fi
B=$1
SRC=fixtures/packages
OUT=$B/packages
TZ=UTC
export TZ

if [ ! -d "$SRC" ]; then
	echo "zip-fixtures: cannot find '$SRC' (run from the top directory)" >&2
	exit 1
fi
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Write manifest.xml from manifest.in.xml in the current directory.
fill_manifest() {
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		*'sha256="@"'*)
			p=$(printf '%s\n' "$line" | sed -n 's/.*path="\([^"]*\)".*/\1/p')
			if [ -z "$p" ] || [ ! -f "$p" ]; then
				echo "zip-fixtures: $1: cannot hash '$p': no such file" >&2
				return 1
			fi
			h=$(sha256sum "$p" | cut -d' ' -f1)
			printf '%s\n' "$line" | sed "s/sha256=\"@\"/sha256=\"$h\"/"
			;;
		*)
			printf '%s\n' "$line"
			;;
		esac
	done < manifest.in.xml > manifest.xml
	rm -f manifest.in.xml
}

n=0
for dir in "$SRC"/*/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	case $name in __*) continue ;; esac # e.g. Python's __pycache__
	work=$tmp/$name
	mkdir -p "$work"
	cp -R "$dir". "$work"/
	rm -f "$work/README.md"
	if [ -f "$work/manifest.in.xml" ]; then
		(cd "$work" && fill_manifest "$name")
	fi
	find "$work" -type f -exec chmod 644 {} +
	find "$work" -exec touch -t 202601010000 {} +
	rm -f "$tmp/$name.zip"
	(cd "$work" && find . -type f | LC_ALL=C sort | sed 's#^\./##' |
		zip -X -D -q "../$name.zip" -@)
	mv "$tmp/$name.zip" "$OUT/$name.zip"
	rm -rf "$work"
	n=$((n + 1))
done
echo "  ZIP     $n packages in $OUT"
