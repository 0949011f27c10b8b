#!/bin/sh
# House rules that a grep can check. Exit 1 and name the place on a breach.
# usage: sh scripts/lint.sh [BUILD_DIR]  (default build; it must hold
# libflexaudit.so: make lint builds it first)
set -u
B=${1:-build}
bad=0
fail() { echo "lint: $*"; bad=1; }

# Each third-party library is called from exactly one module.
only() { # pattern files (an extended regular expression)
	hits=$(grep -rlE "$1" src | grep -vE "^($2)\$" || true)
	[ -z "$hits" ] || fail "'$1' used outside $2: $hits"
}
only '\bzip_[a-z_]+\(|<zip\.h>' 'src/lib/package\.c|src/lib/package_write\.c'
only '\bsqlite3_[a-z_0-9]+\(|<sqlite3\.h>' src/lib/db.c
only '\bxml[A-Z][A-Za-z]+\(|<libxml/' src/lib/xmlload.c
only '\bcsv_[a-z_]+\(|<csv\.h>' src/lib/csv.c
# JSON: json.c's helpers, used by the commands' documents beside their
# text (show_*.c) through json_impl.h.
only '\bjson_[a-z_]+\(|<jansson\.h>' 'src/lib/json\.c|src/lib/json_[a-z_]+\.[ch]|src/lib/show_[a-z]+\.c'
only '\b(sha256_[a-z_]+|nettle_[a-z_]+)\(|<nettle/' src/lib/hash.c
# Password hashes and tokens: libsodium.
only '\b(sodium_[a-z_]+|crypto_[a-z_]+|randombytes_[a-z_]+)\(|<sodium\.h>' src/lib/secret.c
# HTTP: libmicrohttpd.
only '\bMHD_[a-z_]+\(|<microhttpd\.h>' src/lib/serve/http.c
only '\b(lxw_[a-z_]+|workbook_[a-z_]+|worksheet_[a-z_]+|format_set_[a-z_]+)\(|<xlsxwriter' \
	src/lib/report_plan_xlsx.c

# No unbounded string functions.
hits=$(grep -rnE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\(' src tests/unit tests/fuzz || true)
[ -z "$hits" ] || fail "forbidden function: $hits"

# The library never prints or exits. (Report writers write to the stream
# their caller passes: fputs/fprintf to that are fine, stdout is not.)
hits=$(grep -rnE '\b(printf|puts|exit|abort)\(|\bstdout\b|\bstderr\b' src/lib || true)
[ -z "$hits" ] || fail "library prints or exits: $hits"

# The CLI includes only the public library header (and its own).
hits=$(grep -rnE '#include "' src/cli |
	grep -vE '#include "(flexaudit|cli|opt)\.h"' || true)
[ -z "$hits" ] || fail "src/cli includes a private library header: $hits"

# The public header stands alone: no project header, and it compiles by
# itself with the C library's headers only.
api=src/lib/flexaudit.h
hits=$(grep -n '#include "' "$api" || true)
[ -z "$hits" ] || fail "$api includes a project header: $hits"
${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c \
	"$api" || fail "$api does not compile by itself"

# The limits it repeats (the error record's sizes, what the parsers of
# sizes and seconds accept) are limits.h's, to the letter.
grep -E '^#define FA_[A-Z_]+ ' "$api" | while read -r _ name value; do
	lim=$(grep -E "^#define $name " src/lib/limits.h | sed 's/[[:space:]]\{1,\}/ /g')
	[ -z "$lim" ] || [ "$lim" = "#define $name $value" ] ||
		echo "lint: $api: $name is not limits.h's: $lim"
done | grep . && bad=1

# Every function it declares is exported: a declaration starts a line
# with FA_API (other lines at the left margin declare types).
hits=$(grep -nE '^[a-z_]' "$api" |
	grep -vE '^[0-9]+:(enum|struct) fa_[a-z_]+ *[{;]' || true)
[ -z "$hits" ] || fail "$api declares without FA_API: $hits"

# The shared object exports exactly the functions flexaudit.h declares
# with FA_API (each declaration starts a line with FA_API and ends at its
# ';'), every one named fa_*; the library is built with
# -fvisibility=hidden.
so=$B/libflexaudit.so
if [ ! -f "$so" ]; then
	fail "$so is missing: run make lint"
else
	declared=$(awk '/^FA_API /{ d = ""; on = 1 }
		on { d = d " " $0; if (index($0, ";")) { on = 0
			sub(/\(.*/, "", d); n = split(d, w, /[ *]+/)
			print w[n] } }' "$api" | sort)
	exported=$(nm -D --defined-only "$so" | awk '{ print $3 }' | sort)
	hits=$(printf '%s\n' "$exported" | grep -v '^fa_' || true)
	[ -z "$hits" ] || fail "$so exports names without fa_: $hits"
	hits=$(printf '%s\n' "$exported" | grep -vxF "$declared" || true)
	[ -z "$hits" ] || fail "$so exports what flexaudit.h does not declare: $(echo $hits)"
	hits=$(printf '%s\n' "$declared" | grep -vxF "$exported" || true)
	[ -z "$hits" ] || fail "flexaudit.h declares what $so does not export: $(echo $hits)"
	hits=$(nm -D --defined-only "$so" | awk '$2 != "T" { print $3 }')
	[ -z "$hits" ] || fail "$so exports data, not functions: $hits"
fi

# Every library limit lives in limits.h.
[ $bad = 0 ] && echo "          lint: ok"
exit $bad
