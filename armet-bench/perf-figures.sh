#!/usr/bin/env bash
# Regenerates the full-stack figures of docs/PERFORMANCE.md (issue 18): every full-stack target
# against bare Jetty in one run, interleaved rounds, and writes docs/perf/full-stack.md (the table,
# with the command and the load average) and docs/perf/full-stack.svg (the chart) beside it.
# Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (db test), as the tests do.
# Extra arguments go to the harness, e.g. --rounds 5 --seconds 20 --warmup 40 on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
exec armet-bench/run-load.sh \
  --targets bare,jetty-session,armet-full,armet-full-fastpath,spring-security,bucket4j,armet-ratelimit,armet-full-redis,armet-full-jdbc \
  --rounds 3 --seconds 10 --warmup 10 --connections 64 \
  --report docs/perf/full-stack "$@"
