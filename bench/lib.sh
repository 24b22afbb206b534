# Shared helpers for the benchmark scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/telemetra.jar"
BENCH_JAR="$ROOT/target/bench/telemetra-bench.jar"
OUT="${BENCH_OUT:-$ROOT/target/bench/results}"
mkdir -p "$OUT"

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

stale() { # stale JAR DIR...: true when JAR is missing or older than a source file
  local jar="$1"; shift
  [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$@" -newer "$jar" -type f 2>/dev/null | head -1)" ]]
}

# Builds target/telemetra.jar (the product) and target/bench/telemetra-bench.jar (product +
# benchmarks + JMH + kafka-tools, built by the `bench` Maven profile) when out of date.
build() {
  if stale "$JAR" "$ROOT/src/main" "$ROOT/schemas"; then
    log "building $JAR"; (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
  fi
  if stale "$BENCH_JAR" "$ROOT/src/main" "$ROOT/src/jmh" "$ROOT/schemas"; then
    log "building $BENCH_JAR"; (cd "$ROOT" && mvn -B -q -Pbench -DskipTests package) >&2
  fi
}

bench_java() { java ${BENCH_JAVA_OPTS:-} -cp "$BENCH_JAR" "$@"; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # wait_port PORT SECONDS
  local deadline=$((SECONDS + $2))
  until port_open "$1"; do
    if ((SECONDS >= deadline)); then log "port $1 did not open within $2 s"; return 1; fi
    sleep 0.05
  done
}

BROKER_PID=""
BROKER_DIR=""
# start_broker PORT: `telemetra broker` in the background, its data in a fresh directory.
start_broker() {
  BROKER_DIR="$(mktemp -d /tmp/telemetra-bench-broker.XXXXXX)"
  java -Xmx1g -jar "$JAR" broker --port "$1" --data-dir "$BROKER_DIR/data" >"$BROKER_DIR/broker.log" 2>&1 &
  BROKER_PID=$!
  trap stop_broker EXIT
  wait_port "$1" 90
}

stop_broker() {
  if [[ -n "$BROKER_PID" ]]; then
    kill "$BROKER_PID" 2>/dev/null || true
    wait "$BROKER_PID" 2>/dev/null || true
    BROKER_PID=""
  fi
  if [[ -n "$BROKER_DIR" ]]; then rm -rf "$BROKER_DIR"; BROKER_DIR=""; fi
}

# CPU seconds (user+sys) the broker process has used so far.
broker_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$BROKER_PID/stat"
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); load:$(uptime | sed 's/.*load average://')"
}
