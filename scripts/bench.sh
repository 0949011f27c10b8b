#!/bin/sh
# make bench: build the 50,000-worker package (once), then time
# `flexaudit inspect` on it against a floor: `unzip -p PKG > /dev/null` plus
# loading the same CSVs with the sqlite3 shell's .import into a scratch
# database with the same pragmas (journal off, synchronous off).
# Targets: inspect <= 1.5 x floor, peak RSS <= 300 MiB.
set -eu
B=${1:-build}
W=${BENCH_WORKERS:-50000}
L=${BENCH_LOCATIONS:-5000}
R=${BENCH_ROOMS:-20000}
dir=$B/bench
pkg=$dir/bench-$W.zip
M=$B/measure
mkdir -p "$dir"

if [ ! -f "$pkg" ]; then
	echo "generating: $W workers, $L locations, $R rooms, 52 weeks"
	rm -rf "$dir/src"
	"$M" "$B/fa-gen" --workers "$W" --locations "$L" --rooms "$R" \
		--weeks 52 --seed 1 -o "$dir/src" 2> "$dir/gen.time"
	echo "  generated in $(cut -d' ' -f1 "$dir/gen.time") s"
	(cd "$dir/src" && find . -type f | LC_ALL=C sort | sed 's#^\./##' |
		zip -q -X -D -@ "../$(basename "$pkg")")
fi
rows=$(unzip -p "$pkg" pay-periods.csv 2>/dev/null | wc -l || echo 0)
size=$(wc -c < "$pkg")
usize=$(unzip -l "$pkg" | tail -1 | awk '{print $1}')
echo "package: $pkg"
echo "  $(echo "$size" | awk '{printf "%.1f MiB", $1/1048576}') zipped, $(echo "$usize" | awk '{printf "%.1f MiB", $1/1048576}') uncompressed, $((rows - 1)) pay rows"

run() { # label, command...
	label=$1
	shift
	"$M" "$@" 2> "$dir/m.txt" > /dev/null || true
	tail -1 "$dir/m.txt"
}

# flexaudit inspect, best of 3
best=""
for i in 1 2 3; do
	set -- $(run inspect "$B/flexaudit" inspect "$pkg")
	[ "$3" = 0 ] || { echo "inspect failed (exit $3)"; "$B/flexaudit" inspect "$pkg" | tail -5; exit 1; }
	if [ -z "$best" ] || awk "BEGIN{exit !($1 < $best)}"; then best=$1; rss=$2; fi
done

# floor: unzip to /dev/null, and sqlite3 .import of the extracted CSVs
rm -rf "$dir/csv" && mkdir -p "$dir/csv"
(cd "$dir/csv" && unzip -q "../$(basename "$pkg")" '*.csv')
script=$dir/import.sql
{
	echo "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	for f in "$dir"/csv/*.csv; do
		t=$(basename "$f" .csv | tr '-' '_')
		sep=,
		head -1 "$f" | grep -q ';' && sep=';'
		echo ".mode csv"
		echo ".separator \"$sep\""
		echo ".import \"$f\" $t"
	done
} > "$script"
bestf=""
for i in 1 2 3; do
	rm -f "$dir/floor.db"
	set -- $(run unzip unzip -p "$pkg")
	u=$1
	rm -f "$dir/floor.db"
	"$M" sh -c "sqlite3 '$dir/floor.db' < '$script'" 2> "$dir/m.txt" > /dev/null
	set -- $(tail -1 "$dir/m.txt")
	f=$(awk "BEGIN{print $u + $1}")
	if [ -z "$bestf" ] || awk "BEGIN{exit !($f < $bestf)}"; then bestf=$f; bu=$u; bi=$1; fi
done
rm -rf "$dir/csv" "$dir/floor.db"

echo "flexaudit inspect: $best s wall, peak RSS $(awk "BEGIN{printf \"%.1f\", $rss/1024}") MiB (best of 3)"
echo "floor:             $bestf s (unzip -p $bu s + sqlite3 .import $bi s)"
awk -v a="$best" -v f="$bestf" -v r="$rss" 'BEGIN {
	ratio = a / f
	printf "ratio:             %.2f x floor (target <= 1.50): %s\n", ratio, ratio <= 1.5 ? "met" : "MISSED by " sprintf("%.0f%%", (ratio / 1.5 - 1) * 100)
	printf "peak RSS:          %.1f MiB (target <= 300): %s\n", r / 1024, r / 1024 <= 300 ? "met" : "MISSED"
}'

# Rule evaluation: 100+ rules (the evidence rules, copied under new ids)
# over the same package; the time an audit adds on top of inspect.
# Target: at most 50% of the load time.
rules=$dir/rules-bench.xml
{
	sed -n '1,/<source>/p' rules/evidence-2026.1.xml |
		sed 's/id="evidence" edition="2026.1"/id="bench" edition="1"/'
	k=1
	while [ $k -le 17 ]; do
		sed -n '/<rule id=/,/<\/rule>/p' rules/evidence-2026.1.xml |
			sed "s/<rule id=\"EQ-/<rule id=\"B$k-EQ-/"
		k=$((k + 1))
	done
	echo '</ruleset>'
} > "$rules"
n_rules=$(grep -c '<rule id=' "$rules")
besta=""
for i in 1 2 3; do
	"$M" "$B/flexaudit" audit --rules "$rules" "$pkg" 2> "$dir/m.txt" > /dev/null || true
	set -- $(tail -1 "$dir/m.txt")
	case $3 in 0|1) ;; *) echo "audit failed (exit $3)"; exit 1 ;; esac
	if [ -z "$besta" ] || awk "BEGIN{exit !($1 < $besta)}"; then besta=$1; arss=$2; fi
done
"$B/flexaudit" audit --profile --rules "$rules" "$pkg" 2> "$dir/profile.txt" > /dev/null || true
echo "flexaudit audit:   $besta s wall with $n_rules rules, peak RSS $(awk "BEGIN{printf \"%.1f\", $arss/1024}") MiB (best of 3)"
awk -v a="$besta" -v l="$best" 'BEGIN {
	add = (a - l) / l
	printf "evaluation adds:   %.2f s = %.0f%% of the load (target <= 50%%): %s\n", a - l, add * 100, add <= 0.5 ? "met" : "MISSED"
}'
echo "slowest rules (--profile):"
sed -n '2,4p' "$dir/profile.txt" | sed 's/^profile: /  /'
