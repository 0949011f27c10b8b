#!/bin/sh
# Allocation failure, one at a time: a fixed audit (the package loaded, the
# rules run, the report written as text, JSON, CSV and HTML and the action
# plan as CSV and XLSX at once) is
# run with its Nth allocation failed (tests/faults/shim.c), for N = the
# first allocations of every call chain in flexaudit's code that
# allocates, and every FAULTS_STRIDE-th allocation. Every run must end
# either
#   - in exit 4, every line on standard error "flexaudit: ...", one of
#     them saying "out of memory", no report and no temporary report file
#     left; or
#   - as the run without a failure ends (the failure was absorbed: a cache
#     that is not needed): the same exit code, standard error and reports;
# and in both: no sanitizer report (AddressSanitizer, LeakSanitizer,
# UBSan: build with make faults), nothing left in TMPDIR. An allocation
# that libxml2 makes while it compiles or applies an XSD is counted but
# not failed (libxml2 2.9.14 does not survive it: see shim.c); such a
# run must end as the one without a failure.
# The rules run on one thread (FLEXAUDIT_THREADS=1), and time() is fixed
# in the test binary, so that the Nth allocation is the same one in every
# run.
#
# usage: sh tests/faults/run.sh BUILD_DIR
#   FAULTS_STRIDE=K   every Kth allocation too (default 1: all of them)
#   FAULTS_PER_CHAIN=C  the first C allocations of each call chain
#                     (default 2: the second of a chain often takes
#                     another path, such as growing what the first made)
#   FAULTS_PERSIST=1  fail every allocation from the Nth on, not just it
#   FAULTS_JOBS=J     runs at a time (default 2)
#   FAULTS_KEEP=1     keep the work directory (the list of results, the
#                     failed runs) and say where
set -u

if [ "${1:-}" = --one ]; then
	# one run: --one WORK N; prints "error N", "same N" or "FAIL N: ..."
	W=$2
	N=$3
	. "$W/case"
	d=$W/run.$N
	rm -rf "$d"
	mkdir -p "$d/tmp" "$d/out"
	TMPDIR=$d/tmp FA_FAULT_NTH=$N FA_FAULT_REPORT=$d/report \
		"$BIN" $ARGS -o "$d/out/r.txt" -o "$d/out/r.json" \
		-o "$d/out/r.csv" -o "$d/out/r.html" -o "$d/out/r.plan.csv" \
		-o "$d/out/r.xlsx" > "$d/stdout" 2> "$d/stderr"
	code=$?
	why=""
	if [ ! -f "$d/report" ]; then
		why="exit $code without reaching exit() (a crash?)"
	elif grep -qE 'Sanitizer|runtime error:' "$d/stderr"; then
		why="a sanitizer report"
	elif [ -n "$(ls -A "$d/tmp")" ]; then
		why="left in TMPDIR: $(ls -A "$d/tmp" | tr '\n' ' ')"
	elif ! grep -q '^failed ' "$d/report"; then
		# spared (see shim.c), or fewer allocations than counted
		cmp -s "$d/stderr" "$W/base/stderr" && [ "$code" = "$BASE" ] ||
			why="no allocation failed, and the run differs"
	elif [ "$code" = 4 ]; then
		if [ -n "$(ls -A "$d/out")" ]; then
			why="exit 4, but left: $(ls -A "$d/out" | tr '\n' ' ')"
		elif ! grep -q 'out of memory' "$d/stderr"; then
			why="exit 4 without 'out of memory'"
		elif grep -qv '^flexaudit: ' "$d/stderr"; then
			why="a line on standard error not from flexaudit"
		fi
	elif [ "$code" = "$BASE" ]; then
		for f in r.txt r.json r.csv r.html r.plan.csv r.xlsx; do
			cmp -s "$d/out/$f" "$W/base/out/$f" ||
				why="exit $code, but $f differs"
		done
		cmp -s "$d/stderr" "$W/base/stderr" ||
			why="exit $code, but standard error differs"
		[ -z "$why" ] && [ -n "$(ls -A "$d/out" | grep -v '^r\.[a-z.]*$')" ] &&
			why="left: $(ls -A "$d/out" | tr '\n' ' ')"
	else
		why="exit $code"
	fi
	if [ -z "$why" ]; then
		if grep -q '^spared ' "$d/report" &&
			! grep -q '^failed ' "$d/report"; then
			sed -n 's/^spared /spared /p' "$d/report"
		elif [ "$code" = 4 ]; then
			echo "error $N"
		else
			echo "same $N $(sed -n 's/^failed .* //p' "$d/report")"
		fi
		rm -rf "$d"
		exit 0
	fi
	site=$(sed -n 's/^failed [0-9]* //p' "$d/report" 2> /dev/null)
	echo "FAIL $N: $why"
	if [ -n "$site" ]; then
		echo "$site" | tr '/' '\n' | head -4 |
			addr2line -f -i -p -e "$BIN" | sed 's#^#    at #'
	fi
	head -5 "$d/stderr" | sed 's/^/    stderr: /'
	exit 0
fi

B=${1:-build}
BIN=$(pwd)/$B/flexaudit-faults
if [ ! -x "$BIN" ]; then
	echo "FAIL faults: no $BIN (make faults builds it)"
	exit 1
fi
STRIDE=${FAULTS_STRIDE:-1}
PER_CHAIN=${FAULTS_PER_CHAIN:-2}
JOBS=${FAULTS_JOBS:-2}
work=$(mktemp -d)
if [ "${FAULTS_KEEP:-0}" = 1 ]; then
	echo "          faults: runs kept in $work"
else
	trap 'rm -rf "$work"' EXIT
fi
export FLEXAUDIT_THREADS=1
export ASAN_OPTIONS=detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:exitcode=86
[ "${FAULTS_PERSIST:-0}" = 1 ] && export FA_FAULT_PERSIST=1

# The audit: a package with every kind of table and data-quality problems,
# the evidence rules (deviations: exit 1), every report format.
ARGS="audit $B/packages/data_quality.zip --rules rules/evidence-2026.3.xml \
--generated-at 2026-01-01T00:00:00Z"
cat > "$work/case" << EOF
BIN='$BIN'
ARGS='$ARGS'
EOF

# the run without a failure: the allocations and their call chains
mkdir -p "$work/base/tmp" "$work/base/out"
TMPDIR=$work/base/tmp FA_FAULT_REPORT=$work/base/report \
	FA_FAULT_SITES=$work/base/sites "$BIN" $ARGS \
	-o "$work/base/out/r.txt" -o "$work/base/out/r.json" \
	-o "$work/base/out/r.csv" -o "$work/base/out/r.html" \
	-o "$work/base/out/r.plan.csv" -o "$work/base/out/r.xlsx" \
	> /dev/null 2> "$work/base/stderr"
BASE=$?
if [ "$BASE" -gt 1 ] || [ ! -f "$work/base/report" ]; then
	echo "FAIL faults: the audit without a failure exits $BASE"
	cat "$work/base/stderr"
	exit 1
fi
echo "BASE=$BASE" >> "$work/case"
total=$(sed -n 's/^calls //p' "$work/base/report")
chains=$(awk '{print $2}' "$work/base/sites" | sort -u | wc -l)
awk -v k="$STRIDE" -v c="$PER_CHAIN" \
	'seen[$2]++ < c || ($1 - 1) % k == 0 {print $1}' \
	"$work/base/sites" > "$work/list"
runs=$(wc -l < "$work/list")
if [ "$STRIDE" = 1 ]; then every="every allocation"; else
	every="the first $PER_CHAIN of each chain and every ${STRIDE}th"; fi
echo "          faults: $total allocations in $chains call chains;" \
	"$runs runs ($every${FA_FAULT_PERSIST:+, failing from the Nth on})"

xargs -P "$JOBS" -n 1 sh "$0" --one "$work" < "$work/list" > "$work/results"
errors=$(grep -c '^error ' "$work/results")
same=$(grep -c '^same ' "$work/results")
same_own=$(grep -c '^same .* own$' "$work/results")
spared=$(grep -c '^spared ' "$work/results")
failed=$(grep -c '^FAIL ' "$work/results")
grep -v '^error \|^same \|^spared ' "$work/results"
inside=$(awk '/^spared /{print $3}' "$work/results" | sort -u | tr '\n' ' ')
echo "          faults: $errors clean out-of-memory errors, $same absorbed" \
	"($same_own of them flexaudit's own allocations)," \
	"$spared not failed${inside:+ (in libxml2's ${inside% })}," \
	"$failed failed"
[ "$failed" = 0 ]
