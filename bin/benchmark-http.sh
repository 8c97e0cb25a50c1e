#!/usr/bin/env bash
# ./benchmark referrals | records | releases: referrals, NDJSON batches of records, or audited
# releases (bin/benchmark-releases.sh), over HTTP with real tokens, against a pgbench insert-only
# baseline measured on the same PostgreSQL in the same run.
# Called by ./benchmark (which builds first).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bin/cpu-cost.sh
suite="${1:-referrals}"
WARMUP="${WARMUP:-90s}" # the JIT needs it: after 30 s the first measured phase still cost ~1.8x the CPU per release
DURATION="${DURATION:-60s}"
CONNECTIONS="${CONNECTIONS:-16}"
home="$PWD/hub-benchmarks/target/http-hub"
mkdir -p "$home/tmp"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v pgbench >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null; }
./mvnw -q -B -pl hub-api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local-classpath.txt

export HUB_PORT=18080 HUB_IDP_PORT=19000 HUB_POSTGRES_PORT=15433
java -Xms1g -Xmx1g ${HUB_JAVA_OPTS:-} -cp "hub-api/target/test-classes:hub-api/target/classes:$(cat hub-api/target/local-classpath.txt)" \
  -Dhub.local.home="$home" -Djava.io.tmpdir="$home/tmp" \
  mashhub.local.LocalHub --reset --logging.level.root=WARN > "$home/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  grep -q "MASH Hub is running" "$home/hub.log" && break
  kill -0 $hub 2>/dev/null || { echo "the hub did not start; see $home/hub.log" >&2; exit 1; }
  sleep 1
done
grep -q "MASH Hub is running" "$home/hub.log" || { echo "the hub did not start in 180 s" >&2; exit 1; }

token() {
  curl -s -u education-case-system:education-demo-secret -d grant_type=client_credentials \
    "http://localhost:$HUB_IDP_PORT/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
export TOKEN="$(token)"

echo "== baseline: pgbench insert-only (200 B rows, 8 clients, 30 s) on the hub's PostgreSQL"
export PGPASSWORD=postgres
psql -q -h localhost -p $HUB_POSTGRES_PORT -U postgres -c "CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload text)"
echo "INSERT INTO bench_baseline (payload) VALUES (repeat('x', 200));" > "$home/insert.sql"
baseline=$(pgbench -h localhost -p $HUB_POSTGRES_PORT -U postgres -n -f "$home/insert.sql" -c 8 -j 2 -T 30 postgres 2>/dev/null \
  | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
echo "pgbench insert-only tps: $baseline"

if [ "$suite" = releases ]; then
  . bin/benchmark-releases.sh
  exit 0
fi
case "$suite" in
  referrals) per=1; goal=1000; what="referrals (POST /api/referrals, Idempotency-Key, subject + 1 related person)" ;;
  records) per="${BATCH:-500}"; goal=20000; what="records (POST /api/records/bulk, NDJSON batches of ${BATCH:-500}, each a new person)" ;;
  *) echo "unknown suite $suite" >&2; exit 2 ;;
esac
export BATCH="$per"
echo "== warm-up: $WARMUP"
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" --timeout 60s -s "hub-benchmarks/src/main/wrk/$suite.lua" "http://localhost:$HUB_PORT" > /dev/null
export TOKEN="$(token)"
echo "== measured: $DURATION, $CONNECTIONS connections, 2 wrk threads, same 2-core machine as the hub"
before=$(cpu_sample)
result=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 60s -s "hub-benchmarks/src/main/wrk/$suite.lua" "http://localhost:$HUB_PORT" | grep '^RESULT')
cpu=$(cpu_cost "$before" "$(cpu_sample)" "$(echo "$result" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')")
echo "$result"
echo "$cpu (per request)"
requests=$(echo "$result" | sed -n 's/.* rate=\([0-9.]*\).*/\1/p')
rate=$(awk -v r="$requests" -v p="$per" 'BEGIN { printf "%.1f", r * p }')
echo
echo "== $what over HTTP with real JWTs"
echo "$suite per second              $rate"
echo "baseline pgbench insert tps    $baseline"
echo "CPU per request                $(cpu_line "$cpu")"
echo "ratio $suite / baseline        $(awk -v a="$rate" -v b="$baseline" 'BEGIN { printf "%.3f", a / b }')"
echo "goal (>= $goal per second)     $(awk -v a="$rate" -v g="$goal" 'BEGIN { print (a >= g ? "met" : "NOT MET") }')"
