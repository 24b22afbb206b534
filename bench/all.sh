#!/usr/bin/env bash
# `make bench`: all five benchmarks of issue 8, one after the other (about 15 minutes).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
echo "## $(date -u +%FT%TZ) on $(hostname): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load$(uptime | sed 's/.*load average//')"
status=0
for b in generation e2e rate scale startup; do
  echo; echo "### $b"
  "$here/$b.sh" || status=1
done
exit $status
