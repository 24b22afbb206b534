#!/usr/bin/env bash
# Benchmark 5 (issue 8): time from launching `telemetra produce` to its first acknowledged event,
# with the embedded broker and with an external one (`telemetra broker`, another process,
# already running). MAX_EVENTS=1: the run sends one event and flushes, and logs its summary
# line the moment that event is acknowledged; the time is taken when that line appears.
#
#   bench/startup.sh            # 5 runs each
#   RUNS=3 bench/startup.sh
source "$(dirname "$0")/lib.sh"
RUNS="${RUNS:-5}"
build
log "$(machine)"

now_ms() { date +%s%3N; }

# first_ack ENV...: ms from launch until the summary line (the first event acknowledged).
first_ack() {
  local start line
  start="$(now_ms)"
  env "$@" MAX_EVENTS=1 SEED=42 java ${JAVA_OPTS:-} -jar "$JAR" produce 2>&1 >/dev/null | while IFS= read -r line; do
    if [[ "$line" == *"Summary: 1 events produced"* ]]; then echo $(($(now_ms) - start)); fi
  done
}

stats() { sort -n | awk '{ a[NR] = $1 } END { printf "%d | %d | %d", a[1], a[int((NR + 1) / 2)], a[NR] }'; }

echo "| broker | runs | min ms | median ms | max ms |"
echo "|---|---:|---:|---:|---:|"
embedded=()
for ((i = 0; i < RUNS; i++)); do
  embedded+=("$(first_ack EMBEDDED_BROKER_PORT="$(free_port)" TOPIC_PREFIX="startup.e$i")")
done
echo "| embedded (in the producer's JVM, fresh data dir) | $RUNS | $(printf '%s\n' "${embedded[@]}" | stats) |"

PORT="$(free_port)"
t0="$(now_ms)"
start_broker "$PORT"
broker_ms=$(($(now_ms) - t0))
external=()
for ((i = 0; i < RUNS; i++)); do
  external+=("$(first_ack KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$PORT" TOPIC_PREFIX="startup.x$i")")
done
echo "| external (\`telemetra broker\` already running) | $RUNS | $(printf '%s\n' "${external[@]}" | stats) |"
echo
echo "external broker process: port open ${broker_ms} ms after launch"
