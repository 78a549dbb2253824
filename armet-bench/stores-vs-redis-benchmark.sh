#!/bin/sh
# Rate-limit decisions/s through armet-redis vs redis-benchmark running the same EVALSHA with the
# same arguments and as many clients, interleaved in ROUNDS rounds so both see the same machine.
#   ./armet-bench/stores-vs-redis-benchmark.sh [redis://127.0.0.1:6379/0] [clients=16] [rounds=3]
set -e
cd "$(dirname "$0")/.."
URI=${1:-redis://127.0.0.1:6379/0}; CLIENTS=${2:-16}; ROUNDS=${3:-3}
i=1
while [ "$i" -le "$ROUNDS" ]; do
  out=$(./armet-bench/stores-bench.sh "$URI" "$CLIENTS" 8 decisions 2>/dev/null | grep -v WARNING)
  echo "$out" | grep -E 'decisions/s|round trips'
  # -q before the command: whatever follows the command is its arguments.
  cmd=$(echo "$out" | sed -n 's/^redis-benchmark equivalent: //p' | sed 's/-n 300000/-q -n 60000/')
  echo "redis-benchmark: $(sh -c "$cmd" 2>/dev/null | tr '\r' '\n' | grep 'requests per second' | tail -1)"
  i=$((i + 1))
done
