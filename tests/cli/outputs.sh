#!/bin/sh
# Reports are written to regular files only, never over an input or one
# another, with the permissions a careful user expects (issue: -o over a
# device node, a FIFO or the package replaced it by a report).
# usage: sh tests/cli/outputs.sh BUILD_DIR
set -u
B=${1:-build}
F=$(cd "$(dirname "$B/flexaudit")" && pwd)/flexaudit
PKG=$(cd "$B/packages" && pwd)/minimal.zip
# the bundled rules by path: the runs below start in a scratch directory,
# and a binary outside build/ (make asan) finds no rules of its own there
RULES=$(pwd)/rules
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
umask 022
fails=0
n=0
bad() { echo "FAIL outputs: $*"; fails=$((fails + 1)); }

# refused: exit 2, exactly this message, the target left as it was
refused() { # message, then the arguments
	msg=$1
	shift
	n=$((n + 1))
	"$F" "$@" > out 2> err
	code=$?
	[ $code = 2 ] || bad "$*: exit $code, expected 2"
	printf '%s\n' "$msg" > want
	head -n 1 err | diff -u want - > /dev/null ||
		bad "$*: stderr '$(head -n 1 err)', expected '$msg'"
	[ -s out ] && bad "$*: wrote to standard output"
	return 0
}

cp "$PKG" pkg.zip
mkfifo fifo
mkdir dir
echo before > real.txt
ln -s real.txt link.txt
if mknod dev c 1 3 2> /dev/null; then
	refused "flexaudit: 'dev' is a character device: a report is written to a regular file only" \
		audit --format text pkg.zip -o dev
	[ -c dev ] || bad "the device node was replaced"
else
	echo "          outputs: not root, the device case is skipped"
fi
refused "flexaudit: 'fifo' is a FIFO: a report is written to a regular file only" \
	audit --format text pkg.zip -o fifo
[ -p fifo ] || bad "the FIFO was replaced"
refused "flexaudit: 'fifo' is a FIFO: a report is written to a regular file only" \
	inspect pkg.zip -o fifo
refused "flexaudit: 'dir' is a directory: a report is written to a regular file only" \
	audit --format text pkg.zip -o dir
refused "flexaudit: 'link.txt' is a symbolic link: give the path of the file itself, or --follow-symlinks to replace the file it points to" \
	audit pkg.zip -o link.txt
[ -L link.txt ] && [ "$(cat real.txt)" = before ] ||
	bad "the link or its target was changed"
refused "flexaudit: output 'pkg.zip' is the input 'pkg.zip': write the report to another file" \
	audit --format json pkg.zip -o pkg.zip
refused "flexaudit: output 'pkg.zip' is the input 'pkg.zip': write the report to another file" \
	inspect pkg.zip -o pkg.zip
cmp -s "$PKG" pkg.zip || bad "the package was changed"
refused "flexaudit: output './a.txt' is given twice (also as 'a.txt'): give each report its own file" \
	audit pkg.zip -o a.txt -o ./a.txt
refused "flexaudit: cannot tell the format of 'report.pdf': use .txt, .json, .csv, .html, .plan.csv or .xlsx, or give --format" \
	audit pkg.zip -o report.pdf
ls a.txt report.pdf 2> /dev/null && bad "a refused run left a file"

# written: --follow-symlinks writes the target and keeps the link
n=$((n + 1))
"$F" audit --rules "$RULES" --follow-symlinks pkg.zip -o link.txt \
	> /dev/null 2>&1
[ -L link.txt ] && grep -q '^verdict:' real.txt ||
	bad "--follow-symlinks did not write the link's target"

# permissions: an existing report keeps its mode; a new one is 0644 less
# the umask, or 0600 with personal data revealed
n=$((n + 1))
echo old > keep.txt
chmod 600 keep.txt
"$F" audit --rules "$RULES" pkg.zip -o keep.txt -o new.txt > /dev/null 2>&1
"$F" audit --rules "$RULES" --reveal-personal-data pkg.zip \
	-o personal.txt > /dev/null 2>&1
[ "$(stat -c %a keep.txt)" = 600 ] || bad "keep.txt: $(stat -c %a keep.txt), expected 600"
[ "$(stat -c %a new.txt)" = 644 ] || bad "new.txt: $(stat -c %a new.txt), expected 644"
[ "$(stat -c %a personal.txt)" = 600 ] || bad "personal.txt: $(stat -c %a personal.txt), expected 600"
grep -q '^verdict:' keep.txt || bad "keep.txt was not written"

# a workbook is not written to a terminal (script(1) gives the run one)
if command -v script > /dev/null; then
	n=$((n + 1))
	script -qec "'$F' audit --rules '$RULES' --format xlsx pkg.zip" \
		/dev/null > out 2>&1 < /dev/null
	code=$?
	[ $code = 2 ] || bad "xlsx to a terminal: exit $code, expected 2"
	grep -qF "flexaudit: a workbook is no text for the terminal: give -o FILE.xlsx" out ||
		bad "xlsx to a terminal: $(head -c 300 out)"
fi

# inputs that are not regular files are refused at once (a FIFO used to
# block rules lint until a writer came)
n=$((n + 1))
timeout 10 "$F" rules lint fifo > out 2> err
code=$?
[ $code = 3 ] || bad "rules lint fifo: exit $code, expected 3"
grep -qxF "flexaudit: cannot read 'fifo': not a regular file: give a rule-set file (.xml)" err ||
	bad "rules lint fifo: stderr '$(cat err)'"

# a write that fails (a full disk: /dev/full) is exit 4 with the reason,
# for every command that writes standard output, never a silent 0
full() { # message, then the arguments
	msg=$1
	shift
	n=$((n + 1))
	"$F" "$@" > /dev/full 2> err
	code=$?
	[ $code = 4 ] || bad "$* > /dev/full: exit $code, expected 4"
	grep -qxF "$msg" err || bad "$* > /dev/full: stderr '$(cat err)'"
}
if [ -c /dev/full ]; then
	nospace="flexaudit: cannot write standard output: No space left on device"
	full "flexaudit: cannot write the report" audit --rules "$RULES" pkg.zip
	full "flexaudit: cannot write the report: No space left on device" \
		audit --rules "$RULES" --format json pkg.zip
	full "$nospace" inspect pkg.zip
	full "$nospace" rules list --rules "$RULES"
	full "$nospace" schema
	full "$nospace" compare --rules "$RULES" --left cao --right snf
	full "$nospace" --help
else
	echo "          outputs: no /dev/full, the full-disk cases are skipped"
fi

[ $fails = 0 ] || exit 1
echo "          outputs: $n cases: refused before any work, targets unchanged, modes kept; a FIFO rule file refused; a full disk is exit 4"
