#!/usr/bin/env bash
# Analytics benchmark: a synthetic year of 10,000,000 events loaded into analytics-service's tables, then every
# dashboard figure timed over REST (the packaged service in its own JVM) for a month and for a year.
#
#   bench/analytics.sh                              # 10,000,000 events, 100 rounds
#   bench/analytics.sh --scale=0.1 --rounds=20      # any option of AnalyticsBench
#
# Needs the root build's artifacts: test-support in ~/.m2 (mvn install) and analytics-service/target/quarkus-app
# (built here if missing, but never while another Maven build runs in the repository).
set -euo pipefail

bench_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench_dir/.." && pwd)"

if [[ ! -f "$HOME/.m2/repository/org/tanyapustaka/test-support/1.0.0-SNAPSHOT/test-support-1.0.0-SNAPSHOT.jar" ]]; then
  echo "test-support is not in ~/.m2: run 'mvn -DskipTests install' in $root first" >&2
  exit 1
fi

if [[ ! -f "$root/analytics-service/target/quarkus-app/quarkus-run.jar" ]]; then
  while pgrep -f 'org.codehaus.plexus.classworlds.launcher.Launcher' >/dev/null; do
    echo "analytics-service is not packaged and another Maven build is running; waiting …" >&2
    sleep 15
  done
  (cd "$root" && mvn -q -DskipTests package -pl analytics-service -am)
fi

# Other builds rewrite target/: run a private copy of the packaged service.
target="$bench_dir/analytics/target"
work="$(mktemp -d /tmp/analytics-bench.XXXXXX)"
trap 'mkdir -p "$target"; cp "$work/analytics-service.log" "$target/" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$root/analytics-service/target/quarkus-app" "$work/quarkus-app"

build=(compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
(cd "$bench_dir/analytics" && { mvn -q -o "${build[@]}" || mvn -q "${build[@]}"; })

# The report (Markdown) also goes to target/last-report.md; the service's log to target/analytics-service.log.
java -Xmx512m -cp "$target/classes:$(cat "$target/classpath.txt")" \
  org.tanyapustaka.bench.analytics.AnalyticsBench \
  --service-app="$work/quarkus-app" --work="$work" --report="$target/last-report.md" "$@"
