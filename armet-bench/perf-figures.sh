#!/usr/bin/env bash
# Regenerates the full-stack figures of docs/PERFORMANCE.md (issue 18): every full-stack target
# against bare Jetty in one run, interleaved rounds, and writes docs/perf/full-stack.md (the table,
# with the command and the load average) and docs/perf/full-stack.svg (the chart) beside it.
# Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (db test), as the tests do.
# Extra arguments go to the harness, e.g. --rounds 5 --seconds 20 --warmup 40 on a quiet machine.
#
# With --https first (issue 18, goal 6): the in-memory targets twice more, over HTTPS with HTTP/1.1
# (wrk, --tls) and over HTTP/2 (h2load -c64 -m10 -t2, --h2), all behind one TLS 1.3 setup, each
# with the full-handshake rate of armet-full against bare; writes docs/perf/full-stack-tls.* and
# docs/perf/full-stack-h2.*. Extra arguments after it go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--https" ]; then
  shift
  for mode in tls h2; do
    armet-bench/run-load.sh \
      --targets bare,jetty-session,armet-full,armet-full-fastpath,spring-security,bucket4j,armet-ratelimit \
      --rounds 3 --seconds 10 --warmup 10 --connections 64 --streams 10 --"$mode" \
      --report docs/perf/full-stack-"$mode" "$@"
  done
  exit 0
fi
# The Express stack (issue 18, goal 3: armet-full-redis against Express on Redis) is in the same
# run when node 20+ and npm are on the PATH (ExpressStack; npm ci into armet-bench/target the first
# time); without them the run goes on without it. express-redis-cluster (node:cluster, 2 workers)
# is not in the default list: add it with --targets. armet-full-redis parks requests while Redis
# decides (asyncStoreCalls), armet-full-redis-sync waits on the request thread, both in the run.
# With the defaults this run takes ~9 minutes.
TARGETS=bare,jetty-session,armet-full,armet-full-fastpath,spring-security,bucket4j,armet-ratelimit,armet-full-redis,armet-full-redis-sync,armet-full-jdbc
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  TARGETS=$TARGETS,express,express-redis
else
  echo "note: node and npm are not on the PATH; the express targets are left out" >&2
fi
exec armet-bench/run-load.sh \
  --targets "$TARGETS" \
  --rounds 3 --seconds 10 --warmup 10 --connections 64 \
  --report docs/perf/full-stack "$@"
