#!/usr/bin/env bash
# Load benchmark of `keyvet serve` with wrk: SigV4-signed Encrypt of 1 KiB over keep-alive
# connections, beside the bare endpoint of the same server stack (POST /bare answers {} and
# nothing else), in one run, at 1 and 4 connections. Every Encrypt is parsed, its signature
# verified, authorized by the engine, encrypted, and written to the durable audit log (with
# keyvet serve's default --audit-sync-delay of 10 ms: answered once written, forced within 10 ms;
# KEYVET_SERVE_ARGS="--audit-sync-delay 0" forces every record before answering).
#
# Usage: bench/wrk/run.sh [SECONDS]   (default 10 per measurement)
# Needs: wrk (Debian package `wrk`), python3 with botocore (to sign the request), a built
# ./keyvet. A signed request stays valid for 5 minutes, so wrk replays one signed request;
# the server verifies the signature on every one of them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds="${1:-10}"
command -v wrk >/dev/null || { echo "bench/wrk: wrk is needed (apt-get install wrk)" >&2; exit 2; }

tmp="$(mktemp -d "${KEYVET_BENCH_DIR:-${TMPDIR:-/tmp}}/keyvet-wrk.XXXXXX")"
pid=""
stop() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap stop EXIT

export AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIABENCHACCOUNTA001
export AWS_SECRET_ACCESS_KEY=bench-secret-account-a
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
echo "$AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY 111122223333" >"$tmp/credentials"

# shellcheck disable=SC2086
./keyvet serve --port 0 --data "$tmp/data" --credentials "$tmp/credentials" --bare-endpoint ${KEYVET_SERVE_ARGS:-} \
  >"$tmp/server.log" 2>&1 &
pid=$!
endpoint=""
for _ in $(seq 1 300); do
  endpoint="$(sed -n 's/^keyvet: the local KMS listens on \(http[^ ]*\).*/\1/p' "$tmp/server.log")"
  [ -n "$endpoint" ] && break
  sleep 0.1
done
[ -n "$endpoint" ] || { cat "$tmp/server.log" >&2; exit 1; }
key="$(aws --endpoint-url "$endpoint" kms create-key --query KeyMetadata.KeyId --output text)"

python3 - "$endpoint" "$key" "$tmp/encrypt.lua" "$tmp/bare.lua" <<'PY'
import base64, json, os, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
endpoint, key, encrypt_lua, bare_lua = sys.argv[1:5]
body = json.dumps({"KeyId": key, "Plaintext": base64.b64encode(os.urandom(1024)).decode(),
                   "EncryptionContext": {"tenant": "orders"}})
req = AWSRequest(method="POST", url=endpoint + "/", data=body,
                 headers={"X-Amz-Target": "TrentService.Encrypt",
                          "Content-Type": "application/x-amz-json-1.1"})
SigV4Auth(Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]),
          "kms", "us-east-1").add_auth(req)
def lua(path, headers):
    with open(path, "w") as f:
        f.write('wrk.method = "POST"\n')
        f.write("wrk.body = %s\n" % json.dumps(body))
        for k, v in headers.items():
            if k.lower() != "host":
                f.write("wrk.headers[%s] = %s\n" % (json.dumps(k), json.dumps(v)))
        f.write('done = function(summary, latency, requests)\n'
                '  io.write(string.format("non-2xx: %d\\n", summary.errors.status))\nend\n')
lua(encrypt_lua, dict(req.headers.items()))
lua(bare_lua, {"Content-Type": "application/x-amz-json-1.1"})
PY

# Warm up both paths (JIT compilation) before measuring; these figures are discarded.
warmup="${KEYVET_WRK_WARMUP:-15}"
wrk -t 4 -c 4 -d "${warmup}s" -s "$tmp/encrypt.lua" "$endpoint/" >/dev/null
wrk -t 4 -c 4 -d "$((warmup / 3 + 1))s" -s "$tmp/bare.lua" "$endpoint/bare" >/dev/null

for c in 1 4; do
  echo "== $c connection(s), ${seconds}s each"
  wrk -t "$c" -c "$c" -d "${seconds}s" -s "$tmp/bare.lua" "$endpoint/bare" | grep -E "Requests/sec|non-2xx|Latency" | sed 's/^/bare     /'
  wrk -t "$c" -c "$c" -d "${seconds}s" -s "$tmp/encrypt.lua" "$endpoint/" | grep -E "Requests/sec|non-2xx|Latency" | sed 's/^/encrypt  /'
done
