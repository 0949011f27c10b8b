#!/bin/sh
# flexaudit user: users of the portal added to the audit store and listed,
# with exit codes and exact messages. The password comes from the first
# line of standard input (its \n and \r taken off) and shows nowhere: not
# in any message, not in the list, and the store keeps only its Argon2id
# hash. user add creates the store (readable by its owner only).
# usage: sh tests/cli/user.sh BUILD_DIR
set -u
B=${1:-build}
F=$(cd "$(dirname "$B/flexaudit")" && pwd)/flexaudit
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
fails=0
bad() { echo "FAIL user: $*"; fails=$((fails + 1)); }
unset FLEXAUDIT_STORE
PW='correct horse battery staple'
: > all-err

# run: the exit code expected, then the command (standard input is the
# caller's); stdout and stderr kept, every stderr also in all-err
run() {
	want=$1
	shift
	"$@" > out 2> err
	code=$?
	cat err >> all-err
	[ "$code" = "$want" ] || bad "$*: exit $code, expected $want ($(cat err))"
}
# stderr is exactly these lines
says() {
	printf '%s\n' "$@" > want
	cmp -s err want || bad "stderr '$(cat err)', expected '$(cat want)'"
}
sql() { sqlite3 -readonly "$1" "$2"; }

# ---- added --------------------------------------------------------------
printf '%s\n' "$PW" | run 0 "$F" user add beheer --role admin --store u.db
says "flexaudit: added admin 'beheer' to 'u.db'"
[ "$(stat -c %a u.db)" = 600 ] || bad "u.db has mode $(stat -c %a u.db)"
[ -s out ] && bad "user add wrote to standard output: '$(cat out)'"
printf '%s\n' "$PW" | FLEXAUDIT_STORE=u.db run 0 "$F" user add \
    j.devries@inspectie.example --role inspector
says "flexaudit: added inspector 'j.devries@inspectie.example' to 'u.db'"
# a member with the organisation added for it; a second one finds it
printf '%s\r\n' "$PW" | run 0 "$F" user add hr@zuid.example --role member \
    --kvk 12345678 --org-name 'Zuid Uitzend B.V.' --store u.db
says "flexaudit: added member 'hr@zuid.example' to 'u.db'"
printf '%s' "$PW" | run 0 "$F" user add hr2 --role member --kvk 12345678 \
    --store u.db
says "flexaudit: added member 'hr2' to 'u.db'"
[ "$(sql u.db 'SELECT count(*) FROM orgs')" = 1 ] ||
	bad "two members of one KvK number made $(sql u.db 'SELECT count(*) FROM orgs') organisations"
# the line end is not part of the password: 11 characters and \r\n are
# too short, 12 and \r\n are enough
printf '%s\r\n' 'abcdefghijk' | run 2 "$F" user add kort --role admin \
    --store u.db
says "flexaudit: password is 11 bytes: give at least 12" \
    "flexaudit: no user added"
printf '%s\r\n' 'abcdefghijkl' | run 0 "$F" user add twaalf --role admin \
    --store u.db

# ---- listed, without hash or password -------------------------------------
run 0 "$F" user list --store u.db
cat > want <<'LIST'
login                          role       disabled  organisation
beheer                         admin      no        -
hr2                            member     no        12345678 Zuid Uitzend B.V.
hr@zuid.example                member     no        12345678 Zuid Uitzend B.V.
j.devries@inspectie.example    inspector  no        -
twaalf                         admin      no        -
LIST
cmp -s out want || bad "user list: '$(cat out)'"
grep -qF '$argon2id' out && bad "user list shows a password hash"
grep -qF "$PW" out && bad "user list shows a password"
[ "$(sql u.db "SELECT count(*) FROM users WHERE pw_hash LIKE
    '\$argon2id\$v=19\$m=65536,t=2,p=1\$%' AND instr(pw_hash, 'horse') = 0")" = 5 ] ||
	bad "the store keeps something else than Argon2id hashes"
grep -qaF "$PW" u.db && bad "u.db holds the password in clear"
printf '%s\n' "$PW" | run 0 "$F" user add only --role admin --store e.db
run 0 "$F" user list --store e.db
[ "$(wc -l < out)" = 2 ] || bad "user list of one user: '$(cat out)'"

# ---- refused --------------------------------------------------------------
TRY="try 'flexaudit user --help'"
run 2 "$F" user add nopw --role admin --store u.db < /dev/null
says "flexaudit: no password on standard input: give it on the first line, e.g. printf '%s\\n' \"\$PASSWORD\" | flexaudit user add ..." "$TRY"
printf '\n%s\n' "$PW" | run 2 "$F" user add nopw --role admin --store u.db
says "flexaudit: no password on standard input: give it on the first line, e.g. printf '%s\\n' \"\$PASSWORD\" | flexaudit user add ..." "$TRY"
printf '%s\n' short | run 2 "$F" user add kort --role admin --store u.db
says "flexaudit: password is 5 bytes: give at least 12" \
    "flexaudit: no user added"
head -c 5000 /dev/zero | tr '\0' x | run 2 "$F" user add lang --role admin \
    --store u.db
says "flexaudit: password is longer than 1024 bytes: give at most 1024" "$TRY"
head -c 1025 /dev/zero | tr '\0' x | run 2 "$F" user add lang --role admin \
    --store u.db
says "flexaudit: password is 1025 bytes: give at most 1024" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add 'A B' --role admin --store u.db
says "flexaudit: login 'A B' has a character other than a-z 0-9 . _ @ -: choose a login of those" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add beheer --role inspector --store u.db
says "flexaudit: login 'beheer' is taken: choose another" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add x --store u.db
says "flexaudit: user add needs --role: admin, inspector or member" "$TRY"
printf '%s\n' "$PW" | run 2 "$F" user add x --role boss --store u.db
says "flexaudit: unknown role 'boss': give admin, inspector or member" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add x --role inspector --kvk 12345678 \
    --store u.db
says "flexaudit: an inspector belongs to no organisation: give no KvK number or organisation name" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add x --role member --store u.db
says "flexaudit: a member belongs to an organisation: give its KvK number" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add x --role member --kvk 87654321 \
    --store u.db
says "flexaudit: no organisation with KvK number 87654321: give its name too, to add it" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add x --role member --kvk 1234 \
    --org-name X --store u.db
says "flexaudit: KvK number '1234' is not 8 digits: give the organisation's number in the Dutch trade register, such as 12345678" \
    "flexaudit: no user added"
printf '%s\n' "$PW" | run 2 "$F" user add x --role admin
says "flexaudit: no store: give --store FILE or set FLEXAUDIT_STORE" "$TRY"
run 2 "$F" user frob --store u.db
says "flexaudit: unknown action 'frob': give add or list" "$TRY"
run 2 "$F" user add --store u.db < /dev/null
says "flexaudit: user add needs one login" "$TRY"
run 2 "$F" user list extra --store u.db
says "flexaudit: unexpected argument 'extra'" "$TRY"
run 2 "$F" user list --role admin --store u.db
says "flexaudit: user list takes only --store" "$TRY"
run 2 "$F" user list --store missing.db
says "flexaudit: no store 'missing.db': give an existing store, or store an audit in it first (audit --store)"
[ -e missing.db ] && bad "user list made missing.db"
[ "$(sql u.db 'SELECT count(*) FROM users')" = 5 ] ||
	bad "a refused user was added: $(sql u.db 'SELECT login FROM users')"
[ "$(sql u.db 'SELECT count(*) FROM orgs')" = 1 ] ||
	bad "a refused member added an organisation"

# no message ever held the password
grep -qF "$PW" all-err && bad "a message shows the password"
grep -qF 'abcdefghijk' all-err && bad "a message shows a short password"
[ "$(sql u.db 'PRAGMA integrity_check')" = ok ] || bad "u.db is damaged"

if [ $fails -ne 0 ]; then
	echo "user: $fails failed"
	exit 1
fi
echo "          user: add (admin, inspector, members of one organisation), list without hashes, each refusal's message, no password shown"
