#!/usr/bin/env bash
# Load comparison for docs/PERFORMANCE.md ("Spring Boot starter"): the Boot 4.0.7 sample app's
# GET /hello with the starter, without it, and with Spring Security's default chain instead,
# three JVMs with the same flags, wrk rounds interleaved (Spring Security: a signed-in user's
# session cookie). Prints a markdown table of medians; each round's figures go to stderr.
#   armet-spring-boot-tests/perf.sh     # ROUNDS=3 SECONDS_PER=10 WARMUP=10 CONNECTIONS=32
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_PER=${SECONDS_PER:-10}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-32}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
FLAGS=(-Xms512m -Xmx512m -XX:+UseParallelGC)
CPFILE="$PWD/armet-spring-boot-tests/boot-4/target/perf-classpath.txt"
mvn -B -o -q -pl armet-spring-boot-tests/boot-4 -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=test -Dspotless.check.skip=true
CP="$(cat "$CPFILE"):$PWD/armet-spring-boot-tests/boot-4/target/test-classes"
EXCLUDE=$(sed -n 's/^ *+ "\([^"]*\)".*/\1/p' \
  armet-spring-boot-tests/shared/java/dev/armet/spring/boot/it/Samples.java | tr -d '\n')
COMMON=(--spring.main.banner-mode=off --logging.level.root=WARN --management.endpoints.web.exposure.include=health)
declare -A PORT=([plain]=18081 [armet]=18082 [spring-security]=18083)
declare -A ARGS=(
  [plain]="--armet.enabled=false --spring.autoconfigure.exclude=$EXCLUDE"
  [armet]="--spring.autoconfigure.exclude=$EXCLUDE"
  [spring-security]="--armet.enabled=false --spring.security.user.name=bench --spring.security.user.password=bench-pass"
)
TARGETS=(plain armet spring-security)
declare -A PID
cleanup() { for t in "${TARGETS[@]}"; do [ -n "${PID[$t]:-}" ] && kill "${PID[$t]}" 2>/dev/null || true; done; }
trap cleanup EXIT
for t in "${TARGETS[@]}"; do
  # shellcheck disable=SC2086
  "$JAVA" "${FLAGS[@]}" -cp "$CP" dev.armet.spring.boot.it.PerfApp --server.port="${PORT[$t]}" \
    "${COMMON[@]}" ${ARGS[$t]} > "/tmp/perf-$t.log" 2>&1 &
  PID[$t]=$!
done
up() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/login" || true; }
for t in "${TARGETS[@]}"; do
  for _ in $(seq 1 240); do
    code=$(up "${PORT[$t]}")
    [ "$code" != 000 ] && break
    sleep 0.5
  done
  [ "$code" != 000 ] || { echo "$t did not start, see /tmp/perf-$t.log" >&2; exit 1; }
done
# Spring Security's default chain: a signed-in user (form login once, then the session cookie),
# as a browser would send it; the other two need no header.
JAR=$(mktemp)
BASE="http://127.0.0.1:${PORT[spring-security]}"
TOKEN=$(curl -s -c "$JAR" "$BASE/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "username=bench" \
  --data-urlencode "password=bench-pass" --data-urlencode "_csrf=$TOKEN" "$BASE/login"
declare -A HEADER=([plain]="X-Bench: 1" [armet]="X-Bench: 1"
  [spring-security]="Cookie: JSESSIONID=$(awk '$6 == "JSESSIONID" {print $7}' "$JAR")")
rm -f "$JAR"
for t in "${TARGETS[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "${HEADER[$t]}" "http://127.0.0.1:${PORT[$t]}/hello")
  [ "$code" = 200 ] || { echo "$t: GET /hello answered $code, see /tmp/perf-$t.log" >&2; exit 1; }
done
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # target seconds -> "req/s cpu_us_per_req"
  local t=$1 s=$2 before after out rps reqs
  before=$(cpu "${PID[$t]}")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${s}s" -H "${HEADER[$t]}" "http://127.0.0.1:${PORT[$t]}/hello")
  after=$(cpu "${PID[$t]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  if grep -q "Non-2xx" <<<"$out"; then echo "$t: non-2xx answers" >&2; exit 1; fi
  echo "$rps $(( (after - before) * 10000000 / reqs ))"  # ticks of 10 ms -> microseconds x1000 / req
}
for t in "${TARGETS[@]}"; do run "$t" "$WARMUP" > /dev/null; done   # warm-up (JIT)
declare -A RPS CPU
for r in $(seq 1 "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    read -r rps cpu_ns <<<"$(run "$t" "$SECONDS_PER")"
    RPS[$t]="${RPS[$t]:-} $rps"; CPU[$t]="${CPU[$t]:-} $cpu_ns"
    echo "round $r $t: $rps req/s, $(awk -v n="$cpu_ns" 'BEGIN{printf "%.1f", n/1000}') CPU us/req" >&2
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
base_rps=$(median <<<"${RPS[plain]}"); base_cpu=$(median <<<"${CPU[plain]}")
echo "| target | median req/s | throughput / plain | server CPU µs/req | CPU / plain |"
echo "|---|---:|---:|---:|---:|"
for t in "${TARGETS[@]}"; do
  m=$(median <<<"${RPS[$t]}"); c=$(median <<<"${CPU[$t]}")
  awk -v t="$t" -v m="$m" -v c="$c" -v bm="$base_rps" -v bc="$base_cpu" \
    'BEGIN{printf "| %s | %.0f | %.3f | %.1f | %.3f |\n", t, m, m/bm, c/1000, c/bc}'
done
