#!/bin/sh
# Render an HTML report in headless Chromium and check it, as a reader's
# browser would see it:
#   - printing to PDF (A4, the report's @page) exits 0 and gives a PDF
#     (starts with %PDF, over 10 kB, page count printed), of at most
#     --max-pages pages when given;
#   - a PNG of the first screen (1280x800, what a reader sees on opening
#     the report on a laptop) is written;
#   - the page made no network request. Chromium runs with every host
#     mapped to nothing and a dead proxy, so no byte can leave the machine
#     either way; its net log is then searched for any request tied to the
#     page: a URL on a line that carries the page's file:// partition
#     (network isolation key, socket group, cache key) or the page's
#     "null" initiator. Chromium's own background requests (component
#     updater, network time, account list) carry neither; they are
#     counted and named but are not the page's.
#
# usage: tests/html/render.sh [--self-test] [--max-pages N] FILE.html [OUTDIR]
#   OUTDIR (default: FILE's directory) gets NAME.pdf, NAME.png and the
#   net logs NAME.pdf.netlog.json and NAME.png.netlog.json.
#   --self-test also renders a page with external resources made here and
#   fails unless the check catches them (a check that cannot fail proves
#   nothing).
# CHROMIUM names the browser (default: chromium). Exit 0 when every check
# passes, 1 when one fails, 2 on a usage error.
set -eu

CHROMIUM=${CHROMIUM:-chromium}
self_test=0
max_pages=0
usage() {
	echo "usage: tests/html/render.sh [--self-test] [--max-pages N]" \
		"FILE.html [OUTDIR]" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--self-test) self_test=1 ;;
	--max-pages)
		[ $# -ge 2 ] && [ "$2" -gt 0 ] 2>/dev/null || usage
		max_pages=$2
		shift
		;;
	*) break ;;
	esac
	shift
done
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -f "$1" ]; then
	usage
fi
command -v "$CHROMIUM" >/dev/null 2>&1 || {
	echo "render: '$CHROMIUM' not found (Debian package chromium)" >&2
	exit 2
}

html=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${2:-$(dirname "$html")}
mkdir -p "$out"
out=$(cd "$out" && pwd)
name=$(basename "$html" .html)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
bad=0

# One run of Chromium with a fresh profile and no way out to the network.
# $1: net log file; the rest: what to do. Its chatter goes to $tmp/log.
browse() {
	netlog=$1
	shift
	rm -rf "$tmp/profile"
	"$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/profile" --no-first-run \
		--no-default-browser-check --disable-background-networking \
		--disable-component-update --disable-sync --disable-extensions \
		--disable-default-apps --disable-domain-reliability \
		--host-resolver-rules="MAP * ~NOTFOUND" \
		--proxy-server=127.0.0.1:9 \
		--log-net-log="$netlog" --net-log-capture-mode=Default \
		"$@" >"$tmp/log" 2>&1
}

# Network URLs the page asked for, one per line, from a net log.
page_requests() {
	grep -E 'file://|"initiator":"(null|file:)' "$1" |
		grep -oE '(https?|wss?|ftp)://[^"<> \\]+' |
		grep -vE '^https?://~notfound' | sort -u || true
}

# Hosts of Chromium's own requests (not tied to the page), for the record.
background_hosts() {
	grep -oE '"url":"(https?|wss?)://[^/"]+' "$1" |
		sed 's/.*:\/\///' | sort -u | tr '\n' ' ' | sed 's/ $//' || true
}

check_net() { # netlog what
	reqs=$(page_requests "$1")
	if [ -n "$reqs" ]; then
		echo "render: FAIL: $2: the page made network requests:"
		echo "$reqs" | sed 's/^/render:   /'
		return 1
	fi
	echo "render: ok: $2: no network request from the page" \
		"(chromium's own, blocked: $(background_hosts "$1"))"
}

pdf=$out/$name.pdf
png=$out/$name.png
rm -f "$pdf" "$png"

if browse "$out/$name.pdf.netlog.json" --no-pdf-header-footer \
	--print-to-pdf="$pdf" "file://$html"; then
	size=$(wc -c <"$pdf" 2>/dev/null || echo 0)
	pages=$(LC_ALL=C grep -a -o -E '/Type ?/Page([^s]|$)' "$pdf" \
		2>/dev/null | wc -l)
	if [ "$(head -c 5 "$pdf" 2>/dev/null)" != "%PDF-" ]; then
		echo "render: FAIL: $pdf is not a PDF"
		bad=1
	elif [ "$size" -le 10240 ]; then
		echo "render: FAIL: $pdf is only $size bytes"
		bad=1
	elif [ "$max_pages" -gt 0 ] && [ "$pages" -gt "$max_pages" ]; then
		echo "render: FAIL: PDF $pdf: $pages A4 pages, more than" \
			"$max_pages"
		bad=1
	else
		echo "render: ok: PDF $pdf: $size bytes, $pages A4 pages" \
			"(html $(wc -c <"$html") bytes)"
	fi
	check_net "$out/$name.pdf.netlog.json" "print to PDF" || bad=1
else
	echo "render: FAIL: chromium --print-to-pdf exited $?:"
	tail -5 "$tmp/log"
	bad=1
fi

if browse "$out/$name.png.netlog.json" --hide-scrollbars \
	--window-size=1280,800 --screenshot="$png" "file://$html" &&
	[ "$(head -c 4 "$png" | tail -c 3)" = "PNG" ]; then
	echo "render: ok: PNG $png: $(wc -c <"$png") bytes"
	check_net "$out/$name.png.netlog.json" "screenshot" || bad=1
else
	echo "render: FAIL: chromium --screenshot gave no PNG:"
	tail -5 "$tmp/log"
	bad=1
fi

if [ $self_test = 1 ]; then
	cat >"$tmp/leaky.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="https://styles.flexaudit.invalid/a.css">
<style>body{background:url(http://bg.flexaudit.invalid/b.png)}</style>
</head><body><p>leaky</p>
<img src="//img.flexaudit.invalid/i.png" alt="">
</body></html>
HTML
	browse "$tmp/leaky.netlog.json" --no-pdf-header-footer \
		--print-to-pdf="$tmp/leaky.pdf" "file://$tmp/leaky.html" || true
	found=$(page_requests "$tmp/leaky.netlog.json" |
		grep -c 'flexaudit\.invalid' || true)
	if [ "$found" -ge 3 ]; then
		echo "render: ok: self-test: a leaky page's $found requests" \
			"are caught"
	else
		echo "render: FAIL: self-test: a leaky page's requests were" \
			"not caught ($found of 3)"
		bad=1
	fi
fi
exit $bad
