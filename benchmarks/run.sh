#!/usr/bin/env bash
# Builds the benchmarks module, runs every JMH benchmark in one run (with the GC profiler), the
# retained-heap measurement, the end-to-end harness and the single-flight harness; in full mode also
# the forged-id flood, the outage latencies, nginx (when installed) and the 1,000,000-token runs
# (hit and floor, retained heap, create and list), and writes benchmarks/RESULTS.md and
# benchmarks/target/ratios.properties. Needs only a JDK (17+), Maven and bash (nginx optional).
#
#   benchmarks/run.sh quick   # under 5 minutes on 2 cores: short iterations, numbers for a smoke check
#   benchmarks/run.sh full    # the numbers to quote: longer warm-up and measurement
#
# PAT4J_BENCH_NOTE, if set, is quoted at the top of RESULTS.md (e.g. what else ran on the machine).
set -euo pipefail

mode="${1:-quick}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=benchmarks/target
jar="$out/benchmarks.jar"

case "$mode" in
  quick)
    # the ratios are taken at 100 k tokens; the 1 k rows only run in full mode, but for the hit and
    # its library peers (whose targets name 1 k too) and the miss path, in a second, short JMH run
    jmh_opts=(-f 1 -wi 1 -i 3 -w 1s -r 1s -p tokens=100000)
    # the cache-configuration evidence only runs in full mode
    jmh_filter='^dev\.pat4j\.benchmarks\.(Floor|Pat4j|Jdbc|Peer|LibraryPeer|PasswordEncoder)Benchmark\.'
    small_opts=(-f 1 -wi 1 -i 3 -w 1s -r 1s -p tokens=1000)
    small_filter='^dev\.pat4j\.benchmarks\.(Pat4jBenchmark\.hitB|LibraryPeerBenchmark\.|MissBenchmark\.)'
    retained_repeats=1
    flight_rounds=100
    e2e=(5 2) # 5-second rounds: shorter ones measure the generator's own warm-up more than the filter
    # the flood, outage and nginx harnesses (about 45 s together) and the 1 M runs are full-run only:
    # the JMH runs above already take most of the five minutes
    load_rounds=()
    million=false
    ;;
  full)
    # forks from the annotations: two for the classes whose scores make the ratios, one elsewhere
    jmh_opts=(-wi 4 -i 6 -w 1s -r 2s)
    # ScaleBenchmark runs in its own JMH run below, with the iterations its annotations give
    jmh_filter='^dev\.pat4j\.benchmarks\.(?!ScaleBenchmark)'
    small_opts=()
    retained_repeats=3
    flight_rounds=500
    e2e=(10 3)
    load_rounds=(10 2)
    million=true
    # the 1,000,000-token hit and floor: one fork each, fewer iterations (each setup builds 10^6 tokens)
    million_opts=(-f 1 -wi 2 -i 3 -w 1s -r 2s -p tokens=1000000 -jvmArgsAppend "-Xms6g -Xmx6g")
    million_filter='^dev\.pat4j\.benchmarks\.(FloorBenchmark\.(crc32|sha256|constantTimeEquals|mapGet)|Pat4jBenchmark\.hitBearer)$'
    ;;
  *)
    echo "usage: $0 [quick|full]" >&2
    exit 2
    ;;
esac

# -- Spring Boot harness: its application is built in full mode only (the harness runs there) --
modules=benchmarks
spring_jar=spring-boot/pat4j-spring-boot-benchmark/target/pat4j-spring-boot-benchmark.jar
if [ "$mode" = full ]; then
  modules="benchmarks,spring-boot/pat4j-spring-boot-benchmark"
fi
# -- end Spring Boot harness --

echo "== building (mvn -B -q -pl $modules -am package -DskipTests)"
mvn -B -q -pl "$modules" -am package -DskipTests

rm -f "$out/jmh.json" "$out/jmh-1k.json" "$out/jmh-1m.json" "$out/jmh-scale.json" "$out/retained.properties" \
  "$out/retained-1m.properties" "$out/e2e.properties" "$out/single-flight.properties" "$out/flood.properties" \
  "$out/outage.properties" "$out/proxy.properties" "$out/ratios.properties"

echo "== JMH ($mode): ${jmh_opts[*]} -prof gc"
java -jar "$jar" "$jmh_filter" "${jmh_opts[@]}" -prof gc -rf json -rff "$out/jmh.json" | tee "$out/jmh.log"
if [ "${#small_opts[@]}" -gt 0 ]; then
  echo "== JMH ($mode, 1 k tokens): ${small_opts[*]} -prof gc"
  java -jar "$jar" "$small_filter" "${small_opts[@]}" -prof gc -rf json -rff "$out/jmh-1k.json" | tee "$out/jmh-1k.log"
fi

if [ "$million" = true ]; then
  echo "== JMH ($mode, 1,000,000 tokens): ${million_opts[*]} -prof gc"
  java -jar "$jar" "$million_filter" "${million_opts[@]}" -prof gc -rf json -rff "$out/jmh-1m.json" | tee "$out/jmh-1m.log"
  echo "== JMH ($mode, create and list at 10^3, 10^5, 10^6 tokens, in memory and on H2)"
  java -jar "$jar" '^dev\.pat4j\.benchmarks\.ScaleBenchmark\.' -prof gc -rf json -rff "$out/jmh-scale.json" \
    | tee "$out/jmh-scale.log"
fi

echo "== retained heap per cached token"
java -XX:+UseSerialGC -Xmx1g -cp "$jar" dev.pat4j.benchmarks.RetainedHeap 100000 "$retained_repeats" \
  > "$out/retained.properties" 2> "$out/retained.log"
cat "$out/retained.properties"
if [ "$million" = true ]; then
  echo "== retained heap per cached token, 1,000,000 tokens (in-memory store)"
  java -XX:+UseSerialGC -Xmx4g -cp "$jar" dev.pat4j.benchmarks.RetainedHeap 1000000 1 memory _1m \
    > "$out/retained-1m.properties" 2> "$out/retained-1m.log"
  cat "$out/retained-1m.properties"
fi

echo "== end to end (Jetty on 127.0.0.1, load generator in its own JVM)"
if ! java -cp "$jar" dev.pat4j.benchmarks.EndToEnd "${e2e[@]}" "$out/e2e.properties" 2> "$out/e2e.log"; then
  echo "end-to-end harness failed (see $out/e2e.log); the report leaves its ratio out" >&2
  rm -f "$out/e2e.properties"
fi

echo "== single flight (32 threads missing one id at once; H2, then PostgreSQL on 127.0.0.1)"
if ! java -cp "$jar" dev.pat4j.benchmarks.SingleFlight "$flight_rounds" "$out/single-flight.properties" \
    2> "$out/single-flight.log"; then
  echo "single-flight harness failed (see $out/single-flight.log); the report leaves it out" >&2
  rm -f "$out/single-flight.properties"
fi

# the load harnesses: each in its own JVM, the load generator in another; a failure leaves its figures out
run_load() { # name class description
  [ "${#load_rounds[@]}" -gt 0 ] || return 0
  echo "== $3"
  if ! java -cp "$jar" "dev.pat4j.benchmarks.$2" "${load_rounds[@]}" "$out/$1.properties" 2> "$out/$1.log"; then
    echo "$2 failed (see $out/$1.log); the report leaves it out" >&2
    rm -f "$out/$1.properties"
  fi
  [ -f "$out/$1.properties" ] && cat "$out/$1.properties"
  return 0
}
run_load flood ForgedFlood "forged-id flood (half the requests forged ids with valid checksums)"
run_load outage OutageLatency "latency over HTTP with the store up, then down"
run_load proxy ReverseProxy "nginx with and without auth_request to the forward-auth endpoint"


# -- Spring Boot harness (full mode only): SpringThroughput, results for Report via -Dpat4j.bench.spring --
spring_results="$out/spring.properties"
rm -f "$spring_results"
if [ "$mode" = full ]; then
  echo "== Spring Boot (pat4j chain, permitAll chain, HTTP Basic + BCrypt 10: three application JVMs on 127.0.0.1)"
  if ! java -cp "$jar" dev.pat4j.benchmarks.SpringThroughput "$spring_jar" "${e2e[@]}" "$spring_results" \
      2> "$out/spring.log"; then
    echo "Spring Boot harness failed (see $out/spring.log and $out/spring-*.log); the report leaves it out" >&2
    rm -f "$spring_results"
  fi
fi
# -- end Spring Boot harness --

echo "== report"
java -Dpat4j.bench.spring="$spring_results" -cp "$jar" dev.pat4j.benchmarks.Report "$mode" \
  "$out/jmh.json,$out/jmh-1k.json,$out/jmh-1m.json,$out/jmh-scale.json" \
  "$out/retained.properties,$out/retained-1m.properties" \
  "$out/e2e.properties,$out/single-flight.properties,$out/flood.properties,$out/outage.properties,$out/proxy.properties" \
  benchmarks/RESULTS.md "$out/ratios.properties" "benchmarks/run.sh $mode" "${PAT4J_BENCH_NOTE:-}"
echo "wrote benchmarks/RESULTS.md and $out/ratios.properties"
