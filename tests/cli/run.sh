#!/bin/sh
# End-to-end tests of the flexaudit binary, driven by data: every directory
# fixtures/cli/<case>/ holds
#   args      the arguments, one per line; @PKG@/NAME expands to
#             BUILD/packages/NAME.zip, @FIX@ to the fixtures directory,
#             @TMP@ to a scratch directory for this case
#   exit      the expected exit code
#   stderr    the exact expected standard error (absent: must be empty);
#             BUILD/packages/ in the output is compared as @PKG@/
#   stdout    the exact expected standard output (absent: not compared)
#   stdout.has  lines that must each appear in standard output
#   stdout.lacks  strings that must not appear in it anywhere
#   env       NAME=VALUE lines set in the environment of the run (absent:
#             the environment of the script)
# Adding a case needs no code. Usage: sh tests/cli/run.sh BUILD_DIR
set -u
B=${1:-build}
BIN=$B/flexaudit
FIX=fixtures
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for dir in "$FIX"/cli/*/; do
	name=$(basename "$dir")
	work="$tmp/$name"
	mkdir -p "$work/tmp"
	set --
	if [ -f "$dir/env" ]; then
		while IFS= read -r a || [ -n "$a" ]; do
			set -- "$@" "$a"
		done < "$dir/env"
	fi
	set -- "$@" "$BIN"
	while IFS= read -r a || [ -n "$a" ]; do
		a=$(printf '%s' "$a" | sed -e "s#@PKG@/\([A-Za-z0-9_.-]*\)#$B/packages/\1.zip#g" \
			-e "s#@FIX@#$FIX#g" -e "s#@TMP@#$work/tmp#g")
		set -- "$@" "$a"
	done < "$dir/args"
	env "$@" > "$work/out.raw" 2> "$work/err.raw"
	code=$?
	# Packages are named as the case wrote them, whatever the build dir.
	sed "s#$B/packages/#@PKG@/#g" "$work/err.raw" > "$work/err"
	sed "s#$B/packages/#@PKG@/#g" "$work/out.raw" > "$work/out"
	ok=1
	want=$(cat "$dir/exit")
	if [ "$code" != "$want" ]; then
		echo "FAIL $name: exit $code, expected $want"
		ok=0
	fi
	if [ -f "$dir/stderr" ]; then
		exp="$dir/stderr"
	else
		exp=/dev/null
	fi
	# Paths in messages are relative to the repository; compare as given.
	if ! diff -u "$exp" "$work/err" > "$work/diff"; then
		echo "FAIL $name: stderr differs"
		sed 's/^/    /' "$work/diff"
		ok=0
	fi
	if [ -f "$dir/stdout" ] && ! diff -u "$dir/stdout" "$work/out" > "$work/diff"; then
		echo "FAIL $name: stdout differs"
		sed 's/^/    /' "$work/diff"
		ok=0
	fi
	if [ -f "$dir/stdout.has" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			if ! grep -qF -- "$line" "$work/out"; then
				echo "FAIL $name: stdout lacks: $line"
				ok=0
			fi
		done < "$dir/stdout.has"
	fi
	if [ -f "$dir/stdout.lacks" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			if grep -qF -- "$line" "$work/out"; then
				echo "FAIL $name: stdout holds: $line"
				ok=0
			fi
		done < "$dir/stdout.lacks"
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "          cli: $pass passed, $fail failed"
[ $fail = 0 ]
