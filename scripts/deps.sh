#!/bin/sh
# Install the Debian packages flexaudit needs, if any are missing.
# As root: apt-get update + install. Otherwise: print the command and fail.
set -eu
PKGS="gcc make pkg-config libxml2-dev libzip-dev libsqlite3-dev libcsv-dev \
libjansson-dev nettle-dev libxlsxwriter-dev libsodium-dev libmicrohttpd-dev \
libcmocka-dev zip unzip sqlite3 chromium chromium-driver python3 \
python3-jsonschema python3-selenium clang-format openssl"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
		|| missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "installing:$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
	echo "flexaudit: missing Debian packages:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi
