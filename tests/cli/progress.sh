#!/bin/sh
# Progress on standard error only when it is a terminal: run an audit in a
# pseudo-terminal (script(1)) and check that the progress line appears and
# is cleared; the CLI cases check the other half (stderr not a terminal:
# nothing but errors).
# usage: sh tests/cli/progress.sh BUILD_DIR
set -eu
B=${1:-build}
out=$(mktemp)
rep=$(mktemp --suffix=.txt)
trap 'rm -f "$out" "$rep"' EXIT
script -qec "$B/flexaudit audit $B/packages/demo.zip -o $rep" /dev/null \
	> "$out" || [ $? -eq 1 ]
for want in 'flexaudit: loading the package' 'flexaudit: rule 1 of ' \
	'flexaudit: writing the report'; do
	if ! grep -q "$want" "$out"; then
		echo "FAIL progress: no '$want' on a terminal" >&2
		exit 1
	fi
done
# the line is cleared at the end (carriage return, erase to end of line)
if ! tail -c 16 "$out" | od -c | grep -q '\\r 033   \[   K'; then
	echo "FAIL progress: the progress line is not cleared" >&2
	exit 1
fi
echo "          progress: shown on a terminal and cleared"
