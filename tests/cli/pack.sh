#!/bin/sh
# flexaudit pack: member's exports in real dialects become the package's
# canonical tables (expected files written by hand in fixtures/pack/
# *.expect), the manifest lists them with their hashes, the same input
# gives the same zip, a refused row is named in the member's own file and
# leaves no zip behind, and the demo's own folder packs into a package
# that audits to the same report.
# usage: sh tests/cli/pack.sh BUILD_DIR
set -u
B=${1:-build}
F=$(cd "$(dirname "$B/flexaudit")" && pwd)/flexaudit
FX=$(pwd)/fixtures
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fails=0
n=0
bad() { echo "FAIL pack: $*"; fails=$((fails + 1)); }
DETAILS="--member|Test & Zonen B.V.|--kvk|12345678|--abu-number|ABU-00002|--from|2025-01-01|--to|2025-12-31|--producer|P. Jansen|--system|Excel|--produced-at|2026-01-15T17:02:00+01:00"
pack() { # arguments after the details
	n=$((n + 1))
	IFS='|'
	# shellcheck disable=SC2086
	set -- pack $DETAILS "$@"
	unset IFS
	"$F" "$@"
}

# ---- dialects: every table as the expected file, byte for byte ----------
pack "$FX/pack/dialects" -o "$d/dialects.zip" > "$d/out" 2> "$d/err"
code=$?
[ $code = 0 ] || bad "dialects: exit $code: $(cat "$d/err")"
exp=$FX/pack/dialects.expect
for t in workers locations documents; do
	unzip -p "$d/dialects.zip" "$t.csv" > "$d/$t.csv" 2> /dev/null
	cmp -s "$d/$t.csv" "$exp/$t.csv" ||
		bad "dialects: $t.csv is not the expected one: $(diff "$exp/$t.csv" "$d/$t.csv" | head -5)"
done
(cd "$exp" && while IFS= read -r line; do
	case $line in
	*'sha256="@'*)
		f=$(printf '%s\n' "$line" | sed -n 's/.*sha256="@\([^"]*\)".*/\1/p')
		h=$(sha256sum "$f" | cut -d' ' -f1)
		printf '%s\n' "$line" | sed "s|sha256=\"@[^\"]*\"|sha256=\"$h\"|"
		;;
	*) printf '%s\n' "$line" ;;
	esac
done < manifest.in.xml) > "$d/manifest.want"
unzip -p "$d/dialects.zip" manifest.xml > "$d/manifest.got" 2> /dev/null
cmp -s "$d/manifest.want" "$d/manifest.got" ||
	bad "dialects: manifest.xml: $(diff "$d/manifest.want" "$d/manifest.got" | head -6)"
printf '%s\n' manifest.xml workers.csv locations.csv documents.csv \
	documents/W0001/contract-nl.pdf documents/W0001/contract-pl.pdf > "$d/names.want"
unzip -Z1 "$d/dialects.zip" > "$d/names.got" 2> /dev/null
cmp -s "$d/names.want" "$d/names.got" ||
	bad "dialects: entries: $(tr '\n' ' ' < "$d/names.got")"
want="guessed   $FX/pack/dialects/Medewerkers.csv: not UTF-8, read as Windows-1252 (line 2 reads 'Zoë'); if that is wrong, save the file as \"CSV UTF-8\""
grep -qxF "$want" "$d/out" || bad "dialects: no line: $want"
want="left out  $FX/pack/dialects/overzicht.pdf (not a table)"
grep -qxF "$want" "$d/out" || bad "dialects: no line: $want"
grep -q README "$d/out" && bad "dialects: README.md is reported"
"$F" inspect "$d/dialects.zip" > /dev/null 2>&1 || bad "dialects: inspect refuses the package"
[ "$(stat -c %a "$d/dialects.zip")" = 600 ] ||
	bad "dialects: a new package is mode $(stat -c %a "$d/dialects.zip"), not 600"

# ---- the same input, the same bytes --------------------------------------
sleep 1
pack "$FX/pack/dialects" -o "$d/again.zip" > /dev/null 2>&1
cmp -s "$d/dialects.zip" "$d/again.zip" || bad "two packs of one folder differ"

# ---- Dutch summary -------------------------------------------------------
pack "$FX/pack/dialects" -o "$d/nl.zip" --lang nl > "$d/out" 2> /dev/null
grep -qx "tabellen" "$d/out" || bad "--lang nl: no 'tabellen' heading"
grep -q "GERADEN" "$d/out" || bad "--lang nl: the guess is not in Dutch"

# ---- a refused row: named in the member's file, no zip left --------------
pack "$FX/pack/badrow" -o "$d/bad.zip" > /dev/null 2> "$d/err"
code=$?
[ $code = 3 ] || bad "badrow: exit $code, expected 3"
want="flexaudit: $FX/pack/badrow/workers.csv:3:7: invalid date '31-02-2025' in column 'employment_start': no such day (packaged as workers.csv:3)"
grep -qxF "$want" "$d/err" || bad "badrow: stderr $(cat "$d/err"), expected: $want"
ls "$d" | grep -q '^bad\.zip' && bad "badrow: a zip was left: $(ls "$d" | grep bad)"

# ---- the member's details are required ---------------------------------
n=$((n + 1))
"$F" pack "$FX/pack/dialects" -o "$d/x.zip" > /dev/null 2> "$d/err"
code=$?
[ $code = 2 ] || bad "no details: exit $code, expected 2"
want="flexaudit: no KvK number: give --kvk NUMBER, or put it in the folder's pack.xml"
grep -qxF "$want" "$d/err" || bad "no details: no line: $want"
[ "$(wc -l < "$d/err")" = 6 ] || bad "no details: $(wc -l < "$d/err") lines, expected one per detail (6)"
[ -e "$d/x.zip" ] && bad "no details: a zip was left"

# ---- an old Excel file ------------------------------------------------------
printf '\320\317\021\340\241\261\032\341' > "$d/Loon.xls"
pack "$d/Loon.xls" -o "$d/x.zip" > /dev/null 2> "$d/err"
code=$?
[ $code = 3 ] || bad "xls: exit $code, expected 3"
want="flexaudit: $d/Loon.xls: Excel 97-2003 workbooks (.xls) are not read: open it in Excel and save it as \"Excel Workbook (*.xlsx)\""
grep -qxF "$want" "$d/err" || bad "xls: stderr $(cat "$d/err")"

# ---- a workbook and a payroll export, through the profiles ------------------
pack "$FX/pack/payroll" -o "$d/payroll.zip" > "$d/out" 2> "$d/err"
code=$?
[ $code = 0 ] || bad "payroll: exit $code: $(cat "$d/err")"
exp=$FX/pack/payroll.expect
for t in workers documents pay-periods; do
	unzip -p "$d/payroll.zip" "$t.csv" > "$d/$t.csv" 2> /dev/null
	cmp -s "$d/$t.csv" "$exp/$t.csv" ||
		bad "payroll: $t.csv is not the expected one: $(diff "$exp/$t.csv" "$d/$t.csv" | head -5)"
done
grep -q '^                     profile easyflex: ' "$d/out" ||
	bad "payroll: the easyflex profile is not named for loonexport.csv"
grep -q "Personeel.xlsx\[Notities\] (not recognised" "$d/out" ||
	bad "payroll: the sheet Notities is not reported as left out"
# the member's details from the folder's pack.xml, with no options
n=$((n + 1))
"$F" pack "$FX/pack/payroll" -o "$d/cfg.zip" > "$d/out" 2> "$d/err"
code=$?
[ $code = 0 ] || bad "pack.xml: exit $code: $(cat "$d/err")"
unzip -p "$d/cfg.zip" manifest.xml 2> /dev/null | sed -n '3,12p' > "$d/got"
printf '%s\n' '  <member>' '    <name>Flexwerk Noord B.V.</name>' \
	'    <kvk>87654321</kvk>' '    <abu-number>ABU-00077</abu-number>' \
	'  </member>' '  <audit-period from="2025-01-01" to="2025-12-31"/>' \
	'  <producer>' '    <name>Salarisadministratie</name>' \
	'    <system>Easyflex en Excel</system>' '  </producer>' > "$d/want"
cmp -s "$d/want" "$d/got" || bad "pack.xml: manifest: $(diff "$d/want" "$d/got")"
grep -qx "details   from the folder's pack.xml (options go first)" "$d/out" ||
	bad "pack.xml: the summary does not say where the details came from"
# an option wins over pack.xml; a wrong KvK number in pack.xml is located
pack "$FX/pack/payroll" -o "$d/opt.zip" > /dev/null 2>&1
unzip -p "$d/opt.zip" manifest.xml 2> /dev/null | grep -q '<kvk>12345678</kvk>' ||
	bad "pack.xml: --kvk does not win over pack.xml"
mkdir -p "$d/badcfg" && cp "$FX/pack/payroll/loonexport.csv" "$d/badcfg/" &&
	sed 's/87654321/8765432/' "$FX/pack/payroll/pack.xml" > "$d/badcfg/pack.xml"
n=$((n + 1))
"$F" pack "$d/badcfg" -o "$d/x.zip" > /dev/null 2> "$d/err"
code=$?
[ $code = 3 ] || bad "bad pack.xml: exit $code, expected 3"
grep -q "^flexaudit: $d/badcfg/pack.xml:5" "$d/err" ||
	bad "bad pack.xml: not located at line 5: $(cat "$d/err")"

pack --profile no-such-profile "$FX/pack/payroll" -o "$d/x.zip" \
	> /dev/null 2> "$d/err"
code=$?
[ $code = 2 ] || bad "unknown profile: exit $code, expected 2"
grep -q "no mapping profile 'no-such-profile': give easyflex, generic-nl, loket or nmbrs" "$d/err" ||
	bad "unknown profile: $(cat "$d/err")"

# ---- round trip: the demo's folder audits to the same report --------------
n=$((n + 1))
SOURCE_DATE_EPOCH=1800000000
export SOURCE_DATE_EPOCH
"$F" pack "$FX/packages/demo" -o "$d/demo.zip" > /dev/null 2> "$d/err" ||
	bad "demo: pack failed: $(cat "$d/err")"
"$F" audit "$B/packages/demo.zip" --format json -o "$d/a.json" 2> /dev/null
"$F" audit "$d/demo.zip" --format json -o "$d/b.json" 2> /dev/null
# the demo's README: workers.csv is Windows-1252, these five UTF-8 with a
# BOM, ';' and decimal commas; the other tables are canonical already
${PYTHON:-python3} tests/pack/roundtrip.py "$d/a.json" "$d/b.json" \
	workers.csv recruiters.csv locations.csv rooms.csv facilities.csv \
	rental-agreements.csv || bad "demo: the reports differ"

# ---- and so does the demo as one workbook ---------------------------------
n=$((n + 1))
${PYTHON:-python3} tests/pack/demo-xlsx.py "$F" "$FX/packages/demo" "$d/demo-xlsx" ||
	bad "demo-xlsx: the workbook could not be made"
"$F" pack "$d/demo-xlsx" -o "$d/demo-x.zip" > /dev/null 2> "$d/err" ||
	bad "demo-xlsx: pack failed: $(cat "$d/err")"
"$F" audit "$d/demo-x.zip" --format json -o "$d/c.json" 2> /dev/null
${PYTHON:-python3} tests/pack/roundtrip.py "$d/a.json" "$d/c.json" \
	workers.csv recruiters.csv company-documents.csv locations.csv \
	rooms.csv facilities.csv documents.csv occupancy.csv \
	rental-agreements.csv pay-periods.csv deductions.csv ||
	bad "demo-xlsx: the reports differ"

if [ $fails -ne 0 ]; then
	echo "pack: $fails of the checks failed"
	exit 1
fi
echo "          pack: $n runs as expected"
