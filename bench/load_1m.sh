#!/usr/bin/env bash
# bench/load_1m.sh PF_BIN DATA_DIR OUT_DB: load the generated data directory
# with `policyfacts load`, and record load time, the loader's peak RSS and the
# database size in OUT_DB's stem + .load.txt (read by bench/run.sh).
set -euo pipefail
pf=$1 dir=$2 db=$3
note=${db%.db}.load.txt
facts=$(cat "$dir"/facts_*.csv | python3 -c '
import csv, sys
print(sum(1 for _ in csv.reader(sys.stdin)))')
files=$(ls "$dir"/facts_*.csv | wc -l)
facts=$((facts - files)) # header rows
csv_bytes=$(cat "$dir"/*.csv | wc -c)
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
/usr/bin/time -f '%e %M' -o "$tf" "$pf" load "$dir" -o "$db"
read -r secs maxkb <"$tf"
size=$(stat -c %s "$db")
line=$(awk -v f="$facts" -v s="$secs" -v k="$maxkb" -v b="$size" -v c="$csv_bytes" 'BEGIN {
    printf "%d-fact dataset (%.0f MB of CSV): policyfacts load took %.1f s, loader peak RSS %.0f MB, database %.0f MB", f, c / 1048576, s, k / 1024, b / 1048576 }')
echo "$line" | tee "$note"
