#!/bin/sh
# Bounded resources: hostile rules (fixtures/eval/resources.xml) under a
# short time limit per rule (--rule-timeout). A rule that takes too long
# is an error that says after how long, and the others still run; a text
# of a megabyte is cut in the findings. Each case gets its own TMPDIR,
# which must be empty afterwards (no evidence database left), and must end
# within 10 seconds.
# usage: sh tests/cli/resources.sh BUILD_DIR
set -u
B=${1:-build}
BIN=$B/flexaudit
PKG=$B/packages/minimal.zip
RULES=fixtures/eval/resources.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

bad() {
	echo "FAIL resources: $*"
	fail=$((fail + 1))
}

# run NAME ARGS...: the audit with a private TMPDIR; sets $code, $out,
# $err, $secs, and checks the TMPDIR is left empty and the time.
run() {
	name=$1
	shift
	t=$tmp/$name
	mkdir -p "$t/tmp"
	out=$t/out
	err=$t/err
	start=$(date +%s)
	TMPDIR=$t/tmp "$BIN" audit --rules "$RULES" "$@" "$PKG" \
		> "$out" 2> "$err"
	code=$?
	secs=$(($(date +%s) - start))
	ok=1
	if [ -n "$(ls -A "$t/tmp")" ]; then
		bad "$name: left in TMPDIR: $(ls -A "$t/tmp" | tr '\n' ' ')"
		ok=0
	fi
	if [ "$secs" -ge 10 ]; then
		bad "$name: took $secs s"
		ok=0
	fi
}

expect_code() { # want
	if [ "$code" != "$1" ]; then
		bad "$name: exit $code, expected $1"
		sed 's/^/    /' "$err"
		ok=0
	fi
}

expect_stderr() { # exact text
	printf '%s\n' "$1" > "$t/want"
	if ! diff -u "$t/want" "$err" > "$t/diff"; then
		bad "$name: stderr differs"
		sed 's/^/    /' "$t/diff"
		ok=0
	fi
}

expect_out() { # fixed string that standard output must hold
	if ! grep -qF -- "$1" "$out"; then
		bad "$name: stdout lacks: $1"
		ok=0
	fi
}

done_case() {
	[ $ok = 1 ] && pass=$((pass + 1))
}

# Texts of a megabyte per row: each finding keeps 4096 bytes of each, and
# says so; the message that names {observed} too.
x4096=$(head -c 4096 /dev/zero | tr '\0' x)
run huge_texts --rule RES-HUGE-TEXT -f json
expect_code 1
expect_out "\"observed\": \"$x4096… (truncated, 1000000 bytes)\""
expect_out "\"en\": \"Observed: $x4096… (truncated, 1000000 bytes)\""
if [ "$(grep -c 'truncated, 1000000 bytes' "$out")" != 15 ]; then
	# three rows: observed, expected, detail and both messages
	bad "$name: $(grep -c 'truncated, 1000000 bytes' "$out") cut texts, expected 15"
	ok=0
fi
if [ "$(wc -c < "$out")" -gt 200000 ]; then
	bad "$name: the report is $(wc -c < "$out") bytes"
	ok=0
fi
done_case

# A check whose steps are expensive (a megabyte formatted per row) is
# stopped by the time limit, not after tens of minutes by the step budget;
# the quick rule still runs. In Dutch, with a decimal comma.
run time_limit --rule RES-SLOW --rule RES-QUICK --rule-timeout 1 --lang nl
expect_code 1
if ! grep -qE '^       gestopt na [1-4],[0-9] s, de tijdslimiet per regel \(--rule-timeout 1\)$' "$out"; then
	bad "$name: no time-limit message in: $(grep -A1 RES-SLOW "$out")"
	ok=0
fi
expect_out "ERROR  RES-SLOW  *"
expect_out "  2026-06-30 B RES-QUICK                                1: member"
[ "$secs" -le 5 ] || {
	bad "$name: stopped after $secs s with a limit of 1"
	ok=0
}
done_case

run time_limit_en --rule RES-SLOW --rule-timeout 0.5
expect_code 4
if ! grep -qE '^       stopped after [0-9]+\.[0-9] s, the time limit per rule \(--rule-timeout 0\.5\)$' "$out"; then
	bad "$name: no time-limit message in: $(grep -A1 RES-SLOW "$out")"
	ok=0
fi
done_case

echo "          resources: $pass passed, $fail failed"
[ $fail = 0 ]
