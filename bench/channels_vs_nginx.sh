#!/usr/bin/env bash
# The citizen channels' public lists, each against nginx serving the same bytes (see
# page_vs_nginx.sh): /news (25 posts), /qa (20 answered questions), and the home page.
# Target (issue: citizen channels): at least 80 % of nginx's requests/s, from the page cache.
#   bench/channels_vs_nginx.sh build/prongsai [seconds] [connections] [rounds]
set -euo pipefail
bin=${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds]}
here=$(dirname "$0")
"$here/page_vs_nginx.sh" "$bin" /news news "${@:2}"
"$here/page_vs_nginx.sh" "$bin" /qa qa "${@:2}"
