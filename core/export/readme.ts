/** README.txt: what the bundle holds and the exact commands an auditor runs (docs/bundle-format.md §5). */
export function readmeText(m: {
  org: string;
  criterion: { id: string; title: string };
  period: { from: string; to: string };
  bundleId: string;
  generatedAt: string;
  appVersion: string;
  keyFingerprint: string;
  items: number;
  reportPath: string;
}): string {
  return `Evidence Locker bundle ${m.bundleId}
${'='.repeat(24 + m.bundleId.length)}

Organisation:  ${m.org}
Criterion:     ${m.criterion.id} ${m.criterion.title}
Period:        ${m.period.from} to ${m.period.to} (UTC, inclusive)
Generated at:  ${m.generatedAt} by ${m.appVersion}
Evidence:      ${m.items} items
Key fingerprint claimed by this bundle (SHA-256 of the DER public key):
  ${m.keyFingerprint}
It proves nothing by itself: compare it with the fingerprint you received out of band (mail, call, portal).

WHAT IS INSIDE
  README.txt            this file
  SHA256SUMS            SHA-256 of every other file (sha256sum format, byte-sorted paths)
  SHA256SUMS.sig        raw 64-byte Ed25519 signature over SHA256SUMS: the only signed file
  signing-key.pub.pem   the Ed25519 public key (SPKI PEM)
  manifest.json         bundle metadata in RFC 8785 canonical JSON: criterion, period, key, previous bundle,
                        log checkpoint, counts by completeness, redaction summary, and the item list
  ${m.reportPath.padEnd(22)}the human-readable report
  evidence/<kind>/<seq>.json      each evidence item exactly as stored (canonical JSON); secrets were replaced
                                  by [REDACTED:<rule>] before it was hashed (manifest.json "redaction")
  evidence/<kind>/<seq>.ipe.json  how it was produced: source, query, parameters, pages, counts, request ids,
                                  re-runnable command, and "redactions": the rule and JSON path of each
                                  replaced value (never the value or a hash of it)
  evidence/<kind>/<seq>.population.csv  for access snapshots: the population, one row per principal-role,
                                  naming the snapshot's hash (sample from it without parsing JSON)
  evidence/manual/<id>-<name>     files a person uploaded (policies, reports), byte for byte: the file is the
                                  document and is NOT redacted; its typed title, owner and name were, in the
                                  evidence/manual.document item that holds its SHA-256 (present when uploads are)
  index.html            a table of contents to open in a browser (no scripts): every file with its kind, date,
                        completeness, criteria and SHA-256
  criteria.csv          criterion -> evidence file, one row each, for a spreadsheet
  log/checkpoint.txt    the store's signed log checkpoint at export (C2SP signed note)
  log/proofs.json       RFC 6962 inclusion proof of every item's log entry in that checkpoint, and a consistency
                        proof from the previous bundle's checkpoint when there is one
  tools/verify.sh       steps 1-4 below in one script (openssl 3 + coreutils)
  tools/verify-log.mjs  zero-dependency Node (18+) check of all of the above plus log/

HOW TO VERIFY (bash, OpenSSL 3, GNU coreutils)
  unzip -q BUNDLE.zip -d b && cd b

  # 1. The key fingerprint must equal the one you received out of band:
  openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum

  # 2. The signature over SHA256SUMS ("Signature Verified Successfully"):
  openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig

  # 3. Every listed file (no output and exit 0 when all match):
  sha256sum --strict --quiet -c SHA256SUMS

  # 4. No unlisted files (no output when none):
  diff <(cut -c67- SHA256SUMS | LC_ALL=C sort) \\
       <(find . -type f ! -path ./SHA256SUMS ! -path ./SHA256SUMS.sig | sed 's|^\\./||' | LC_ALL=C sort)

  # Or steps 1-4 at once (exit 0 = valid). FINGERPRINT = the one you received out of band, not one from this file:
  bash tools/verify.sh FINGERPRINT

  # 5. The log: checkpoint signature, inclusion proof of every item, evidence hashes equal to the logged ones:
  node tools/verify-log.mjs FINGERPRINT

  The tools/ scripts are covered by the signature once steps 2 and 3 pass; until then, read them first or run
  the commands above by hand. Step 4 uses cut -c67- because each SHA256SUMS line is 64 hex characters and two
  spaces before the path.

macOS: /usr/bin/openssl is LibreSSL, which has no -rawin, so step 2 fails there. Use OpenSSL 3
(e.g. Homebrew openssl@3) or run "node tools/verify-log.mjs FINGERPRINT", which checks steps 1-5.
For step 3 on macOS without coreutils: shasum -a 256 -c SHA256SUMS.

WHAT A VALID BUNDLE PROVES, AND WHAT IT DOES NOT
  - The files are exactly those the holder of the signing key exported; nothing was added, removed or changed.
  - Each item was recorded in the store's append-only log, at the position and with the hashes shown.
  - A signature does not prove the data came from the provider: corroborate with the request ids and server
    dates in each .ipe.json. History not yet given to you (an earlier checkpoint or bundle) could have been
    rewritten by whoever holds both the key and the database; compare checkpoints across bundles.
`;
}
