#!/usr/bin/env bash
# Search over 100,000 posts (issue: citizen channels; target: median under 20 ms, short Thai
# queries included). build/bench/search_bench fills one agency's search entries with posts made
# of the seed report's own lines (~800 characters each), then times what /search does for each
# query: the first page of 20, the count up to 201, the highlighted excerpts. Once on SQLite (the
# embedded store) and once on a throw-away PostgreSQL cluster, same posts, same queries.
# Writes bench/results/search-<date>.txt and bench/results/latest-search.txt.
#
#   bench/search.sh build/bench/search_bench [posts] [runs]
set -euo pipefail
tool=$(realpath "${1:?usage: $0 path/to/search_bench [posts] [runs]}")
posts=${2:-100000}
runs=${3:-100}
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../data/seed/o43-report-na-mom-2566.txt"
work=$(mktemp -d /tmp/prongsai-search-bench.XXXXXX)
chmod 755 "$work"  # the cluster runs as the postgres user
pgdir="$work/pg"
trap '"$here/../tests/pg/cluster.sh" stop "$pgdir" 2>/dev/null || true; rm -rf "$work"' EXIT
out="$here/results/search-$(date +%Y%m%d).txt"
{
  echo "search over $posts posts, $runs runs per query, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo
  echo "== SQLite (FTS5 over letters and pairs of letters)"
  "$tool" --db "sqlite:$work/db" --corpus "$corpus" --posts "$posts" --runs "$runs" 2>/dev/null | grep -v '\[info\]'
  du -h "$work/db" | awk '{print "database file " $1}'
  echo
  echo "== PostgreSQL (GIN over letters and pairs, newest-first scan for common queries)"
  "$here/../tests/pg/cluster.sh" start "$pgdir" 54391
  "$tool" --db "postgresql:///postgres?host=$pgdir&port=54391&user=postgres&schema=bench" --corpus "$corpus" \
    --posts "$posts" --runs "$runs" 2>/dev/null | grep -v '\[info\]'
} | tee "$out"
cp "$out" "$here/results/latest-search.txt"
