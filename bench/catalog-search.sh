#!/usr/bin/env bash
# Catalogue search benchmark: the packaged catalog-service (its REST search, in its own JVM) against a
# SLiMS-style ILIKE '%word%' baseline on the same embedded PostgreSQL, at 300 real records and at each size.
#
#   bench/catalog-search.sh                                  # 100,000 and 1,000,000 records
#   bench/catalog-search.sh --sizes=100000 --rounds=10       # any option of CatalogSearchBench
#
# Needs the root build's artifacts: test-support in ~/.m2 (mvn install) and catalog-service/target/quarkus-app
# (built here if missing, but never while another Maven build runs in this checkout).
set -euo pipefail

bench_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench_dir/.." && pwd)"
data="$root/data/indonesian"

if [[ ! -f "$HOME/.m2/repository/org/tanyapustaka/test-support/1.0.0-SNAPSHOT/test-support-1.0.0-SNAPSHOT.jar" ]]; then
  echo "test-support is not in ~/.m2: run 'mvn -DskipTests install' in $root first" >&2
  exit 1
fi

# A Maven build running in this checkout (its working directory inside $root). Builds of other checkouts on the
# same machine do not touch this one's target/, so they are not waited for.
maven_running_here() {
  local pid cwd
  for pid in $(pgrep -f 'org.codehaus.plexus.classworlds.launcher.Launcher' || true); do
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
    if [[ "$cwd" == "$root" || "$cwd" == "$root"/* ]]; then
      return 0
    fi
  done
  return 1
}

if [[ ! -f "$root/catalog-service/target/quarkus-app/quarkus-run.jar" ]]; then
  while maven_running_here; do
    echo "catalog-service is not packaged and a Maven build is running in $root; waiting …" >&2
    sleep 15
  done
  (cd "$root" && mvn -q -DskipTests package -pl catalog-service -am)
fi

# Other builds rewrite target/: run a private copy of the packaged service.
target="$bench_dir/catalog-search/target"
work="$(mktemp -d /tmp/catalog-search-bench.XXXXXX)"
trap 'cp "$work/catalog-service.log" "$target/" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$root/catalog-service/target/quarkus-app" "$work/quarkus-app"

build=(compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
(cd "$bench_dir/catalog-search" && { mvn -q -o "${build[@]}" || mvn -q "${build[@]}"; })

# The report (Markdown) also goes to target/last-report.md; the service's log to target/catalog-service.log.
java -Xmx512m -cp "$target/classes:$(cat "$target/classpath.txt")" \
  org.tanyapustaka.bench.catalogsearch.CatalogSearchBench \
  --service-app="$work/quarkus-app" --work="$work" --data="$data" --report="$target/last-report.md" "$@"
