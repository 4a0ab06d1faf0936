#!/usr/bin/env bash
# End-to-end timings of the release binary against the floor (read + parse the same TOML files).
# Writes a Markdown table to stdout; see BENCHMARKS.md for the method.
#
#   scripts/bench.sh [RUNS]        (default 7 runs per figure; the median is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
cargo build --release --quiet --bin moc --example genplans --example floor
MOC=$PWD/target/release/moc
FLOOR=$PWD/target/release/examples/floor
GEN=$PWD/target/release/examples/genplans
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# median of RUNS runs of a command: wall seconds (nanosecond clock) and peak RSS in KB
measure() {
  local walls=() rss
  for _ in $(seq "$RUNS"); do
    local a b
    a=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    b=$(date +%s%N)
    walls+=("$(( (b - a) / 1000 ))")
  done
  /usr/bin/time -f "%M" -o "$WORK/t" "$@" >/dev/null 2>&1 || true
  rss=$(cat "$WORK/t")
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk -v n="$RUNS" 'NR==int((n+1)/2){print}')
  awk -v us="$median" -v m="$rss" 'BEGIN{ printf "%.3f %d\n", us/1e6, m }'
}

echo "| plans × items | MB | floor s | check s (×) | status s (×) | overdue s (×) | report s (×) | peak RSS MB: check / status / overdue / report |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for cfg in "1 50" "50 100" "100 100" "200 100" "500 100" "1000 100"; do
  set -- $cfg
  dir="$WORK/r$1x$2"
  "$GEN" "$dir" "$1" "$2" >/dev/null
  mb=$(du -sb "$dir/plans" | awk '{printf "%.1f", $1/1048576}')
  cd "$dir"
  read -r f _ < <(measure "$FLOOR" plans)
  read -r c cm < <(measure "$MOC" check --as-of 2026-10-01)
  read -r s sm < <(measure "$MOC" status --as-of 2026-10-01)
  read -r o om < <(measure "$MOC" overdue --as-of 2026-10-01)
  read -r r rm < <(measure "$MOC" report --as-of 2026-10-01)
  cd - >/dev/null
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "—" }'; }
  echo "| $1 × $2 | $mb | $f | $c ($(ratio "$c" "$f")) | $s ($(ratio "$s" "$f")) | $o ($(ratio "$o" "$f")) | $r ($(ratio "$r" "$f")) | $((cm/1024)) / $((sm/1024)) / $((om/1024)) / $((rm/1024)) |"
done

# one seed plan, start-up included
read -r one onem < <(measure "$MOC" status plans/mosalsk-2026.toml --as-of 2026-10-01)
read -r oneflo _ < <(measure "$FLOOR" plans)
echo
echo "One seed plan (plans/mosalsk-2026.toml), moc status: ${one} s, peak RSS $((onem/1024)) MB; floor over plans/: ${oneflo} s"
