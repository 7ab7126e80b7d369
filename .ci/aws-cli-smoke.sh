#!/usr/bin/env bash
# Runs the AWS CLI against `keyvet serve`: a signed create-key, encrypt, decrypt and
# generate-data-key by account A, a decrypt of A's shared key by account B's backup role through
# EBS, and a decrypt by account C that must be denied. The server runs on a free port with a
# temporary data directory and is always stopped. Fails on any unexpected answer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v aws >/dev/null 2>&1 || { echo "aws-cli-smoke: the AWS CLI is needed" >&2; exit 1; }

tmp="$(mktemp -d)"
server_pid=""
stop() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap stop EXIT

fail() {
  echo "aws-cli-smoke: FAILED: $*" >&2
  echo "--- server output" >&2
  cat "$tmp/server.log" >&2 || true
  exit 1
}

# Dummy credentials: the server checks signatures against this file, the CLI signs with them.
export AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=AKIASMOKEACCOUNTA001
export AWS_SECRET_ACCESS_KEY=smoke-secret-account-a
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
cat >"$tmp/credentials" <<CREDS
# access key          secret                     principal
AKIASMOKEACCOUNTA001  smoke-secret-account-a     111122223333
AKIASMOKEBACKUP00001  smoke-secret-b-backup      arn:aws:sts::444455556666:assumed-role/BackupRole/backup  via=ec2
AKIASMOKEAUDITOR0001  smoke-secret-c-auditor     arn:aws:sts::777788889999:assumed-role/Auditor/audit      via=ec2
CREDS

./keyvet serve --port 0 --data "$tmp/data" --credentials "$tmp/credentials" \
  --scenario policies-examples/src/test/kms/cross-account-decrypt/scenario.kvs \
  >"$tmp/server.log" 2>&1 &
server_pid=$!

endpoint=""
for _ in $(seq 1 300); do
  endpoint="$(sed -n 's/^keyvet: the local KMS listens on \(http[^ ]*\).*/\1/p' "$tmp/server.log")"
  [ -n "$endpoint" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited"
  sleep 0.1
done
[ -n "$endpoint" ] || fail "the server did not start within 30 s"
kms() { aws --endpoint-url "$endpoint" kms "$@"; }

# Account A: a new key, a round trip with an encryption context, a data key.
key="$(kms create-key --description smoke --query KeyMetadata.Arn --output text)"
[[ "$key" == arn:aws:kms:us-east-1:111122223333:key/* ]] || fail "create-key gave '$key'"
printf 'hello from the aws cli' >"$tmp/plain"
kms encrypt --key-id "$key" --plaintext "fileb://$tmp/plain" --encryption-context purpose=smoke \
  --query CiphertextBlob --output text | base64 -d >"$tmp/blob"
kms decrypt --ciphertext-blob "fileb://$tmp/blob" --encryption-context purpose=smoke \
  --query Plaintext --output text | base64 -d >"$tmp/back"
cmp -s "$tmp/plain" "$tmp/back" || fail "decrypt did not give the plaintext back"
bytes="$(kms generate-data-key --key-id "$key" --key-spec AES_256 --query Plaintext --output text \
  | base64 -d | wc -c)"
[ "$bytes" -eq 32 ] || fail "generate-data-key gave $bytes bytes"

# The seeded shared key: B's backup role decrypts through EBS; C is denied.
kms encrypt --key-id alias/ebs-snapshots --plaintext "fileb://$tmp/plain" \
  --query CiphertextBlob --output text | base64 -d >"$tmp/shared"
AWS_ACCESS_KEY_ID=AKIASMOKEBACKUP00001 AWS_SECRET_ACCESS_KEY=smoke-secret-b-backup \
  kms decrypt --ciphertext-blob "fileb://$tmp/shared" --query Plaintext --output text \
  | base64 -d >"$tmp/b-back"
cmp -s "$tmp/plain" "$tmp/b-back" || fail "account B could not decrypt the shared key's ciphertext"
if AWS_ACCESS_KEY_ID=AKIASMOKEAUDITOR0001 AWS_SECRET_ACCESS_KEY=smoke-secret-c-auditor \
  kms decrypt --ciphertext-blob "fileb://$tmp/shared" >"$tmp/c.out" 2>"$tmp/c.err"; then
  fail "account C decrypted the shared key's ciphertext"
fi
grep -q 'AccessDeniedException' "$tmp/c.err" || fail "account C: $(cat "$tmp/c.err")"

# A wrong secret is refused by the signature check.
if AWS_SECRET_ACCESS_KEY=not-the-secret kms list-keys >/dev/null 2>"$tmp/sig.err"; then
  fail "a wrong secret was accepted"
fi
grep -q 'InvalidSignatureException' "$tmp/sig.err" || fail "wrong secret: $(cat "$tmp/sig.err")"

echo "aws-cli-smoke: ok (create-key, encrypt, decrypt, generate-data-key, cross-account decrypt, denied decrypt, bad signature)"
