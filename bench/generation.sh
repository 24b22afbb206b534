#!/usr/bin/env bash
# Benchmark 1 (issue 8): JMH, one thread: events/s from simulation to JSON bytes, per event type
# and for the mix, with JMH's GC profiler (allocation per event); then bytes per event.
# Target: >= 2,000,000 mixed events/s on one core.
#
#   bench/generation.sh                          # everything (~6 minutes)
#   bench/generation.sh -p type=mix -wi 2 -i 3   # extra arguments go to JMH
#   JFR=1 bench/generation.sh -p type=mix        # also records a JFR profile and prints the hottest methods
source "$(dirname "$0")/lib.sh"
build
log "$(machine)"
extra=()
if [[ -n "${JFR:-}" ]]; then
  extra+=(-jvmArgsAppend "-XX:StartFlightRecording=filename=$OUT/generation.jfr,settings=profile")
fi
bench_java org.openjdk.jmh.Main GenerationBenchmark -prof gc -rf json -rff "$OUT/generation.json" "${extra[@]}" "$@" \
  | tee "$OUT/generation.txt" | sed -n '/^Benchmark /,$p' | grep -v -E ':gc\.(count|time)|gc\.alloc\.rate +'
echo
echo "the same work in events per CPU-second of the generating thread (robust to a busy machine):"
bench_java io.telemetra.bench.GenerationCpu 2000000 5 2>/dev/null
echo
echo "bytes per event (JSON value), first 1,000,000 events of seed 42, 10 channels:"
bench_java io.telemetra.bench.EventSizes 1000000 10 2>/dev/null
if [[ -n "${JFR:-}" ]]; then
  bench_java io.telemetra.bench.JfrTop "$OUT/generation.jfr" 25
fi
