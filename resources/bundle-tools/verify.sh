#!/usr/bin/env bash
# Verifies this Evidence Locker bundle with openssl 3 and coreutils only (docs: README.txt in the bundle root).
# Usage: bash tools/verify.sh [EXPECTED_KEY_FINGERPRINT]
# Exit 0 = valid; 1 = invalid (the failing file and reason are printed); 2 = a tool is missing.
# This script is itself listed in SHA256SUMS, but a tampered bundle could carry a tampered script:
# when in doubt, run the README's commands by hand.
set -u -o pipefail
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in openssl sha256sum find comm cut sort; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing tool: $tool" >&2; exit 2; }
done
for f in SHA256SUMS SHA256SUMS.sig signing-key.pub.pem; do
  [ -f "$f" ] || fail "$f: missing"
done
links=$(find . -type l)
[ -z "$links" ] || fail "symbolic links are not allowed in a bundle: $links"

# 1. Key fingerprint = SHA-256 of the DER SubjectPublicKeyInfo; compare with the one received out of band.
fp=$(openssl pkey -pubin -in signing-key.pub.pem -outform DER 2>/dev/null | sha256sum | cut -d' ' -f1) ||
  fail "signing-key.pub.pem: not a readable public key"
echo "key fingerprint: $fp"
if [ $# -ge 1 ]; then
  expected=$(printf '%s' "$1" | tr 'A-F' 'a-f' | tr -d ': ')
  [ "$fp" = "$expected" ] || fail "signing-key.pub.pem: fingerprint $fp is not the expected $expected (key swapped?)"
else
  echo "WARNING: no expected fingerprint given; anyone can sign a bundle with their own key." >&2
fi

# 2. Ed25519 signature over SHA256SUMS (the only signed file). Needs OpenSSL 3 (LibreSSL has no -rawin).
openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig >/dev/null 2>&1 ||
  fail "SHA256SUMS.sig: the signature over SHA256SUMS does not verify with signing-key.pub.pem"

# 3. Every listed file has the listed SHA-256.
if ! out=$(sha256sum --strict --quiet -c SHA256SUMS 2>&1); then
  echo "$out" >&2
  fail "SHA256SUMS: the files above do not match"
fi

# 4. No file outside SHA256SUMS (besides SHA256SUMS and its signature).
unlisted=$(comm -13 <(cut -c67- SHA256SUMS | sort) \
  <(find . -type f ! -path ./SHA256SUMS ! -path ./SHA256SUMS.sig | sed 's|^\./||' | sort))
[ -z "$unlisted" ] || fail "not listed in SHA256SUMS: $(echo "$unlisted" | tr '\n' ' ')"

echo "OK: signature valid; $(wc -l < SHA256SUMS | tr -d ' ') files match SHA256SUMS; no unlisted files."
echo "Next: node tools/verify-log.mjs checks the log checkpoint and the inclusion proof of every item."
