#!/usr/bin/env bash
# A/B timing of whole `parley code -q` runs, alternating binaries so that a
# busy shared machine affects both alike. Prints per-run wall seconds and
# peak RSS, then the median wall time, MB/s of article text and median RSS
# per command.
#   bench/ab.sh RUNS "LABEL=COMMAND" ...   (COMMAND is run by bash, output to /dev/null)
# Example:
#   bench/ab.sh 5 "base=/tmp/base/parley code -q --threads 1 ../shared/corpus/*.jsonl" \
#                 "new=build/parley code -q --threads 1 ../shared/corpus/*.jsonl"
# MB/s uses MB_TEXT (default 18.83, the corpus's article text in MB).
set -uo pipefail
runs=$1
shift
mb=${MB_TEXT:-18.83}
declare -A walls cpus rss
for ((r = 1; r <= runs; r++)); do
  for spec in "$@"; do
    label=${spec%%=*}
    cmd=${spec#*=}
    read -r wall user sys kb < <( { /usr/bin/time -f "%e %U %S %M" bash -c "$cmd > /dev/null 2>/dev/null"; } 2>&1 | tail -1)
    cpu=$(python3 -c "print(round($user + $sys, 2))")
    walls[$label]+="$wall "
    cpus[$label]+="$cpu "
    rss[$label]+="$kb "
    echo "run $r $label: wall $wall s, cpu $cpu s, $((kb / 1024)) MiB"
  done
done
for spec in "$@"; do
  label=${spec%%=*}
  python3 - "$label" "$mb" "${walls[$label]}" "${cpus[$label]}" "${rss[$label]}" <<'PY'
import statistics, sys
label, mb = sys.argv[1], float(sys.argv[2])
walls, cpus, rss = ([float(x) for x in a.split()] for a in sys.argv[3:6])
med, cpu = statistics.median(walls), statistics.median(cpus)
print(f"{label}: wall median {med:.3f} s ({mb / med:.2f} MB/s), best {min(walls):.3f} s ({mb / min(walls):.2f} MB/s); "
      f"cpu median {cpu:.3f} s ({mb / cpu:.2f} MB/s per core), best {min(cpus):.3f} s; "
      f"peak RSS median {statistics.median(rss) / 1024:.1f} MiB")
PY
done
