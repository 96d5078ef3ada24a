#!/usr/bin/env bash
# The shop reference warehouse, end to end, on the embedded DuckDB target:
#   1. generate the raw feeds (volumes from project/generator.yml) ending three days ago,
#   2. tsdbt build (seeds, snapshot, models, data tests), source freshness, the docs site.
# Then `npm run next-day` adds one more day and builds incrementally.
# Dates are relative to today because fact_events is a daily microbatch model: like dbt, it
# builds the batches up to now, and rows dated in the future are quarantined.
# Usage: scripts/main-job.sh [extra tsdbt build flags]   (SHOP_DAYS overrides the day count)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/cli/main.js ]; then npm run build; fi
tsdbt() { node bin/tsdbt.js "$@"; }
step() { printf '\n=== %s\n' "$*"; }

DAYS="${SHOP_DAYS:-$(node -e "const t=require('fs').readFileSync('project/generator.yml','utf8');const m=t.match(/^days:\s*(\d+)/m);console.log(m?m[1]:30)")}"
START="$(node -e "console.log(new Date(Date.now() - ($DAYS + 2) * 864e5).toISOString().slice(0, 10))")"
VARS="{events_begin: '$START'}"
started=$(date +%s)

step "Generate $DAYS days of raw feeds from $START"
# A new dataset reuses ids with new contents: start from an empty warehouse, or the snapshot
# and the incremental facts would mix the old dataset with the new one.
rm -f target/shop.duckdb target/shop.duckdb.wal
tsdbt generate --start-date "$START" --days "$DAYS"

step "Build the warehouse (seeds, snapshot, models, data tests)"
tsdbt build --vars "$VARS" "$@"

step "Source freshness (warn after 24 h, error after 48 h without a load)"
tsdbt source freshness

step "Docs"
tsdbt docs generate --vars "$VARS"

finished=$(date +%s)
cat <<DONE

Done in $((finished - started))s.
  DuckDB warehouse: $(pwd)/target/shop.duckdb   (schemas analytics_staging, _intermediate, _marts, _analytics, _audit)
  Docs site:        $(pwd)/target/docs/index.html   (or: npx tsdbt docs serve --port 8080)
  Raw feeds:        $(pwd)/data/raw
  Run log:          select * from analytics_audit.pipeline_runs order by started_at
Next: npm run next-day   (generates one more day and builds it incrementally: fact_orders MERGE n)
DONE
