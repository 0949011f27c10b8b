#!/bin/sh
# House rules that a grep can check. Exit 1 and name the place on a breach.
set -u
bad=0
fail() { echo "lint: $*"; bad=1; }

# Each third-party library is called from exactly one module.
only() { # pattern files (an extended regular expression)
	hits=$(grep -rlE "$1" src | grep -vE "^($2)\$" || true)
	[ -z "$hits" ] || fail "'$1' used outside $2: $hits"
}
only '\bzip_[a-z_]+\(|<zip\.h>' src/lib/package.c
only '\bsqlite3_[a-z_0-9]+\(|<sqlite3\.h>' src/lib/db.c
only '\bxml[A-Z][A-Za-z]+\(|<libxml/' src/lib/xmlload.c
only '\bcsv_[a-z_]+\(|<csv\.h>' src/lib/csv.c
# JSON: json.c's helpers, used by the commands' documents beside their
# text (show_*.c) through json_impl.h.
only '\bjson_[a-z_]+\(|<jansson\.h>' 'src/lib/json\.c|src/lib/json_impl\.h|src/lib/show_[a-z]+\.c'
only '\b(sha256_[a-z_]+|nettle_[a-z_]+)\(|<nettle/' src/lib/hash.c

# No unbounded string functions.
hits=$(grep -rnE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\(' src tests/unit tests/fuzz || true)
[ -z "$hits" ] || fail "forbidden function: $hits"

# The library never prints or exits. (Report writers write to the stream
# their caller passes: fputs/fprintf to that are fine, stdout is not.)
hits=$(grep -rnE '\b(printf|puts|exit|abort)\(|\bstdout\b|\bstderr\b' src/lib || true)
[ -z "$hits" ] || fail "library prints or exits: $hits"

# The CLI includes only the public library header.
hits=$(grep -rnE '#include "(error|package|db|csv|xmlload|manifest|evidence|schema|hash|value|json)\.h"' src/cli || true)
[ -z "$hits" ] || fail "src/cli includes a private library header: $hits"

# Every library limit lives in limits.h.
[ $bad = 0 ] && echo "          lint: ok"
exit $bad
