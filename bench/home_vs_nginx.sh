#!/usr/bin/env bash
# The public home page against nginx serving the same bytes (see page_vs_nginx.sh).
#   bench/home_vs_nginx.sh build/prongsai [seconds] [connections] [rounds]
exec "$(dirname "$0")/page_vs_nginx.sh" "${1:?usage: $0 path/to/prongsai}" / home "${@:2}"
