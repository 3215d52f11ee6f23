import { describe, expect, it } from 'vitest';
import { bundleFileName, evidencePaths, formatSums, isSafePath, parseSums, sanitizeSegment } from '../../core/export/bundle-paths';
import { MerkleLevels } from '../../core/export/merkle-levels';
import { inclusionProof, leafHash, rootFromInclusionProof, subtreeRoot } from '../../core/log/merkle';

const h = (c: string) => c.repeat(64);

describe('bundle names and SHA256SUMS', () => {
  it('sanitises org and criterion into [A-Za-z0-9._-] and keeps the short id', () => {
    expect(bundleFileName('Acme AI, Inc. / R&D', 'CC8.1', '2026-01-01', '2026-06-30', 'abcdef0123456789abcdef0123456789')).toBe(
      'Acme-AI-Inc.-R-D_CC8.1_2026-01-01_2026-06-30_abcdef01.zip',
    );
    expect(sanitizeSegment('../../etc')).toBe('etc');
    expect(sanitizeSegment('...')).toBe('x');
    // Accents drop and letters without a decomposition are spelled out, instead of '-' for every mark.
    expect(sanitizeSegment('Ünïcødé 株式会社 🚀', 'org')).toBe('Unicode');
    expect(sanitizeSegment('Straße Łódź Ærø')).toBe('Strasse-Lodz-AEro');
    expect(sanitizeSegment('株式会社', 'org')).toBe('org');
    expect(evidencePaths('mlflow.registry', 42)).toEqual({
      content: 'evidence/mlflow.registry/0000000042.json',
      ipe: 'evidence/mlflow.registry/0000000042.ipe.json',
    });
  });

  it('writes sha256sum lines byte-sorted and refuses unsafe or duplicate paths', () => {
    const text = formatSums([
      { path: 'tools/verify.sh', sha256: h('a') },
      { path: 'README.txt', sha256: h('b') },
      { path: 'evidence/k/1.json', sha256: h('c') },
    ]).toString();
    expect(text).toBe(`${h('b')}  README.txt\n${h('c')}  evidence/k/1.json\n${h('a')}  tools/verify.sh\n`);
    expect(parseSums(text).map((l) => l.path)).toEqual(['README.txt', 'evidence/k/1.json', 'tools/verify.sh']);
    expect(() => formatSums([{ path: 'a b', sha256: h('a') }])).toThrow(/unsafe/);
    expect(() =>
      formatSums([
        { path: 'x', sha256: h('a') },
        { path: 'x', sha256: h('b') },
      ]),
    ).toThrow(/duplicate/);
    for (const bad of ['/etc/passwd', 'a/../b', 'a\\b', 'a//b', 'é']) expect(isSafePath(bad)).toBe(false);
  });

  it('parses strictly: format, order, listing SHA256SUMS itself, trailing newline', () => {
    expect(() => parseSums(`${h('a')}  b\n${h('a')}  a\n`)).toThrow(/byte-sorted/);
    expect(() => parseSums(`${h('a')} *a\n`)).toThrow(/line 1/);
    expect(() => parseSums(`${h('a')}  SHA256SUMS.sig\n`)).toThrow(/must not be listed/);
    expect(() => parseSums(`${h('a')}  a`)).toThrow(/newline/);
    expect(() => parseSums(`${h('A')}  a\n`)).toThrow(/line 1/);
  });
});

describe('MerkleLevels (fast proofs for bundles)', () => {
  it('gives the same root and audit paths as the reference RFC 6962 code for every leaf of sizes 1..70', () => {
    const all = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    for (let n = 1; n <= all.length; n++) {
      const leaves = all.slice(0, n);
      const levels = new MerkleLevels(leaves);
      const root = subtreeRoot(leaves);
      expect(levels.root()!.equals(root)).toBe(true);
      for (let i = 0; i < n; i++) {
        const path = levels.inclusionProof(i);
        expect(path.map((b) => b.toString('hex'))).toEqual(inclusionProof(leaves, i).map((b) => b.toString('hex')));
        expect(rootFromInclusionProof(leaves[i]!, i, n, path)!.equals(root)).toBe(true);
      }
    }
    expect(() => new MerkleLevels(all).inclusionProof(70)).toThrow(RangeError);
  });
});
