#!/usr/bin/env bash
# Benchmark 3 (issue 8): rate accuracy. For each target rate, `telemetra produce` runs for
# DURATION against a local broker; the records are then read back and their timestamps
# (CreateTime, stamped by the producer at send()) bucketed into 1-second windows.
# Target: mean within 1% of the rate, no full 1-second window off by more than 5%.
#
#   bench/rate.sh                                  # 100, 10,000 and 100,000 msgs/s, 30 s each
#   RATES="100 10000" DURATION=10s bench/rate.sh   # shorter
source "$(dirname "$0")/lib.sh"
RATES="${RATES:-100 10000 100000}"
DURATION="${DURATION:-30s}"
export -n RATES DURATION  # ours, not telemetra's: keep them out of its environment
build
log "$(machine)"
PORT="$(free_port)"
start_broker "$PORT"
BOOT="127.0.0.1:$PORT"
echo "rate accuracy, $DURATION per rate, broker on $BOOT"
echo "| target/s | records | span s | achieved mean/s | mean error | windows | min/s | max/s | worst window error | windows > 5% | target |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
status=0
for rate in $RATES; do
  prefix="rate.$rate.$(date +%s)"
  log "telemetra produce at $rate/s for $DURATION"
  KAFKA_BOOTSTRAP_SERVERS="$BOOT" RATE_PER_SEC="$rate" DURATION="$DURATION" SEED=42 TOPIC_PREFIX="$prefix" STATS_INTERVAL=10s \
    java ${JAVA_OPTS:-} -jar "$JAR" produce >/dev/null 2>"$OUT/rate-$rate.log" || { log "produce failed: see $OUT/rate-$rate.log"; status=1; continue; }
  bench_java io.telemetra.bench.KafkaBench rate "$BOOT" "$prefix" "$rate" 0.05 2>/dev/null || status=1
  grep -h "Fell more than 1 s behind" "$OUT/rate-$rate.log" | sed 's/^.*WARN/  producer warned:/' || true
done
exit $status
