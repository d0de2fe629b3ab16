#!/usr/bin/env bash
# Webhook signature benchmark: the CPU one forged 3 MB webhook of accented text costs the signature check,
# before (the previous escaped-form fallback, copied into the bench) and after (gateway-service's
# WebhookSignature), side by side in one JVM.
#
#   bench/webhook-signature.sh          # 20 rounds
#   bench/webhook-signature.sh 50       # 50 rounds
#
# Needs gateway-service compiled (gateway-service/target/classes; mvn -pl gateway-service -am compile).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[[ -f gateway-service/target/classes/org/tanyapustaka/gateway/webhook/WebhookSignature.class ]] || {
  echo "gateway-service is not compiled: run 'mvn -q -pl gateway-service -am compile' in $root first" >&2
  exit 1
}
exec java -Xmx512m -cp gateway-service/target/classes bench/webhook-signature/SignatureBench.java "$@"
