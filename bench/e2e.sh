#!/usr/bin/env bash
# Benchmark 2 (issue 8): telemetra produce against Kafka's own ProducerPerformance, with the
# same broker, the same payloads (real generated events), the same record count and the same
# producer settings (those of io.telemetra.produce.KafkaSink.producerConfig).
#
#   bench/e2e.sh                     # N=1000000 records
#   N=300000 PROFILE=1 bench/e2e.sh  # PROFILE=1: JFR on the telemetra run, hottest methods printed
#   PROBE=0 bench/e2e.sh             # skip the extra in-process run that reads telemetra's batching metrics
#
# Prints both records/s and the ratio telemetra / ProducerPerformance (target >= 0.9).
source "$(dirname "$0")/lib.sh"
N="${N:-1000000}"
PAYLOADS="${PAYLOADS:-100000}"   # distinct payload lines; ProducerPerformance picks among them at random
SEED="${SEED:-42}"
build
log "$(machine)"
PORT="$(free_port)"
start_broker "$PORT"
BOOT="127.0.0.1:$PORT"
log "broker on $BOOT"

# Real generated events: the value of each stdout envelope, one JSON document per line.
payload="$OUT/payload.txt"
java -jar "$JAR" produce --sink stdout --rate-per-sec max --max-events "$PAYLOADS" --seed "$SEED" 2>/dev/null \
  | sed -E 's/^\{"topic":"[^"]*","key":"[^"]*","value":(.*)\}$/\1/' >"$payload"
log "payload file: $(wc -l <"$payload") events, $(($(wc -c <"$payload") / $(wc -l <"$payload"))) bytes/event on average"

# The same settings as KafkaSink.producerConfig (acks, idempotence, in-flight, compression, linger, batch, buffer).
PROPS=(bootstrap.servers="$BOOT" acks=all enable.idempotence=true max.in.flight.requests.per.connection=5
  compression.type=lz4 linger.ms=5 batch.size=131072 buffer.memory=67108864)
# Same partition count as the topics telemetra creates (TOPIC_PARTITIONS default 3).
bench_java io.telemetra.bench.KafkaBench create-topic "$BOOT" perf 3
log "ProducerPerformance: $N records"
b0="$(broker_cpu)"
TIMEFORMAT="%U %S"
{ time bench_java org.apache.kafka.tools.ProducerPerformance --topic perf --num-records "$N" --throughput -1 \
  --payload-file "$payload" --print-metrics --producer-props "${PROPS[@]}" 2>/dev/null >"$OUT/e2e-perf.txt" ; } 2>"$OUT/e2e-perf.cpu"
perf_broker_cpu="$(awk -v a="$b0" -v b="$(broker_cpu)" 'BEGIN { print b - a }')"
grep "records sent" "$OUT/e2e-perf.txt" | tail -1 >&2
perf_rate="$(grep "records sent" "$OUT/e2e-perf.txt" | tail -1 | sed -E 's/^[0-9]+ records sent, ([0-9.]+) records\/sec.*/\1/')"

log "telemetra produce: $N records"
java_opts="${JAVA_OPTS:-}"
if [[ -n "${PROFILE:-}" ]]; then
  java_opts="$java_opts -XX:StartFlightRecording=filename=$OUT/e2e-telemetra.jfr,settings=profile"
fi
b0="$(broker_cpu)"
{ time KAFKA_BOOTSTRAP_SERVERS="$BOOT" RATE_PER_SEC=max MAX_EVENTS="$N" SEED="$SEED" TOPIC_PREFIX="e2e.$(date +%s)" STATS_INTERVAL=1h \
  java $java_opts -jar "$JAR" produce >/dev/null 2>"$OUT/e2e-telemetra.log" ; } 2>"$OUT/e2e-telemetra.cpu"
tele_broker_cpu="$(awk -v a="$b0" -v b="$(broker_cpu)" 'BEGIN { print b - a }')"
grep -A6 "Summary:" "$OUT/e2e-telemetra.log" >&2
tele_rate="$(sed -nE 's/.*Summary: [0-9]+ events produced in [0-9.]+ s \(([0-9.]+) events\/s.*/\1/p' "$OUT/e2e-telemetra.log")"

printf '| ProducerPerformance records/s | telemetra produce records/s | ratio | target 0.9 |\n|---:|---:|---:|---|\n'
awk -v p="$perf_rate" -v t="$tele_rate" 'BEGIN { r = t / p; printf "| %.0f | %.0f | %.3f | %s |\n", p, t, r, (r >= 0.9 ? "met" : "MISSED") }'
# CPU seconds (user+sys) per million records: the producer process and the broker, per tool.
cpu() { awk -v n="$N" '{ printf "%.1f", ($1 + $2) * 1e6 / n }' "$1"; }
printf '\n| CPU s per 1M records | producer process | broker |\n|---|---:|---:|\n'
printf '| ProducerPerformance | %s | %s |\n' "$(cpu "$OUT/e2e-perf.cpu")" "$(awk -v c="$perf_broker_cpu" -v n="$N" 'BEGIN { printf "%.1f", c * 1e6 / n }')"
printf '| telemetra produce | %s | %s |\n' "$(cpu "$OUT/e2e-telemetra.cpu")" "$(awk -v c="$tele_broker_cpu" -v n="$N" 'BEGIN { printf "%.1f", c * 1e6 / n }')"
# How full ProducerPerformance's batches were (ProduceProbe prints the same metrics for telemetra).
printf '\nProducerPerformance batching: '
grep -E "^producer-metrics:(batch-size-avg|records-per-request-avg|record-size-avg|compression-rate-avg):" "$OUT/e2e-perf.txt" \
  | sed -E 's/^producer-metrics:([a-z-]+):.*: *([0-9.]+)$/\1=\2/' | tr '\n' ' '
echo
if [[ "${PROBE:-1}" == 1 ]]; then
  # The same run once more, in-process, only to read the Kafka client's batching metrics.
  printf 'telemetra batching (ProduceProbe, not timed): '
  KAFKA_BOOTSTRAP_SERVERS="$BOOT" RATE_PER_SEC=max MAX_EVENTS="$N" SEED="$SEED" TOPIC_PREFIX="probe.$(date +%s)" STATS_INTERVAL=1h \
    bench_java io.telemetra.bench.ProduceProbe 2>/dev/null \
    | grep -E "^  (batch-size-avg|records-per-request-avg|record-size-avg|compression-rate-avg) " \
    | awk '{ printf "%s=%s ", $1, $2 }'
  echo
fi
if [[ -n "${PROFILE:-}" ]]; then
  bench_java io.telemetra.bench.JfrTop "$OUT/e2e-telemetra.jfr" 25
fi
