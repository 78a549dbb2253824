#!/bin/sh
# Store throughput (issue 6): ./armet-bench/stores-bench.sh STORE_URI [threads] [seconds]
# Builds armet-bench and its dependencies (no install), then runs dev.armet.bench.StoreBench.
# JDBC runs leave their bench<random>_* tables behind, to inspect; drop them when done.
set -e
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
mvn -B -q -o package dependency:build-classpath -pl armet-bench -am -DskipTests \
  -Darmet.fuzz.skip=true -Dmdep.outputFile=target/stores-bench.cp
exec "$JAVA_HOME/bin/java" -Dlogback.configurationFile=stores-bench-logback.xml -cp "armet-bench/target/classes:$(cat armet-bench/target/stores-bench.cp)" \
  dev.armet.bench.StoreBench "$@"
