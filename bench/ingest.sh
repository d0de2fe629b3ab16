#!/usr/bin/env bash
# Ingest measured from outside the service JVMs (issue 18, part 3): Debian's wrk replays pre-signed, unique text
# webhooks (X-Hub-Signature-256 over the exact body with the app secret the gateway runs with; a fresh wamid and
# patron each, so none is deduplicated) against a gateway started as ./tanya up starts it, with only its broker
# and database (the embedded Kafka and PostgreSQL of ./tanya up, fresh, on free ports). In the same run, side by
# side and at the same concurrency, it measures
#   - the gateway's GET /q/health/live            the bare endpoint ceiling of the same JVM
#   - bench/ingest/KafkaCeiling.java              HTTP→Kafka ceiling: answers a POST after the broker's ack
#   - POST /webhook                               signed webhooks/s and the p99 of their acknowledgement
# and prints the figures, the ratios against the targets (≥ 50 % of the HTTP→Kafka ceiling, p99 ≤ 50 ms), the
# load average and the commit. Every webhook answered 200 is checked to be on whatsapp.inbound.
#
#   bench/ingest.sh [--duration=15] [--warmup=15] [--connections=64] [--threads=2] [--rounds=1]
#                   [--cap=10000] [--code=DIR] [--gateway-jvm='-Xmx256m ...']
#
# --code=DIR runs the gateway of another checkout (its gateway-service/target/quarkus-app), for a before/after
# pair with the same script; --cap is the most webhooks/s a run can use (the pool of pre-signed webhooks is
# cap × seconds; a run that exhausts it says so and is not valid). Needs: wrk, Java 17, the gateway packaged
# (mvn -pl gateway-service,local-stack -am package -DskipTests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION=15 WARMUP=15 CONNECTIONS=64 THREADS=2 ROUNDS=1 CAP=10000 CODE="$ROOT"
# ./tanya up's gateway JVM.
GATEWAY_JVM="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
for arg in "$@"; do
  case "$arg" in
    --duration=*) DURATION=${arg#*=} ;;
    --warmup=*) WARMUP=${arg#*=} ;;
    --connections=*) CONNECTIONS=${arg#*=} ;;
    --threads=*) THREADS=${arg#*=} ;;
    --rounds=*) ROUNDS=${arg#*=} ;;
    --cap=*) CAP=${arg#*=} ;;
    --code=*) CODE="$(cd "${arg#*=}" && pwd)" ;;
    --gateway-jvm=*) GATEWAY_JVM=${arg#*=} ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $arg (--help)" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
CP="local-stack/target/local-stack.jar:local-stack/target/lib/*"
JAR="$CODE/gateway-service/target/quarkus-app/quarkus-run.jar"
[ -f local-stack/target/local-stack.jar ] && [ -f "$JAR" ] || {
  echo "build first: mvn -q -pl gateway-service,local-stack -am package -DskipTests (in $ROOT and in $CODE)" >&2
  exit 1
}

WORK=$(mktemp -d /tmp/tanya-ingest.XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_http() { # URL SECONDS
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "not ready in $2 s: $1" >&2; return 1; }
    sleep 0.5
  done
}
commit_of() { # DIR: the commit and whether the tree differs from it
  local c; c=$(git -C "$1" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$1" diff --quiet HEAD -- 2>/dev/null || c="$c+uncommitted changes"
  echo "$c"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
HZ=$(getconf CLK_TCK)
ticks() { # PID...: CPU time used (user + system, and that of children waited for), in clock ticks
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13 + $14 + $15}')))
  done
  echo "$t"
}
cpu_snapshot() { # NAME: CPU ticks of each part, into $WORK/NAME.cpu
  local postmaster; postmaster=$(head -1 "$WORK/stack/postgres/postmaster.pid")
  echo "$(ticks "$GATEWAY_PID") $(ticks "$postmaster" $(ps -o pid= --ppid "$postmaster")) $(ticks "$STACK_PID") $(ticks "$CEILING_PID")" > "$WORK/$1.cpu"
}

echo "# bench/ingest.sh $*"
echo
echo "- $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(nproc) cores; load average at the start: $(loadavg)"
echo "- script at $(commit_of "$ROOT"); gateway at $(commit_of "$CODE") ($JAR)"
echo "- gateway JVM: $GATEWAY_JVM; $(java -version 2>&1 | head -1)"
echo "- wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2), $THREADS threads, $CONNECTIONS connections, $DURATION s per measurement, $ROUNDS round(s), warm-up $WARMUP s"

# Java helpers, compiled once.
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" bench/ingest/IngestHelper.java bench/ingest/KafkaCeiling.java
HCP="$WORK/classes:$CP"

# Broker and database.
java -Xmx512m -XX:+UseSerialGC -cp "$HCP" IngestHelper stack "$WORK/stack" > "$WORK/stack.log" 2>&1 &
PIDS+=($!)
STACK_PID=$!
for _ in $(seq 1 240); do [ -s "$WORK/stack/ports" ] && break; sleep 0.5; done
[ -s "$WORK/stack/ports" ] || { echo "the broker and database did not start:" >&2; tail -20 "$WORK/stack.log" >&2; exit 1; }
read -r PG_PORT KAFKA_PORT < "$WORK/stack/ports"
BOOTSTRAP="localhost:$KAFKA_PORT"

# The gateway as ./tanya up starts it (profile local, the sandbox's secrets).
SECRET=sandbox-app-secret PHONE=106540352242922
GW_PORT=$(free_port)
# shellcheck disable=SC2086
PORT=$GW_PORT KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP DB_URL="jdbc:postgresql://localhost:$PG_PORT/gateway" \
DB_USER=postgres DB_PASSWORD=postgres JWT_PUBLIC_KEY_LOCATION="file:$WORK/stack/keys/publicKey.pem" \
JWT_ISSUER="https://tanya-pustaka.local/dev" QUARKUS_PROFILE=local \
WHATSAPP_APP_SECRET=$SECRET WHATSAPP_VERIFY_TOKEN=sandbox-verify-token WHATSAPP_ACCESS_TOKEN=sandbox-access-token \
WHATSAPP_PHONE_NUMBER_ID=$PHONE WHATSAPP_API_BASE_URL="http://127.0.0.1:9" WHATSAPP_API_VERSION=v23.0 \
TANYA_ATTACHMENTS_SECRET=sandbox-attachments-secret \
  java $GATEWAY_JVM -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)
GATEWAY_PID=$!

CEILING_PORT=$(free_port)
java -Xmx256m -XX:+UseSerialGC -Dsun.net.httpserver.nodelay=true -cp "$HCP" KafkaCeiling "$CEILING_PORT" "$BOOTSTRAP" bench.ceiling > "$WORK/ceiling.log" 2>&1 &
PIDS+=($!)
CEILING_PID=$!

wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 180 || { tail -30 "$WORK/gateway.log" >&2; exit 1; }
for _ in $(seq 1 60); do grep -q KafkaCeiling "$WORK/ceiling.log" && break; sleep 0.5; done

# Pre-signed pools: one for the warm-up, one per round, split over the wrk threads.
TEXTS=data/indonesian/patron-questions-public.tsv
java -Xmx512m -cp "$HCP" IngestHelper sign "$WORK/warm" "$THREADS" $((CAP * WARMUP)) 6289 "$SECRET" "$PHONE" "$TEXTS"
for r in $(seq 1 "$ROUNDS"); do
  java -Xmx512m -cp "$HCP" IngestHelper sign "$WORK/round$r" "$THREADS" $((CAP * DURATION)) "628$((r + 1))" \
    "$SECRET" "$PHONE" "$TEXTS"
done
echo "- pools: $((CAP * DURATION)) unique signed webhooks per round, $(head -1 "$WORK/round1/webhooks.0" | cut -f2 | wc -c) bytes each (the first)"

LUA=bench/ingest/webhooks.lua
run_wrk() { # NAME SECONDS URL LUA-ARGS...: one wrk run; its RESULT line into $WORK/NAME
  local name=$1 seconds=$2 url=$3; shift 3
  cpu_snapshot "$name.before"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$LUA" "$url" -- "$@" > "$WORK/$name.out" 2>&1 || true
  cpu_snapshot "$name.after"
  grep '^RESULT' "$WORK/$name.out" > "$WORK/$name" || { echo "wrk failed for $name:" >&2; cat "$WORK/$name.out" >&2; exit 1; }
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$WORK/$1"; }

LIVE="http://127.0.0.1:$GW_PORT/q/health/live"
CEIL="http://127.0.0.1:$CEILING_PORT/"
HOOK="http://127.0.0.1:$GW_PORT/webhook"

# Warm-up (JIT, pools, connections): not counted.
run_wrk warm-webhooks "$WARMUP" "$HOOK" "$WORK/warm"
run_wrk warm-live 5 "$LIVE" -
run_wrk warm-ceiling 5 "$CEIL" "$WORK/warm" wrap
[ "$(field warm-webhooks exhausted_threads)" = 0 ] || echo "(the warm-up ran out of webhooks: raise --cap)"

for r in $(seq 1 "$ROUNDS"); do
  LOAD_BEFORE[$r]=$(loadavg)
  run_wrk "live$r" "$DURATION" "$LIVE" -
  run_wrk "ceiling$r" "$DURATION" "$CEIL" "$WORK/round$r" wrap
  run_wrk "webhooks$r" "$DURATION" "$HOOK" "$WORK/round$r"
  LOAD_AFTER[$r]=$(loadavg)
done
sleep 2   # requests in flight when wrk stopped are still answered
IN_KAFKA=$(java -Xmx256m -cp "$HCP" IngestHelper count "$BOOTSTRAP" whatsapp.inbound 2>/dev/null)
RSS=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$GATEWAY_PID/status")

echo
echo "| round | path | requests/s | p50 ms | p90 ms | p99 ms | max ms | requests | 200 | not 200 or failed | CPU ms per 200: gateway | PostgreSQL | broker | ceiling process |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
row() { # ROUND NAME LABEL
  local f=$2 s ok req bad
  s=$(field "$f" seconds); ok=$(field "$f" ok); req=$(field "$f" requests)
  bad=$((req - ok + $(field "$f" connect_errors) + $(field "$f" read_errors) + $(field "$f" write_errors) + $(field "$f" timeouts)))
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$(awk -v n="$ok" -v s="$s" 'BEGIN{printf "%.0f", n/s}')" \
    "$(field "$f" p50_ms)" "$(field "$f" p90_ms)" "$(field "$f" p99_ms)" "$(field "$f" max_ms)" "$req" "$ok" "$bad" \
    "$(paste -d' ' "$WORK/$f.before.cpu" "$WORK/$f.after.cpu" | awk -v n="$ok" -v hz="$HZ" '{
       for (i = 1; i <= 4; i++) printf "%s%.3f", (i > 1 ? " | " : ""), ($(i + 4) - $i) * 1000 / hz / (n > 0 ? n : 1) }')"
}
ACCEPTED=$(field warm-webhooks ok)
for r in $(seq 1 "$ROUNDS"); do
  row "$r" "live$r" "gateway GET /q/health/live (bare endpoint)"
  row "$r" "ceiling$r" "HTTP→Kafka ceiling (KafkaCeiling, acks=all)"
  row "$r" "webhooks$r" "**signed webhook → gateway → Kafka**"
  ACCEPTED=$((ACCEPTED + $(field "webhooks$r" ok)))
done
echo
for r in $(seq 1 "$ROUNDS"); do
  [ "$(field "webhooks$r" exhausted_threads)" = 0 ] || echo "**Round $r ran out of pre-signed webhooks: not valid, raise --cap.**"
  awk -v w="$(field "webhooks$r" ok)" -v c="$(field "ceiling$r" ok)" -v l="$(field "live$r" ok)" -v p99="$(field "webhooks$r" p99_ms)" \
      -v r="$r" -v lb="${LOAD_BEFORE[$r]}" -v la="${LOAD_AFTER[$r]}" 'BEGIN {
    printf "Round %s: webhooks ÷ HTTP→Kafka ceiling **%.2f** (target ≥ 0.50: %s); webhooks ÷ bare endpoint %.2f; " \
           "webhook ack p99 **%s ms** (target ≤ 50: %s); load average %s before, %s after.\n",
           r, w / c, (w / c >= 0.5 ? "met" : "not met"), w / l, p99, (p99 <= 50 ? "met" : "not met"), lb, la }'
done
echo
echo "Webhooks answered 200 (warm-up included): $ACCEPTED; records on whatsapp.inbound: $IN_KAFKA" \
  "$([ "$IN_KAFKA" -ge "$ACCEPTED" ] && echo '(every accepted webhook is in Kafka; a few more are those answered after wrk stopped counting)' || echo '**FEWER: accepted webhooks are missing**')"
echo "Gateway RSS after the run: $RSS MB. Load average at the end: $(loadavg)."
