#!/bin/sh
# No evidence left behind: the temporary directory that holds the evidence
# database (names, BSNs, birth dates) must be gone after an audit is
# interrupted, and the process must end with the signal's own status.
#   - INT, HUP while the package loads, TERM while the rules run (threads),
#     PIPE while the report is written to a reader that has gone;
#   - KILL cannot be caught: the directory stays, and the next run removes
#     it, but not the directory of a run that is still going.
# Each case runs with a private TMPDIR so that its listing is known.
# usage: sh tests/cli/signals.sh BUILD_DIR
set -u
B=${1:-build}
BIN=$(pwd)/$B/flexaudit
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0

# A package large enough that loading and the rules take a second or more
# (1,000 workers, a year of weekly pay periods: about 0.9 MB zipped).
"$B/fa-gen" --workers 1000 --locations 100 --weeks 52 --seed 7 \
	-o "$tmp/src" > /dev/null || exit 1
(cd "$tmp/src" && find . -type f | LC_ALL=C sort | sed 's#^\./##' |
	zip -q -X -D -@ ../pkg.zip) || exit 1
pkg=$tmp/pkg.zip

# A background job of a script starts with SIGINT ignored, and flexaudit
# keeps an ignored signal ignored; env --default-signal (coreutils 8.31)
# gives the job the default disposition back, as a terminal would.
if env --default-signal=INT true 2> /dev/null; then
	restore="env --default-signal=INT,HUP,TERM,PIPE"
else
	restore=""
	echo "          signals: env --default-signal missing: INT not tested"
fi

ok() { pass=$((pass + 1)); }
bad() {
	echo "FAIL signals: $*"
	fail=$((fail + 1))
}

# The run's temporary directory under $1 once the package is loading into
# it: its database has passed 1 MiB. (Before, a run lints its rule sets in
# a scratch database of some 130 KiB, in a directory of its own.)
wait_dir() { # dir pid
	i=0
	while [ $i -lt 6000 ]; do
		for d in "$1"/flexaudit-*; do
			[ -f "$d/evidence.db" ] &&
				[ "$(wc -c 2> /dev/null < "$d/evidence.db" ||
					echo 0)" -gt 1048576 ] && {
				echo "$d"
				return 0
			}
		done
		kill -0 "$2" 2> /dev/null || return 1
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

# Wait until the process runs more than one thread (the rules), if the
# system shows threads in /proc; return 1 if it ended first.
wait_rules() { # pid
	[ -d "/proc/$1/task" ] || return 0
	i=0
	while [ $i -lt 6000 ]; do
		kill -0 "$1" 2> /dev/null || return 1
		[ "$(ls "/proc/$1/task" 2> /dev/null | wc -l)" -gt 1 ] && return 0
		sleep 0.01
		i=$((i + 1))
	done
	return 0
}

# one case: signal, when (load|rules), expected status
interrupt() {
	sig=$1
	when=$2
	want=$3
	t=$tmp/$sig
	mkdir -p "$t"
	if [ "$sig" = INT ] && [ -z "$restore" ]; then
		return
	fi
	TMPDIR=$t $restore "$BIN" audit "$pkg" -o "$tmp/$sig.txt" \
		2> "$t.err" &
	pid=$!
	if ! dir=$(wait_dir "$t" $pid); then
		bad "$sig: no temporary directory appeared"
		wait $pid
		return
	fi
	if [ "$when" = rules ] && ! wait_rules $pid; then
		bad "$sig: the audit ended before its rules ran"
	fi
	kill -s "$sig" $pid
	wait $pid 2> /dev/null
	code=$?
	if [ "$code" != "$want" ]; then
		bad "$sig: exit status $code, expected $want (128 + SIG$sig)"
	elif [ -e "$dir" ]; then
		bad "$sig: $dir is still there: $(ls -A "$dir" | tr '\n' ' ')"
	elif [ -n "$(ls -A "$t")" ]; then
		bad "$sig: left in TMPDIR: $(ls -A "$t" | tr '\n' ' ')"
	elif ls "$tmp/$sig.txt".* > /dev/null 2>&1; then
		bad "$sig: a half-written report is left: $(ls "$tmp/$sig.txt".*)"
	else
		ok
	fi
}

# statuses as the shell reports them: 128 + the signal's number
interrupt INT load $((128 + 2))
interrupt HUP load $((128 + 1))
interrupt TERM rules $((128 + 15))

# PIPE: the reader of the report is gone before the report is written (a
# small package whose -v report is some 60 KiB, more than stdio buffers).
t=$tmp/PIPE
mkdir -p "$t"
{
	TMPDIR=$t $restore "$BIN" audit "$B/packages/data_quality.zip" -v \
		2> "$t.err"
	echo $? > "$t.status"
} | true
if [ "$(cat "$t.status")" != $((128 + 13)) ]; then
	bad "PIPE: exit status $(cat "$t.status"), expected $((128 + 13))"
elif [ -n "$(ls -A "$t")" ]; then
	bad "PIPE: left in TMPDIR: $(ls -A "$t" | tr '\n' ' ')"
else
	ok
fi

# KILL leaves the directory; the next run removes it, and leaves alone the
# directory of a run that is still going (started first: a run sweeps when
# it starts).
t=$tmp/KILL
mkdir -p "$t/live" "$t/killed"
TMPDIR=$t/live "$BIN" audit "$pkg" -o "$tmp/live.txt" 2> /dev/null &
live=$!
TMPDIR=$t/killed "$BIN" audit "$pkg" -o "$tmp/killed.txt" 2> /dev/null &
pid=$!
if livedir=$(wait_dir "$t/live" $live) &&
	killed=$(wait_dir "$t/killed" $pid); then
	kill -s KILL $pid
	wait $pid 2> /dev/null
	code=$?
	[ "$code" = $((128 + 9)) ] || bad "KILL: exit status $code"
	# the same TMPDIR for both (the live run swept before this was made)
	mv "$killed" "$t/live/" && killed=$t/live/$(basename "$killed")
	[ -f "$killed/evidence.db" ] ||
		bad "KILL: the killed run's database is not there to sweep"
	# the next run: a quick one
	TMPDIR=$t/live "$BIN" inspect "$B/packages/minimal.zip" > /dev/null ||
		bad "KILL: the next run failed"
	if [ -e "$killed" ]; then
		bad "KILL: the next run left $killed"
	elif ! kill -0 $live 2> /dev/null; then
		bad "KILL: the live run ended before the next run swept"
	elif [ ! -f "$livedir/evidence.db" ]; then
		bad "KILL: the next run removed a live run's directory"
	else
		ok
	fi
	kill -s TERM $live
	wait $live 2> /dev/null
	[ -z "$(ls -A "$t/live")" ] ||
		bad "KILL: left after TERM: $(ls -A "$t/live" | tr '\n' ' ')"
else
	bad "KILL: no temporary directory appeared"
	kill -s TERM $live $pid 2> /dev/null
	wait
fi

echo "          signals: $pass passed, $fail failed"
[ $fail = 0 ]
