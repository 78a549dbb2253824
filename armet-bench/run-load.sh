#!/usr/bin/env bash
# End-to-end load benchmark: bare Jetty hello-world vs the same behind ArmetFilter.
# Builds armet-bench/target/benchmarks.jar if it is missing or older than the sources,
# then runs dev.armet.bench.LoadBenchmark; arguments are passed through, e.g.
#   armet-bench/run-load.sh --rounds 5 --seconds 10 --threads 2 --connections 50
# Each Java target runs in a JVM of its own with the flags below (as a production JVM serves one
# stack); --same-jvm serves them all in the harness's JVM instead.
# Uses Debian's wrk when it is on the PATH (apt-get install -y wrk), else an in-repo Java client.
# The targets express, express-redis and express-redis-cluster (the Express stack, a node child
# process; plain HTTP only) need node 20+ and npm on the PATH; the first run installs the locked
# packages with npm ci into armet-bench/target/express-stack, e.g.
#   armet-bench/run-load.sh --targets bare,armet-full,armet-full-redis,express,express-redis \
#     --rounds 3 --seconds 10 --warmup 10 --connections 64
set -euo pipefail
cd "$(dirname "$0")/.."

find_jdk25() {
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if [ -n "$d" ] && [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -q 'version "25'; then
      echo "$d"; return 0
    fi
  done
  echo "run-load.sh needs a JDK 25 (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  return 1
}
JDK=$(find_jdk25)
JAR=armet-bench/target/benchmarks.jar

if [ ! -f "$JAR" ] || [ -n "$(find armet-core/src armet-servlet/src armet-server/src armet-bench/src armet-bench/pom.xml pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "building $JAR" >&2
  JAVA_HOME="$JDK" mvn -B -q package -pl armet-bench -am -DskipTests
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "note: wrk is not installed (apt-get install -y wrk); the in-repo Java client will be used" >&2
fi

exec "$JDK/bin/java" -Xms1g -Xmx1g -XX:+UseG1GC -cp "$JAR" dev.armet.bench.LoadBenchmark "$@"
