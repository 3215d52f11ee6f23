import { parse, print, validate, visit } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WANDB_OPERATIONS } from '../../core/collectors/wandb/commands';
import { createCatalog } from '../../core/families/catalog';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { wandbSchema } from '../fixtures/wandb/schema';

describe('the W&B collector queries', () => {
  it('each validates against the stub schema and is, verbatim, the operation the stub knows', () => {
    const known = new Map(
      parse(readFileSync(new URL('../fixtures/wandb/known-operations.graphql', import.meta.url), 'utf8')).definitions.map((d) => [
        (d as { name: { value: string } }).name.value,
        print(d),
      ]),
    );
    expect([...known.keys()].sort()).toEqual(WANDB_OPERATIONS.map((o) => o.name).sort());
    for (const op of WANDB_OPERATIONS) {
      const doc = parse(op.query);
      expect(validate(wandbSchema, doc), op.name).toEqual([]);
      expect(print(doc), op.name).toBe(known.get(op.name));
    }
  });

  it('never select apiKey (or any key-like field), at any depth', () => {
    for (const op of WANDB_OPERATIONS) {
      visit(parse(op.query), {
        Field(node) {
          expect(node.name.value, op.name).not.toMatch(/apikey|secret|token|password/i);
        },
      });
    }
  });

  it('map to the criteria of their evidence family; audit logs are logging (CC7.2)', () => {
    const m = createCatalog(BUILT_IN_FAMILIES).mappings;
    expect(m.forKind('wandb.access')).toMatchObject({ family: 'access', criteria: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.7'] });
    expect(m.forKind('wandb.access.diff')).toMatchObject({ derived: true, criteria: ['CC6.2', 'CC6.3', 'CC4.1'] });
    expect(m.forKind('wandb.registry')).toMatchObject({ family: 'registry', criteria: ['CC8.1', 'CC6.3', 'A1.2'] });
    expect(m.forKind('wandb.retention')).toMatchObject({ family: 'retention', criteria: expect.arrayContaining(['C1.1', 'C1.2']) });
    expect(m.forKind('wandb.audit-log')).toMatchObject({ family: 'logging', criteria: ['CC7.2', 'CC4.1', 'CC7.3'] });
  });
});
