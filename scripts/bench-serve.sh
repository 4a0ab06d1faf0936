#!/usr/bin/env bash
# moc serve's speed (BENCHMARKS.md, «moc serve»): how long the release server takes to answer,
# measured by curl over loopback as the time to the first byte of the reply, median of RUNS.
#
#   * the page of a plan of 100 items: seen before (from the cache), and first seen (the file
#     touched before each request, so the plan is read, checked and evaluated again);
#   * the page of one of its items (with its history: `git log` and the plan at each commit);
#   * the index of a 1 000 × 100 region: every plan changed (all touched: every plan read again,
#     as when the server starts), seen before (each file's stamp only), and after one plan
#     changed (that plan read again).
#
#   scripts/bench-serve.sh [RUNS]        (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-21}
cargo build --release --quiet --bin moc --example genplans
MOC=$PWD/target/release/moc
GEN=$PWD/target/release/examples/genplans
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$GEN" "$WORK/one" 1 100 >/dev/null
"$GEN" "$WORK/region" 1000 100 >/dev/null
(cd "$WORK/one" && git init -q && git add -A &&
  git -c user.name=bench -c user.email=bench@example.org -c commit.gpgsign=false commit -qm plan)

# start `moc serve` in a folder; sets URL and PID
start() {
  : >"$WORK/out"
  (cd "$1" && exec "$MOC" serve --port 0 --as-of 2026-10-01) >"$WORK/out" 2>&1 &
  PID=$!
  URL=
  for _ in $(seq 200); do
    URL=$(grep -o 'http://[^ ]*' "$WORK/out" || true)
    [ -n "$URL" ] && return
    sleep 0.05
  done
  echo "moc serve did not start" >&2
  exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
ttfb() { curl -s -o /dev/null -w '%{time_starttransfer}\n' "$1"; }
median_ms() { sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]*1000}'; }
# RUNS timings of a URL, each after running a command (e.g. touching a file)
times() { local before=$1 url=$2; for _ in $(seq "$RUNS"); do $before; ttfb "$url"; done; }
nothing() { :; }

start "$WORK/one"
PLAN=$(curl -s "$URL" | grep -o 'href="/plan/[^"]*"' | awk 'NR==1' | sed 's/href="\///; s/"$//')
FILE=$(find "$WORK/one/plans" -name '*.toml' -print -quit)
ttfb "$URL$PLAN" >/dev/null
touch_plan() { touch "$FILE"; }
page=$(times nothing "$URL$PLAN" | median_ms)
first=$(times touch_plan "$URL$PLAN" | median_ms)
ITEM=$(curl -s "$URL$PLAN" | grep -o 'href="/plan/[^"]*/item/[^"]*"' | awk 'NR==1' | sed 's/href="\///; s/"$//')
item=$(times nothing "$URL$ITEM" | median_ms)
bytes=$(curl -s "$URL$PLAN" | wc -c)
stop

start "$WORK/region"
sleep 5   # let the server's own first reading of the region (at start) finish
touch_all() { find "$WORK/region/plans" -name '*.toml' -exec touch {} +; }
index_cold=$(RUNS=5 times touch_all "$URL" | median_ms)
index=$(times nothing "$URL" | median_ms)
ONE=$(find "$WORK/region/plans" -name '*.toml' -print -quit)
touch_one() { touch "$ONE"; }
index_one=$(times touch_one "$URL" | median_ms)
index_bytes=$(curl -s "$URL" | wc -c)
stop

# the same region through `moc status` (start-up included), to compare with BENCHMARKS.md's table
status=$(cd "$WORK/region" && for _ in 1 2 3 4 5; do
  a=$(date +%s%N); "$MOC" status --as-of 2026-10-01 >/dev/null; b=$(date +%s%N)
  echo "$(( (b - a) / 1000 ))e-6"
done | awk '{printf "%f\n", $1}' | median_ms)

echo "| page | ms (median of $RUNS) |"
echo "|---|---:|"
echo "| plan of 100 items, seen before ($((bytes / 1024)) KB of HTML) | $page |"
echo "| plan of 100 items, its file changed (read, checked, evaluated again) | $first |"
echo "| an item of it, with its git history (1 commit) | $item |"
echo "| index of 1 000 plans × 100 items, every plan changed (all read again; median of 5) | $index_cold |"
echo "| index of 1 000 plans, seen before ($((index_bytes / 1024)) KB of HTML) | $index |"
echo "| index of 1 000 plans, one plan changed | $index_one |"
echo "| (for comparison: \`moc status\` over the same region, median of 5) | $status |"
