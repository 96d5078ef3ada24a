#!/usr/bin/env bash
# One more day of the shop's raw feeds, built incrementally: fact_orders merges only the new
# day's lines, fact_events adds the new daily batch, the customers snapshot records changes.
# Run after scripts/main-job.sh (npm run main).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f data/raw/_manifest.json ]; then echo "No data yet: run npm run main first." >&2; exit 2; fi
tsdbt() { node bin/tsdbt.js "$@"; }
# The day after the last generated one, and the first day (the microbatch model's begin).
read -r START NEXT < <(node -e "
const m = JSON.parse(require('fs').readFileSync('data/raw/_manifest.json', 'utf8'));
const dates = [...m.dates].sort();
console.log(m.parameters.startDate, new Date(Date.parse(dates[dates.length - 1]) + 864e5).toISOString().slice(0, 10));")
printf '\n=== Generate %s and build incrementally\n' "$NEXT"
tsdbt generate --date "$NEXT"
tsdbt build --vars "{events_begin: '$START'}" "$@"
