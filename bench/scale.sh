#!/usr/bin/env bash
# Benchmark 4 (issue 8): backfill (FROM/TO, RATE_PER_SEC=max, --sink stdout to nowhere) at 10,
# 1,000 and 100,000 generated channels, one JVM each: events/s of the produce loop and the live
# heap after a full GC with the simulation still reachable.
# Targets: cost per event within 20% from 10 to 100,000 channels; heap < 512 MB at 100,000.
#
#   bench/scale.sh                                    # 3,000,000 events per channel count
#   EVENTS=1000000 CHANNELS="10 100000" bench/scale.sh
source "$(dirname "$0")/lib.sh"
CHANNELS="${CHANNELS:-10 1000 100000}"
EVENTS="${EVENTS:-3000000}"
build
log "$(machine)"
echo "| channels | events | events/s (wall) | ns/event (wall) | CPU ns/event | CPU cost vs 10 channels | engine build ms | live heap MB | over JVM baseline MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
base=""
for c in $CHANNELS; do
  line="$(BENCH_JAVA_OPTS="-Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-}" bench_java io.telemetra.bench.ScaleBenchmark "$c" "$EVENTS" 2>"$OUT/scale-$c.log" | tail -1)"
  get() { sed -nE "s/.*\b$1=([0-9.]+).*/\1/p" <<<"$line"; }
  cpu="$(get cpu_ns_per_event)"
  base="${base:-$cpu}"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$c" "$(get events)" "$(get events_per_s)" "$(get ns_per_event)" "$cpu" \
    "$(awk -v a="$cpu" -v b="$base" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }')" "$(get build_ms)" "$(get live_heap_mb)" "$(get heap_over_baseline_mb)"
done
