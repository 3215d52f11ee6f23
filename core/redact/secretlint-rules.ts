import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import presetPackage from '@secretlint/secretlint-rule-preset-recommend/package.json' with { type: 'json' };
import type { Span } from './types';

/**
 * Layer 3, the maintained rule set: secretlint's recommended preset (MIT, pinned in package.json), loaded from its
 * npm package. Each rule is a plain object with `meta.id` and `create(context, options)` returning a synchronous
 * `file(source)` handler that reports `{ range }`; we call that interface directly (secretlint's own runner is
 * asynchronous, and items are recorded in one synchronous transaction, integrity.md §9). Only the range is kept:
 * rule messages quote the secret and are never formatted.
 */
export const RULE_SET = { name: presetPackage.name, version: presetPackage.version, licence: presetPackage.license } as const;

type Report = { range: readonly [number, number] };
interface RuleContext {
  report(d: Report): void;
  ignore(d: Report): void;
  createTranslator(): () => string;
}
interface Creator {
  meta: { id: string; type?: string };
  create(context: RuleContext, options: Record<string, unknown>): { file?: (source: unknown) => unknown };
}

/** Rules of the preset we do not run, each with the reason (docs/redaction.md lists them too; nothing is dropped silently). */
export const NOT_RUN: Readonly<Record<string, string>> = {
  '@secretlint/secretlint-rule-gcp':
    'file-format rule: it reads only .p12 and .json files (a service-account key file); a key pasted into a value is caught by secretlint/privatekey and el/pem-private-key',
  '@secretlint/secretlint-rule-filter-comments':
    'not a detector: it applies secretlint-disable comments in source code, which evidence does not have',
};

/**
 * Options per rule. AWS: the ID scan (`enableIDScanRule`) is off because it also reports IAM user and role ids
 * (AIDA…, AROA…) and account ids, which are identifiers in access evidence, not secrets; el/aws-access-key-id covers
 * access key ids.
 */
const OPTIONS: Readonly<Record<string, Record<string, unknown>>> = { '@secretlint/secretlint-rule-aws': { enableIDScanRule: false } };

export const shortId = (id: string): string => `secretlint/${id.replace(/^@secretlint\/secretlint-rule-/, '')}`;

interface LoadedRule {
  id: string;
  file: (source: unknown) => unknown;
}

let found: Span[] = [];
let current = '';

function load(): { kept: LoadedRule[]; notRun: { id: string; reason: string }[] } {
  const kept: LoadedRule[] = [];
  const notRun: { id: string; reason: string }[] = [];
  for (const creator of presetRules as unknown as Creator[]) {
    const id = creator.meta.id;
    if (NOT_RUN[id]) {
      notRun.push({ id: shortId(id), reason: NOT_RUN[id] });
      continue;
    }
    const context: RuleContext = {
      report: (d) => found.push({ start: d.range[0], end: d.range[1], rule: current }),
      ignore: () => {},
      createTranslator: () => () => '',
    };
    const handlers = creator.create(context, OPTIONS[id] ?? {});
    if (typeof handlers.file !== 'function') {
      notRun.push({ id: shortId(id), reason: 'has no file handler in this version' });
      continue;
    }
    kept.push({ id: shortId(id), file: handlers.file });
  }
  return { kept, notRun };
}

let loaded: ReturnType<typeof load> | null = null;
const rules = () => (loaded ??= load());

/** Rule ids run, and those not run with the reason. */
export function secretlintRules(): { kept: string[]; notRun: { id: string; reason: string }[] } {
  const { kept, notRun } = rules();
  return { kept: kept.map((r) => r.id), notRun };
}

/**
 * Runs every kept rule once over `text` (many values joined, see redact-value.ts) and returns the spans reported.
 * A handler that answers with a promise would report too late: that is an error, caught by the rule-set test.
 */
export function secretlintSpans(text: string): Span[] {
  const source = { content: text, filePath: 'evidence-value', ext: '', contentType: 'text' };
  found = [];
  try {
    for (const rule of rules().kept) {
      current = rule.id;
      const result = rule.file(source) as { then?: unknown } | undefined;
      if (result && typeof result.then === 'function')
        throw new Error(`${rule.id} answered asynchronously; it cannot be run before a synchronous write`);
    }
    return found;
  } finally {
    found = [];
  }
}
