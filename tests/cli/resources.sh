#!/bin/sh
# Bounded resources: hostile rules (fixtures/eval/resources.xml) under a
# small memory limit (--max-memory 64M: SQLite may use 16M, the findings
# kept 32M, one rule 6,250 findings) and a short time limit per rule
# (--rule-timeout). A run that needs more memory ends with exit 4 and one
# message naming the rule and the limit, and a hint how to raise it; a
# rule that takes too long, or keeps too many findings, is an error and
# the others still run. Each case gets its own TMPDIR, which must be empty
# afterwards (no evidence database left), and must end within 10 seconds.
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

# A rule whose check builds one value of 100 MB: SQLite may hold 16M.
run sqlite_heap --rule RES-HUGE-CONCAT --max-memory 64M -o "$tmp/r1.txt"
expect_code 4
expect_stderr "flexaudit: rule 'RES-HUGE-CONCAT': out of memory: SQLite reached its share of the memory limit (16M of 64M)
flexaudit: the memory limit is 64M: raise it with --max-memory, e.g. --max-memory 128M"
if ls "$tmp"/r1.txt* > /dev/null 2>&1; then
	bad "$name: a report was written: $(ls "$tmp"/r1.txt*)"
	ok=0
fi
done_case

# The same check under the default limit (2G: SQLite may hold 512M) runs
# (exit 5: one rule chosen, so the audit is incomplete, but not 4).
run sqlite_heap_default --rule RES-HUGE-CONCAT
expect_code 5
expect_out "findings: 1 pass, 0 fail"
done_case

# 20,000 findings of 12 KB each: more than the 32M the findings may take.
run findings_budget --rule RES-BIG-FINDINGS --max-memory 64M
expect_code 4
expect_stderr "flexaudit: rule 'RES-BIG-FINDINGS': out of memory: the findings kept reached their share of the memory limit (32M of 64M)
flexaudit: the memory limit is 64M: raise it with --max-memory, e.g. --max-memory 128M"
done_case

# Texts of a megabyte per row: each finding keeps 4096 bytes of each, and
# says so; the message that names {observed} too.
x4096=$(head -c 4096 /dev/zero | tr '\0' x)
run huge_texts --rule RES-HUGE-TEXT --max-memory 64M -f json
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

# 7,000 findings of one rule, 6,250 allowed under 64M: that rule is an
# error, the quick rule after it still runs (and fails: exit 1).
run too_many_findings --rule RES-MANY-FINDINGS --rule RES-QUICK \
	--max-memory 64M
expect_code 1
expect_out "ERROR  RES-MANY-FINDINGS  *
       more than 6250 findings, the most one rule may keep with --max-memory 64M (100000 per GiB)"
expect_out "  2026-06-30 B RES-QUICK                                      1: member"
expect_out "  - 1 rule could not run or returned an invalid outcome (see the errors)"
expect_out "verdict:  incomplete: not everything was checked (see not checked)"
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
expect_out "FOUT   RES-SLOW  *"
expect_out "  2026-06-30 B RES-QUICK                                      1: member"
[ "$secs" -le 5 ] || {
	bad "$name: stopped after $secs s with a limit of 1"
	ok=0
}
done_case

# no deviation, one rule in error: incomplete, exit 5
run time_limit_en --rule RES-SLOW --rule-timeout 0.5
expect_code 5
if ! grep -qE '^       stopped after [0-9]+\.[0-9] s, the time limit per rule \(--rule-timeout 0\.5\)$' "$out"; then
	bad "$name: no time-limit message in: $(grep -A1 RES-SLOW "$out")"
	ok=0
fi
done_case

echo "          resources: $pass passed, $fail failed"
[ $fail = 0 ]
