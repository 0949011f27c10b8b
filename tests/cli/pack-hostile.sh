#!/bin/sh
# flexaudit pack with awkward inputs: each refused with its exit code and
# exactly its message, no zip and no temporary file left behind; or
# packed without reading what it must not.
# usage: sh tests/cli/pack-hostile.sh BUILD_DIR
set -u
B=${1:-build}
F=$(cd "$(dirname "$B/flexaudit")" && pwd)/flexaudit
XLSX=$(pwd)/fixtures/xlsx
PYTHON=${PYTHON:-python3}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
mkdir tmp
TMPDIR=$d/tmp
export TMPDIR
fails=0
bad() { echo "FAIL pack-hostile: $*"; fails=$((fails + 1)); }
DETAILS="--member T --kvk 12345678 --abu-number ABU-1 --from 2025-01-01
--to 2025-12-31 --producer P --produced-at 2026-01-01T00:00:00Z"

# a folder that packs: two workers, one document
base() {
	rm -rf "$1"
	mkdir -p "$1/documents/W1"
	printf '%s\n' \
	    'employee_id;name;nationality;native_language;registration;social_security;employment_start;housed_by_agency' \
	    'W1;Anna Kowalska;PL;pl;brp;nl-payroll;01-02-2025;ja' \
	    'W2;Jan Nowak;PL;pl;brp;nl-payroll;2025-03-01;nee' \
	    > "$1/workers.csv"
	printf '%s\n' 'document_id,employee_id,type,language,path' \
	    'D1,W1,employment-contract,nl,documents/W1/c.pdf' \
	    > "$1/documents.csv"
	printf '%%PDF-1.4 x' > "$1/documents/W1/c.pdf"
}

# pack: exit code, message (first line of stderr, or '' for none), then
# the output and the sources; nothing may be left in $TMPDIR nor beside
# the output but the output itself on success
pack() {
	want=$1 msg=$2 out=$3
	shift 3
	# shellcheck disable=SC2086
	timeout 60 "$F" pack "$@" -o "$out" $DETAILS > stdout 2> stderr
	code=$?
	[ "$code" = "$want" ] || bad "$*: exit $code, expected $want"
	[ "$(head -n 1 stderr)" = "$msg" ] ||
		bad "$*: stderr '$(head -n 1 stderr)', expected '$msg'"
	[ -z "$(ls -A tmp)" ] || bad "$*: left in TMPDIR: $(ls -A tmp)"
	ls -d "$out".* > /dev/null 2>&1 && bad "$*: left $(ls -d "$out".*)"
	return 0
}

# -o names a table in the source folder: refused, the table kept
base src
cp src/workers.csv workers.keep
pack 2 "flexaudit: src/workers.csv: is the output (-o): the package would replace this source; write the package outside the source folders" \
    src/workers.csv src
cmp -s src/workers.csv workers.keep || bad "the source table was replaced"
# -o inside documents/: the zip being written is not packed into itself;
# on the next run the package there is a document it would replace
base src
pack 0 "" src/documents/p.zip src
unzip -Z1 src/documents/p.zip > list
grep -q '^documents/p\.zip' list && bad "the package holds itself: $(cat list)"
pack 2 "flexaudit: src/documents/p.zip: is the output (-o): the package would replace this source; write the package outside the source folders" \
    src/documents/p.zip src
# -o at the folder's top, twice: neither the zip being written nor the
# old package is packed or listed
base src
pack 0 "" src/p.zip src
pack 0 "" src/p.zip src
grep -q 'p\.zip\.' stdout && bad "the zip being written is listed"
[ "$(unzip -Z1 src/p.zip | wc -l)" = 4 ] || bad "src/p.zip: $(unzip -Z1 src/p.zip)"

# a FIFO named as a source: refused at once, not opened (it would block)
base src
mkfifo pipe.csv
pack 2 "flexaudit: pipe.csv: not a regular file: pack reads files and folders" \
    p.zip src pipe.csv
[ -e p.zip ] && bad "a zip was left for a FIFO source"

# a document whose name is not UTF-8 (Latin-1 e acute): refused, located
base src
printf x > "src/documents/W1/caf$(printf '\351').pdf"
pack 3 "flexaudit: src/documents/W1/caf$(printf '\351').pdf: cannot be packed: its name is not UTF-8, as a package path must be; rename the file" \
    p.zip src
[ -e p.zip ] && bad "a zip was left for a name that is not UTF-8"

# a workbook whose second sheet is empty (Excel's Blad2): the sheet is
# left out and said so, the workbook's table packed
base src
rm src/workers.csv
"$PYTHON" - "$XLSX" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import build
build.HERE = 'src'
cells = [['employee_id', 'name', 'nationality', 'native_language',
          'registration', 'social_security', 'employment_start',
          'housed_by_agency'],
         ['W1', 'Anna Kowalska', 'PL', 'pl', 'brp', 'nl-payroll',
          '2025-02-01', 'ja']]
rows = ''.join('<row r="%d">%s</row>' % (r + 1, ''.join(
    '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r + 1, v)
    for c, v in enumerate(row))) for r, row in enumerate(cells))
build.workbook('hr.xlsx', [('workers', rows), ('Blad2', '')])
PY
pack 0 "" p.zip src
grep -q 'left out  src/hr.xlsx\[Blad2\] (an empty sheet)$' stdout ||
	bad "the empty sheet is not said to be left out: $(grep -A1 'left out' stdout)"
[ "$(unzip -p p.zip workers.csv | wc -l)" = 2 ] || bad "workers.csv: $(unzip -p p.zip workers.csv)"
rm -f p.zip

# documents/ 16 folders deep is packed, 17 deep refused at the 17th
base src
deep=src/documents/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16
mkdir -p $deep
printf x > $deep/d.pdf
pack 0 "" p.zip src
unzip -Z1 p.zip | grep -q '^documents/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/d\.pdf$' ||
	bad "the document 16 folders deep is not packed"
rm -f p.zip
mkdir $deep/17
mv $deep/d.pdf $deep/17/
pack 3 "flexaudit: $deep/17: folders nested deeper than 16 levels under documents/: move the files up" \
    p.zip src
[ -e p.zip ] && bad "a zip was left for a tree too deep"

# the member's details: a KvK number that is not 8 digits, and a
# produced-at a zip cannot hold (years 1980 to 2107; both ends packed)
base src
keep=$DETAILS
DETAILS="--member T --kvk 1234 --abu-number ABU-1 --from 2025-01-01
--to 2025-12-31 --producer P --produced-at 2026-01-01T00:00:00Z"
pack 2 "flexaudit: invalid KvK number '1234': give the member's 8 digits, e.g. --kvk 12345678" \
    p.zip src
for at in 1979-12-31T23:59:59Z 1980-01-01T00:00:00Z 2107-12-31T23:59:59Z \
    2108-01-01T00:00:00Z; do
	DETAILS="--member T --kvk 12345678 --abu-number ABU-1 --from 2025-01-01
--to 2025-12-31 --producer P --produced-at $at"
	case $at in
	1979* | 2108*)
		pack 2 "flexaudit: invalid produced-at '$at': a zip holds the years 1980 to 2107" \
		    p.zip src ;;
	*)
		pack 0 "" p.zip src
		rm -f p.zip ;;
	esac
done
DETAILS=$keep

# a required table missing: said before anything is converted
base src
rm src/documents.csv
pack 3 "flexaudit: no table 'documents' among the sources: a package needs it; add documents.csv, or name the file that holds it so" \
    p.zip src
[ -e p.zip ] && bad "a zip was left without a required table"

[ $fails = 0 ] || exit 1
echo "  PASS    pack-hostile"
