#!/usr/bin/env bash
# End-to-end timings of the release binary against the floor (read + parse the same TOML files).
# Writes Markdown tables to stdout; see BENCHMARKS.md for the method.
#
#   scripts/bench.sh [RUNS] [SIZES]
#
# RUNS: runs per figure, the median reported (default 7). SIZES:
#   all    (default) the regions from 1 × 50 to 1 000 × 100 plans × items, then the scale table:
#          10 000, 100 000 and 1 000 000 items
#   small  only the first table
#   big    only the scale table (100 × 100, 1 000 × 100, 10 000 × 100)
#   goals  the speed goals of «The regional centre's year», interleaved: RUNS rounds (default 7;
#          31 gives a steadier figure), each running the floor and then status and overdue at
#          10 000 items, the floor and then report at 100 000 items; each round's ratio to the
#          floor of the same round, and the median and quartiles of those ratios. A shared
#          machine's speed drifts over minutes: a ratio taken within a round does not.
# BIG_RUNS: runs per figure at 1 000 000 items (default 3; each run takes seconds there).
# The regions are written under $TMPDIR (1 000 000 items take about 430 MB) and removed as soon as
# they are measured.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
SIZES=${2:-all}
BIG_RUNS=${BIG_RUNS:-3}
case "$SIZES" in
  all | small | big | goals) ;;
  *)
    echo "usage: scripts/bench.sh [RUNS] [all|small|big|goals]" >&2
    exit 2
    ;;
esac
cargo build --release --quiet --bin moc --example genplans --example floor
MOC=$PWD/target/release/moc
FLOOR=$PWD/target/release/examples/floor
GEN=$PWD/target/release/examples/genplans
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# median of N runs of a command (N = $n, else RUNS): wall seconds (nanosecond clock), then of one
# more run the peak RSS in KB and the CPU seconds (user + system, all threads)
measure() {
  local runs=${n:-$RUNS}
  local walls=() rss
  for _ in $(seq "$runs"); do
    local a b
    a=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    b=$(date +%s%N)
    walls+=("$(((b - a) / 1000))")
  done
  /usr/bin/time -f "%M %U %S" -o "$WORK/t" "$@" >/dev/null 2>&1 || true
  read -r rss cu cs <"$WORK/t"
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk -v n="$runs" 'NR==int((n+1)/2){print}')
  awk -v us="$median" -v m="$rss" -v cpu="$(awk -v u="$cu" -v s="$cs" 'BEGIN{ print u + s }')" \
    'BEGIN{ printf "%.3f %d %.2f\n", us/1e6, m, cpu }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "—" }'; }

# one region: generated, every command measured beside the floor, removed; a table row
row() {
  local plans=$1 items=$2 label=$3
  local dir="$WORK/r${plans}x$items"
  "$GEN" "$dir" "$plans" "$items" >/dev/null
  local mb f c cm s sm o om r rm fm fc cc sc oc rc
  mb=$(du -sb "$dir/plans" | awk '{printf "%.1f", $1/1048576}')
  cd "$dir"
  read -r f fm fc < <(measure "$FLOOR" plans)
  read -r c cm cc < <(measure "$MOC" check --as-of 2026-10-01)
  read -r s sm sc < <(measure "$MOC" status --as-of 2026-10-01)
  read -r o om oc < <(measure "$MOC" overdue --as-of 2026-10-01)
  read -r r rm rc < <(measure "$MOC" report --as-of 2026-10-01)
  cd - >/dev/null
  rm -rf "$dir"
  local mem="$((cm / 1024)) / $((sm / 1024)) / $((om / 1024)) / $((rm / 1024))"
  if [ "$label" = scale ]; then
    mem="$((fm / 1024)) / $mem | $fc / $cc / $sc / $oc / $rc"
    label="$(awk -v n=$((plans * items)) 'BEGIN{ s = n ""; o = ""; while (length(s) > 3) { o = " " substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }; print s o }') ($plans × $items)"
  else
    label="$plans × $items"
  fi
  echo "| $label | $mb | $f | $c ($(ratio "$c" "$f")) | $s ($(ratio "$s" "$f")) | $o ($(ratio "$o" "$f")) | $r ($(ratio "$r" "$f")) | $mem |"
}

echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# wall seconds of one run
once() {
  local a b
  a=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  b=$(date +%s%N)
  awk -v ns="$((b - a))" 'BEGIN{ printf "%.4f\n", ns/1e9 }'
}

if [ "$SIZES" = goals ]; then
  "$GEN" "$WORK/g10k" 100 100 >/dev/null
  "$GEN" "$WORK/g100k" 1000 100 >/dev/null
  : >"$WORK/status" && : >"$WORK/overdue" && : >"$WORK/report" && : >"$WORK/events" && : >"$WORK/report_ev"
  for _ in $(seq "$RUNS"); do
    cd "$WORK/g10k"
    f=$(once "$FLOOR" plans)
    s=$(once "$MOC" status --as-of 2026-10-01)
    o=$(once "$MOC" overdue --as-of 2026-10-01)
    cd "$WORK/g100k"
    f100=$(once "$FLOOR" plans)
    r=$(once "$MOC" report --as-of 2026-10-01)
    e100=$(once "$FLOOR" plans --events)
    ratio "$s" "$f" >>"$WORK/status" && echo >>"$WORK/status"
    ratio "$o" "$f" >>"$WORK/overdue" && echo >>"$WORK/overdue"
    ratio "$r" "$f100" >>"$WORK/report" && echo >>"$WORK/report"
    ratio "$e100" "$f100" >>"$WORK/events" && echo >>"$WORK/events"
    ratio "$r" "$e100" >>"$WORK/report_ev" && echo >>"$WORK/report_ev"
  done
  echo "Interleaved: $RUNS rounds; each ratio is of one round (the command against the floor run just before it)."
  echo
  echo "| goal | median ratio | quartiles | fastest round | slowest round |"
  echo "|---|---:|---|---:|---:|"
  for g in '`status` at 10 000 items within 1.0×:status' \
    '`overdue` at 10 000 items within 1.0×:overdue' \
    '`report` at 100 000 items within 1.0×:report' \
    '(reference) the parser alone (`floor --events`) at 100 000 items:events' \
    '(reference) `report` against the parser alone:report_ev'; do
    name=${g%%:*}
    file=${g##*:}
    sort -g "$WORK/$file" | awk -v name="$name" '{ v[NR] = $1 } END {
      n = NR; m = v[int((n + 1) / 2)]; q1 = v[int((n + 3) / 4)]; q3 = v[int((3 * n + 1) / 4)]
      printf "| %s | %s | %s–%s | %s | %s |\n", name, m, q1, q3, v[1], v[n]
    }'
  done
  echo
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

if [ "$SIZES" != big ]; then
  echo "| plans × items | MB | floor s | check s (×) | status s (×) | overdue s (×) | report s (×) | peak RSS MB: check / status / overdue / report |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  for cfg in "1 50" "50 100" "100 100" "200 100" "500 100" "1000 100"; do
    # shellcheck disable=SC2086
    row $cfg plain
  done

  # one seed plan, start-up included
  read -r one onem _ < <(measure "$MOC" status plans/mosalsk-2026.toml --as-of 2026-10-01)
  read -r oneflo _ < <(measure "$FLOOR" plans)
  echo
  echo "One seed plan (plans/mosalsk-2026.toml), moc status: ${one} s, peak RSS $((onem / 1024)) MB; floor over plans/: ${oneflo} s"
  echo
fi

if [ "$SIZES" != small ]; then
  echo "Scale: median of $RUNS runs (of $BIG_RUNS at 1 000 000 items)."
  echo
  echo "| items (plans × items) | MB | floor s | check s (×) | status s (×) | overdue s (×) | report s (×) | peak RSS MB: floor / check / status / overdue / report | CPU s (one run): floor / check / status / overdue / report |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
  row 100 100 scale
  row 1000 100 scale
  n=$BIG_RUNS row 10000 100 scale
fi
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
