#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 600), two at a time, after seeding the corpora.
# Logs in fuzz/logs/<target>.log; crashes in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
./seed.sh
mkdir -p logs
run() {
  cargo +nightly fuzz run "$1" "corpus/$1" -- -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 > "logs/$1.log" 2>&1
  echo "$1: $(grep -E '^Done|^#[0-9]+.*DONE' "logs/$1.log" | tail -1)"
}
run deadline & run load_check & wait
run import_text & run import_docx & wait
run edit & run export & wait
run import_xml & wait
