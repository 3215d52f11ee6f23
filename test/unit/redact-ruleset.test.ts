import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import { RULE_SET, VALUE_RULES, allRuleIds, redactionRuleSet, secretlintRules } from '../../core/redact';
import { secretlintSpans } from '../../core/redact/secretlint-rules';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const doc = readFileSync(new URL('../../docs/redaction.md', import.meta.url), 'utf8');

describe('the maintained rule set (secretlint preset-recommend) as loaded', () => {
  it('is the pinned npm version, and every preset rule is either run or listed as not run with a reason', () => {
    expect(pkg.dependencies[RULE_SET.name]).toBe(RULE_SET.version);
    const { kept, notRun } = secretlintRules();
    const all = (presetRules as unknown as { meta: { id: string } }[]).map(
      (r) => `secretlint/${r.meta.id.replace('@secretlint/secretlint-rule-', '')}`,
    );
    expect([...kept, ...notRun.map((n) => n.id)].sort()).toEqual([...all].sort());
    for (const n of notRun) expect(n.reason.length).toBeGreaterThan(20);
    expect(kept.length).toBeGreaterThanOrEqual(25);
  });

  it('every kept rule runs synchronously over text without throwing (a rule answering with a promise is an error)', () => {
    const text = ['plain words', 'https://example.com/a', 'AKIAIOSFODNN7EXAMPLE', '{"k":"v"}', 'x'.repeat(5000)].join('\u0000');
    expect(() => secretlintSpans(text)).not.toThrow();
    expect(secretlintSpans(text)).toEqual([]);
  });

  it('every own value pattern is a global regex that compiles and has lowercase keywords for the prefilter', () => {
    for (const rule of VALUE_RULES) {
      expect(rule.pattern.flags).toContain('g');
      expect(() => new RegExp(rule.pattern.source, rule.pattern.flags)).not.toThrow();
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const k of rule.keywords) expect(k).toBe(k.toLowerCase());
    }
  });
});

describe('docs/redaction.md', () => {
  it('documents every rule id a redaction may carry, and every rule not run', () => {
    for (const id of allRuleIds()) expect(doc, id).toContain(`\`${id}\``);
    for (const n of redactionRuleSet().notRun) expect(doc, n.id).toContain(`\`${n.id}\``);
    expect(doc).toContain(RULE_SET.version);
  });
});
