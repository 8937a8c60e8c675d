#!/usr/bin/env bash
# /ita/2566 with all 43 OIT items filled, against nginx serving the same bytes (see
# page_vs_nginx.sh). Target (issue: disclosure): at least 80 % of nginx's requests/s.
#   bench/ita_vs_nginx.sh build/prongsai [seconds] [connections] [rounds]
exec "$(dirname "$0")/page_vs_nginx.sh" "${1:?usage: $0 path/to/prongsai}" /ita/2566 ita-2566 "${@:2}"
