import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/util/errors';
import { CRITERIA, criteriaWithEvidence, getCriterion } from '../../core/criteria';
import { mappings } from '../helpers/catalog';

const mappingsForKind = (kind: string) => mappings.forKind(kind);
const kindsForCriterion = (id: string) => mappings.kindsForCriterion(id);
const allMappings = () => mappings.all();
import { recordItems } from '../../core/store/store-writes';
import { tempStore } from '../helpers/temp-store';
import { item, registryContent } from './report-fixtures';

describe('criteria catalog', () => {
  it('holds exactly the 61 TSC ids with the right counts per category', () => {
    expect(CRITERIA).toHaveLength(61);
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(61);
    const per = (cat: string) => CRITERIA.filter((c) => c.category === cat).length;
    expect([per('CC'), per('A'), per('C'), per('PI'), per('P')]).toEqual([33, 3, 2, 5, 18]);
    expect(CRITERIA.map((c) => c.id)).toContain('CC8.1');
    expect(CRITERIA.at(-1)!.id).toBe('P8.1');
  });

  it('refuses invented ids with BAD_INPUT', () => {
    for (const bad of ['C1.3', 'PI1.6', 'CC9.3', 'P9.1', 'CC6.9', '', 'cc10.1']) {
      expect(() => getCriterion(bad)).toThrow(AppError);
      try {
        getCriterion(bad);
      } catch (e) {
        expect((e as AppError).code).toBe('BAD_INPUT');
      }
    }
    expect(getCriterion('cc6.1').id).toBe('CC6.1');
  });

  it('never words a criterion as compliance', () => {
    const text = JSON.stringify([CRITERIA, CRITERIA.flatMap((c) => kindsForCriterion(c.id).map(mappingsForKind))]).toLowerCase();
    for (const word of ['compliant', 'satisfies', 'passed']) expect(text).not.toContain(word);
  });
});

describe('kind mapping', () => {
  it('maps the MLflow and AWS kinds per criteria.md §2', () => {
    expect(mappingsForKind('mlflow.registry')!.criteria).toEqual(['CC8.1', 'CC6.3', 'A1.2']);
    expect(mappingsForKind('mlflow.access')!.criteria).toEqual(['CC6.1', 'CC6.2', 'CC6.3', 'CC6.7']);
    expect(mappingsForKind('aws.credential-report')!.criteria).toContain('CC6.6');
    expect(mappingsForKind('aws.cloudtrail')!.criteria).toEqual(['CC7.2', 'CC4.1', 'CC7.3']);
    expect(mappingsForKind('aws.s3.retention')!.criteria).toEqual(['C1.1', 'C1.2', 'P4.2', 'P4.3', 'A1.2']);
    expect(mappingsForKind('mlflow.lineage')!.criteria).toContain('PI1.2');
    expect(mappingsForKind('unknown.kind')).toBeNull();
  });

  it('includes derived diff kinds, with access reviews adding CC4.1', () => {
    const d = mappingsForKind('mlflow.access.diff')!;
    expect(d.derived).toBe(true);
    expect(d.criteria).toEqual(['CC6.2', 'CC6.3', 'CC4.1']);
    for (const k of [
      'mlflow.registry.diff',
      'aws.iam.diff',
      'aws.credential-report.diff',
      'aws.s3.retention.diff',
      'aws.logs.retention.diff',
      'aws.sagemaker.registry.diff',
    ]) {
      expect(mappingsForKind(k), k).not.toBeNull();
    }
  });

  it('lists kinds per criterion and validates the id', () => {
    const cc81 = kindsForCriterion('CC8.1');
    expect(cc81).toEqual(expect.arrayContaining(['mlflow.registry', 'mlflow.registry.diff', 'aws.sagemaker.registry', 'mlflow.lineage']));
    expect(cc81).not.toContain('mlflow.access');
    expect(kindsForCriterion('CC4.1')).toEqual(expect.arrayContaining(['mlflow.access.diff', 'aws.cloudtrail']));
    expect(kindsForCriterion('CC4.1')).not.toContain('mlflow.access');
    expect(kindsForCriterion('P1.1')).toEqual([]);
    expect(() => kindsForCriterion('C1.3')).toThrow(/not a Trust Services Criterion/);
  });

  it('every mapped criterion id is in the closed list', () => {
    const ids = new Set(CRITERIA.map((c) => c.id));
    for (const c of CRITERIA) for (const k of kindsForCriterion(c.id)) for (const id of mappingsForKind(k)!.criteria) expect(ids.has(id)).toBe(true);
  });

  it('criteriaWithEvidence follows what the store holds', () => {
    const t = tempStore();
    try {
      expect(criteriaWithEvidence(t.store, mappings)).toEqual([]);
      recordItems(t.store, { runId: null, sourceId: null }, [item('mlflow.registry', registryContent(1), '2026-01-02T00:00:00.000Z')]);
      expect(criteriaWithEvidence(t.store, mappings)).toEqual(['CC6.3', 'CC8.1', 'A1.2']);
    } finally {
      t.cleanup();
    }
  });
});

describe('docs/criteria.md', () => {
  it('names every mapped snapshot kind', () => {
    const doc = readFileSync(new URL('../../docs/criteria.md', import.meta.url), 'utf8');
    for (const m of allMappings().filter((x) => !x.derived)) expect(doc, m.kind).toContain(`\`${m.kind}\``);
  });
});
