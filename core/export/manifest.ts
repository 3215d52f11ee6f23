import { z } from 'zod';
import { redactionRuleSet } from '../redact';

export const MANIFEST_FORMAT = 'evidence-locker/bundle/v1';
export const PROOFS_FORMAT = 'evidence-locker/proofs/v1';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const base64Root = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const manifestItemSchema = z
  .object({
    seq: z.number().int().positive(),
    kind: z.string(),
    completeness: z.enum(['complete', 'partial', 'failed']),
    collectedAt: z.string(),
    /** Only for an item whose content is evidence for an earlier time than its collection (an imported file). */
    evidenceFor: z.string().optional(),
    baseline: z.boolean(),
    logIndex: z.number().int().nonnegative(),
    evidence: z.string(),
    ipe: z.string(),
    contentSha256: sha256Hex,
    ipeSha256: sha256Hex,
  })
  .strict();
export type ManifestItem = z.infer<typeof manifestItemSchema>;

/** A file beyond the report and the items (export/attachments): population CSVs, review packages, manual evidence. */
export const manifestAttachmentSchema = z
  .object({
    path: z.string(),
    sha256: sha256Hex,
    kind: z.string(),
    title: z.string(),
    date: z.string().nullable(),
    derivedFrom: z.array(z.number().int().positive()),
  })
  .strict();
export type ManifestAttachment = z.infer<typeof manifestAttachmentSchema>;

/** manifest.json (docs/bundle-format.md §4); written as RFC 8785 canonical JSON. */
export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    bundleId: z.string().regex(/^[0-9a-f]{32}$/),
    org: z.string(),
    criterion: z.object({ id: z.string(), title: z.string() }).strict(),
    period: z.object({ from: day, to: day }).strict(),
    generatedAt: z.string(),
    appVersion: z.string(),
    keyFingerprint: sha256Hex,
    previousBundle: z
      .object({
        id: z.string(),
        sumsSha256: sha256Hex,
        generatedAt: z.string(),
        checkpoint: z.object({ size: z.number().int().nonnegative(), root: base64Root }).strict(),
      })
      .strict()
      .nullable(),
    checkpoint: z.object({ origin: z.string(), size: z.number().int().nonnegative(), root: base64Root }).strict(),
    counts: z.object({ complete: z.number().int(), partial: z.number().int(), failed: z.number().int() }).strict(),
    redaction: z
      .object({
        exportRedaction: z.literal('none'),
        applied: z.array(z.string()),
        notApplied: z.array(z.string()),
        // Absent in bundles written before core/redact existed.
        ruleSet: z.object({ name: z.string(), version: z.string() }).strict().optional(),
        keyNameRules: z.array(z.string()).optional(),
        valuePatterns: z.array(z.string()).optional(),
        redactedValues: z.number().int().nonnegative().optional(),
        itemsWithRedactions: z.number().int().nonnegative().optional(),
      })
      .strict(),
    report: z.string(),
    items: z.array(manifestItemSchema),
    /** Absent in bundles written before attachments existed. */
    attachments: z.array(manifestAttachmentSchema).optional(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** One entry of log/proofs.json `items`. `entry` is the log entry body (canonical JSON text) so the leaf can be recomputed. */
export const proofItemSchema = z
  .object({
    seq: z.number().int().positive(),
    evidence: z.string(),
    ipe: z.string(),
    leafIndex: z.number().int().nonnegative(),
    entry: z.string(),
    auditPath: z.array(z.string()),
  })
  .strict();

export const proofsSchema = z
  .object({
    format: z.literal(PROOFS_FORMAT),
    checkpoint: z.object({ origin: z.string(), size: z.number().int().nonnegative(), root: base64Root }).strict(),
    consistency: z
      .object({ fromBundle: z.string(), fromSize: z.number().int().positive(), fromRoot: base64Root, proof: z.array(z.string()) })
      .strict()
      .nullable(),
    items: z.array(proofItemSchema),
  })
  .strict();
export type Proofs = z.infer<typeof proofsSchema>;

/**
 * What redaction stands behind the evidence, stated plainly (integrity.md §12, docs/redaction.md): the rules applied
 * before hashing and how many values the bundle's items had replaced. The export itself changes no byte.
 */
export function redactionSummary(tally: { redactedValues: number; itemsWithRedactions: number }): Manifest['redaction'] {
  const rules = redactionRuleSet();
  return {
    exportRedaction: 'none',
    applied: [
      'Field allowlist per collector: only the fields a collector explicitly selects from each API response are stored.',
      'Secrets named in source configurations are read from environment variables and never stored.',
      `Key-name rules before hashing: a string under a key naming a secret (${rules.keyNameRules.map((r) => r.replace('key/', '')).join(', ')}) is replaced by [REDACTED:<rule>].`,
      `Value patterns before hashing: ${rules.ruleSet.name} ${rules.ruleSet.version} (${rules.valuePatterns.filter((r) => r.startsWith('secretlint/')).length} rules) and Evidence Locker's own (${rules.valuePatterns.filter((r) => r.startsWith('el/')).length} rules: AWS access key ids, JWTs, PEM private keys, basic-auth URLs, auth-scheme credentials, password= text, long high-entropy keys).`,
      "Each redaction is listed in the item's .ipe.json as redactions[{rule, path}]; neither the secret nor a hash of it is stored.",
    ],
    notApplied: [
      'Evidence files are exported byte for byte as stored, so their hashes match the log; no second pass runs at export.',
      'Items recorded by a version without these rules were stored as collected (their .ipe.json has no redactions field).',
      'Hex strings (content hashes, commit ids) are never treated as secrets: a 40-hex API key is caught only under a secret-named key.',
      ...rules.notRun.map((n) => `${n.id} not run: ${n.reason}.`),
    ],
    ruleSet: rules.ruleSet,
    keyNameRules: rules.keyNameRules,
    valuePatterns: rules.valuePatterns,
    redactedValues: tally.redactedValues,
    itemsWithRedactions: tally.itemsWithRedactions,
  };
}
