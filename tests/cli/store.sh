#!/bin/sh
# The audit store from the command line: audit --store, runs and report
# RUN with their exit codes and exact messages; the store's mode and
# personal data; an audit that fails leaves no store; two audits stored
# at once both land; flexaudit killed at random moments while it audits
# and stores leaves every earlier run intact and no half run. Every store
# passes SQLite's integrity check at the end.
# usage: sh tests/cli/store.sh BUILD_DIR (FA_STORE_KILLS: how many audits
# to kill, default 8)
set -u
B=${1:-build}
F=$(cd "$(dirname "$B/flexaudit")" && pwd)/flexaudit
DEMO=$(cd "$B/packages" && pwd)/demo.zip
BAD=$(cd "$B/packages" && pwd)/bad_date.zip
BOUNDS=$(cd "$B/packages" && pwd)/money_bounds.zip
WORKERS=$(pwd)/fixtures/packages/demo/workers.csv
JUDGED=$(pwd)/fixtures/store/judgements-demo.csv
WAIVERS=$(pwd)/fixtures/store/waivers-money-bounds.xml
# the bundled rule sets, wherever the binary under test is (build/asan/
# has no rules/ beside it) and whatever the working directory
FLEXAUDIT_RULES=$(pwd)/rules
export FLEXAUDIT_RULES
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
fails=0
bad() { echo "FAIL store: $*"; fails=$((fails + 1)); }
unset FLEXAUDIT_STORE

# run: the exit code expected, then the command; stdout and stderr kept
run() {
	want=$1
	shift
	"$@" > out 2> err
	code=$?
	[ "$code" = "$want" ] || bad "$*: exit $code, expected $want ($(cat err))"
}
# the last line of stderr is exactly this
says() {
	[ "$(tail -n 1 err)" = "$1" ] || bad "stderr '$(tail -n 1 err)', expected '$1'"
}
sql() { sqlite3 -readonly "$1" "$2"; }
intact() {
	[ "$(sql "$1" 'PRAGMA integrity_check')" = ok ] ||
		bad "$1: integrity check: $(sql "$1" 'PRAGMA integrity_check')"
}
# no run is half: each has as many findings as its row says
whole_runs() {
	half=$(sql "$1" "SELECT count(*) FROM runs r WHERE r.n_findings <>
	    (SELECT count(*) FROM findings f WHERE f.run = r.id)
	    OR NOT EXISTS (SELECT 1 FROM rule_runs u WHERE u.run = r.id)")
	[ "$half" = 0 ] || bad "$1: $half runs without all their rows"
}

# ---- audit --store, runs, report ---------------------------------------
run 1 "$F" audit "$DEMO" --store s.db -o a.html -o a.json -o a.txt \
    --generated-at 2026-12-07T10:00:00Z
says "flexaudit: stored as run 1 in 's.db'"
[ "$(stat -c %a s.db)" = 600 ] || bad "s.db has mode $(stat -c %a s.db)"
[ "$(sql s.db 'SELECT count(*) FROM run_reports')" = 3 ] ||
	bad "run 1 does not record its three report files"
[ "$(sql s.db "SELECT sha256 FROM run_reports WHERE path = 'a.json'")" = \
  "$(sha256sum a.json | cut -d ' ' -f 1)" ] ||
	bad "run 1 records another SHA-256 for a.json"

FLEXAUDIT_STORE=s.db run 1 "$F" audit "$DEMO" --mode inspection --seed 7 \
    --lang nl -o b.html --generated-at 2026-12-07T11:00:00Z
says "flexaudit: stored as run 2 in 's.db'"

run 0 "$F" runs --store s.db
[ "$(wc -l < out)" = 3 ] || bad "runs: $(wc -l < out) lines, expected 3"
# the member as the demo's manifest names it, the newest run first
sed -n 2p out | grep -q '^2 .* inspection .*Voorbeeld Uitzendgroep B.V. (KvK 90412376, ABU-04711)$' ||
	bad "runs: second line '$(sed -n 2p out)'"
run 0 "$F" runs --store s.db --lang nl
sed -n 2p out | grep -q '^2 .* inspectie  *negatief .*Voorbeeld Uitzendgroep B.V. (KvK 90412376, ABU-04711)$' ||
	bad "runs --lang nl: second line '$(sed -n 2p out)'"
run 0 "$F" runs --store s.db --member 12345678
[ "$(cat out)" = "no runs of that member" ] || bad "runs --member: '$(cat out)'"
run 0 "$F" runs --store s.db --member ABU-04711
[ "$(wc -l < out)" = 3 ] || bad "runs --member ABU-04711: $(wc -l < out) lines"

# the report again: the same bytes, the audit's exit code
run 1 "$F" report 1 --store s.db -o r.html -o r.json -o r.txt
cmp -s a.html r.html || bad "report 1: HTML differs from the audit's"
cmp -s a.json r.json || bad "report 1: JSON differs from the audit's"
cmp -s a.txt r.txt || bad "report 1: text differs from the audit's"
FLEXAUDIT_STORE=s.db run 1 "$F" report 2 --lang nl -o r2.html
cmp -s b.html r2.html || bad "report 2: HTML differs from the audit's"

# ---- refusals ------------------------------------------------------------
run 2 "$F" report 9 --store s.db
says "flexaudit: no run 9 in store 's.db': 'flexaudit runs' lists them"
run 2 "$F" report x --store s.db
[ "$(head -n 1 err)" = "flexaudit: invalid run 'x': give a run's number ('flexaudit runs' lists them)" ] ||
	bad "report x: '$(head -n 1 err)'"
run 2 "$F" runs
[ "$(head -n 1 err)" = "flexaudit: no store: give --store FILE or set FLEXAUDIT_STORE" ] ||
	bad "runs without a store: '$(head -n 1 err)'"
run 2 "$F" runs --store none.db
says "flexaudit: no store 'none.db': give an existing store, or store an audit in it first (audit --store)"
[ -e none.db ] && bad "runs made none.db"
echo "not a store" > text.db
run 3 "$F" runs --store text.db
says "flexaudit: 'text.db' is not a flexaudit store: it is not an SQLite database; give a new file or a store that audit --store made"
run 2 "$F" report 1 --store s.db --reveal-personal-data
says "flexaudit: run 1 was stored without personal data: a store keeps it only when created with --reveal-personal-data"
run 2 "$F" report 1 --store s.db -o s.db
[ "$(sql s.db 'SELECT count(*) FROM runs')" = 2 ] || bad "-o s.db harmed the store"

# an audit that fails makes no store and leaves none
run 3 "$F" audit "$BAD" --store new.db
[ -e new.db ] && bad "a failed audit left new.db"

# ---- judgements ----------------------------------------------------------
# run 1 of s.db: the three judgements of the demo's worksheet (one
# deviation of a major rule, one accepted, one not applicable)
a1=$(sed -n 's/^A-deviations: *\([0-9]*\) requirements not met, \([0-9]*\) subjects.*/\2/p' a.txt)
run 0 "$F" judge 1 --store s.db --judgements "$JUDGED"
says "flexaudit: recorded 3 judgements of run 1 from '$JUDGED'; 0 name no open finding of the run (its report lists them); 0 rows without a verdict skipped"
run 1 "$F" report 1 --store s.db -o j.txt
grep -q '^judged: *1 accepted, 1 deviations, 1 not applicable$' j.txt ||
	bad "report 1 after judging: no 'judged:' line"
a2=$(sed -n 's/^A-deviations: *\([0-9]*\) requirements not met, \([0-9]*\) subjects.*/\2/p' j.txt)
[ "$a2" = $((a1 + 1)) ] || bad "judged deviation: $a2 A-subjects, expected $((a1 + 1))"
run 2 "$F" judge 1 FEC-INTERVIEW-APPLIED/90412376 --store s.db --verdict accept --by X
says "flexaudit: command line: no note for 'FEC-INTERVIEW-APPLIED/90412376': say why (--note)"
run 0 "$F" judge 1 NO-SUCH/KEY --store s.db --verdict accept --note n --by X
says "flexaudit: run 1 has no open finding 'NO-SUCH/KEY': the judgement is kept and its report lists it"
printf 'key,verdict,note\nX/1,maybe,n\n' > bad.csv
run 3 "$F" judge 1 --store s.db --judgements bad.csv --by X
[ "$(head -n 1 err)" = "flexaudit: bad.csv:2: unknown verdict 'maybe': give accept, deviation or not-applicable (akkoord, afwijking, niet-van-toepassing)" ] ||
	bad "judgements file: '$(head -n 1 err)'"
[ "$(sql s.db 'SELECT count(*) FROM judgements')" = 4 ] ||
	bad "judgements: $(sql s.db 'SELECT count(*) FROM judgements') recorded, expected 4"

# ---- waivers ---------------------------------------------------------------
# money_bounds: one A-deviation (CAO-38-AUTHORISATION of W0001), waived by
# fixtures/store/waivers-money-bounds.xml; tables are missing, so the
# verdict with the waiver is incomplete
run 1 "$F" audit "$BOUNDS" --store w.db -o w1.txt
run 0 "$F" waive "$WAIVERS" --store w.db
says "flexaudit: recorded 1 waivers for KvK 87654321 from '$WAIVERS' (replacing the member's earlier ones)"
run 1 "$F" report 1 --store w.db -o w2.txt
grep -q '^verdict: *negative (A-deviations)$' w2.txt || bad "waived: the verdict without waivers changed"
grep -q '^with waivers: *incomplete: not everything was checked$' w2.txt ||
	bad "waived: no 'with waivers: incomplete' line"
grep -q '^  W-2025-11  CAO-38-AUTHORISATION  active 2025-11-01 to 2026-04-30; 1 findings waived$' w2.txt ||
	bad "waived: W-2025-11 not listed as waiving one finding"
run 1 "$F" report 1 --store w.db -f csv -o w2.csv
[ "$(python3 -c 'import csv,sys; print(";".join(r["key"] for r in csv.DictReader(open(sys.argv[1])) if r["waiver"] == "W-2025-11"))' w2.csv)" = \
  "CAO-38-AUTHORISATION/W0001" ] || bad "waived: the CSV report does not name the waiver on its finding"
# the next audit of the member shows them at once
run 1 "$F" audit "$BOUNDS" --store w.db -o w3.txt
grep -q '^with waivers: *incomplete' w3.txt || bad "audit --store: no waivers"
printf '<waivers/>\n' > bad.xml
run 3 "$F" waive bad.xml --store w.db
says "flexaudit: no waiver of 'bad.xml' recorded"

# ---- personal data -------------------------------------------------------
# a BSN and a name of the demo's first worker, from its workers.csv
bsn=$(sed -n 2p "$WORKERS" | cut -d ';' -f 6)
name=$(sed -n 2p "$WORKERS" | cut -d ';' -f 2)
run 1 "$F" audit "$DEMO" --store s.db --reveal-personal-data -o p.html
grep -a -q -e "$bsn" -e "$name" s.db s.db-wal 2> /dev/null &&
	bad "a store without personal data holds '$bsn' or '$name'"
run 1 "$F" audit "$DEMO" --store p.db --reveal-personal-data -o p.json
[ "$(sql p.db "SELECT bsn FROM run_people WHERE name = '$name'")" = "$bsn" ] ||
	bad "a store with personal data lacks $name's BSN"
[ "$(sql p.db 'SELECT count(*) FROM run_people')" = \
  "$(($(wc -l < "$WORKERS") - 1))" ] || bad "p.db: not every worker kept"
run 1 "$F" report 1 --store p.db --reveal-personal-data -o rp.json
cmp -s p.json rp.json || bad "report with personal data differs"

# ---- diff: a repaired package --------------------------------------------
# the demo with one bunk bed removed (room L04-S1, the demo's deliberate
# SNF-02), packed again: exactly that deviation is resolved, nothing new
mkdir rep && (cd rep && unzip -q "$DEMO")
sed -i 's/^L04-S1;L04;bedroom;11,8;;3;1;/L04-S1;L04;bedroom;11,8;;3;0;/' rep/rooms.csv
grep -q '^L04-S1;L04;bedroom;11,8;;3;0;' rep/rooms.csv || bad "rep: rooms.csv not edited"
run 0 "$F" pack rep -o rep.zip
run 1 "$F" audit "$DEMO" --store d.db -o d1.json
run 1 "$F" audit rep.zip --store d.db -o d2.json
open=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(c["fail"] + c["review"])' d1.json)
run 0 "$F" diff 1 2 --store d.db
[ "$(sed -n 2p out)" = "new 0, resolved 1, persisting $((open - 1)), changed 0, not rechecked 0" ] ||
	bad "diff 1 2: '$(sed -n 2p out)'"
grep -q '^  resolved       SNF-2.3-BUNK-BEDS/L04-S1: fail (major) "1 bunk beds" → pass' out ||
	bad "diff 1 2: the bunk bed is not listed as resolved"
run 0 "$F" diff d1.json d2.json
[ "$(sed -n 2p out)" = "new 0, resolved 1, persisting $((open - 1)), changed 0, not rechecked 0" ] ||
	bad "diff of the JSON reports: '$(sed -n 2p out)'"
run 2 "$F" diff 1 3 --store d.db
says "flexaudit: no run 3 in store 'd.db': 'flexaudit runs' lists them"

# ---- two writers at once -------------------------------------------------
before=$(sql s.db 'SELECT count(*) FROM runs')
"$F" audit "$DEMO" --store s.db -o c1.json > /dev/null 2> e1 &
p1=$!
"$F" audit "$DEMO" --store s.db -o c2.json > /dev/null 2> e2 &
p2=$!
wait $p1
c1=$?
wait $p2
c2=$?
[ "$c1" = 1 ] && [ "$c2" = 1 ] || bad "two at once: exits $c1 and $c2 ($(cat e1 e2))"
[ "$(sql s.db 'SELECT count(*) FROM runs')" = $((before + 2)) ] ||
	bad "two at once: $(sql s.db 'SELECT count(*) FROM runs') runs, expected $((before + 2))"
intact s.db
whole_runs s.db

# ---- kill -9 at random moments -------------------------------------------
# an audit with --all writes the most rows; its duration, measured once,
# places the kills from the rules through the reports and the store (the
# unit test kills a writer at rows drawn over a whole run)
t0=$(date +%s%N)
"$F" audit "$DEMO" --store k.db --all -o k.json > /dev/null 2>&1
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000 + 1))
i=0
kills=${FA_STORE_KILLS:-8}
while [ $i -lt "$kills" ]; do
	before=$(sql k.db 'SELECT count(*) FROM runs')
	"$F" audit "$DEMO" --store k.db --all -o k.json > /dev/null 2>&1 &
	pid=$!
	# a moment from 60 % to 110 % of the measured run
	delay=$(awk -v ms="$ms" -v s="$i" 'BEGIN { srand(s + 1);
	    printf "%.3f", ms * (0.6 + 0.5 * rand()) / 1000 }')
	sleep "$delay"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	after=$(sql k.db 'SELECT count(*) FROM runs')
	[ "$after" = "$before" ] || [ "$after" = $((before + 1)) ] ||
		bad "kill $i: $before runs before, $after after"
	intact k.db
	whole_runs k.db
	[ ! -e k.json ] || python3 -c 'import json,sys; json.load(open(sys.argv[1]))' k.json ||
		bad "kill $i: k.json is not whole"
	i=$((i + 1))
done
runs_k=$(sql k.db 'SELECT count(*) FROM runs')
# every run that landed writes its report again
n=1
while [ $n -le "$runs_k" ]; do
	"$F" report $n --store k.db -f json > /dev/null 2> err
	code=$?
	[ "$code" = 1 ] || bad "report $n of k.db: exit $code ($(cat err))"
	n=$((n + 1))
done
intact s.db
intact p.db

if [ $fails -ne 0 ]; then
	echo "store: $fails failed"
	exit 1
fi
echo "          store: audit --store, runs, report RUN, judge, waive, diff, refusals, personal data, two writers, $kills kills ($runs_k of $((kills + 1)) runs landed)"
