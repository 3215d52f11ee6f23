import { nodeHash } from '../log/merkle';

/**
 * All levels of the RFC 6962 tree over `leaves`, built once so that each inclusion proof costs O(log n) instead
 * of the O(n) recomputation of `inclusionProof` in core/log/merkle.ts (10,000 proofs would take minutes).
 * An odd last node is promoted unchanged to the next level: that is exactly RFC 6962's left-balanced split.
 * Memory: about 2n hashes (64 bytes per leaf).
 */
export class MerkleLevels {
  private readonly levels: Buffer[][];

  constructor(leaves: readonly Buffer[]) {
    this.levels = [leaves.slice()];
    let level = this.levels[0]!;
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  leaf(index: number): Buffer {
    const leaf = this.levels[0]![index];
    if (!leaf) throw new RangeError('index outside tree');
    return leaf;
  }

  root(): Buffer | undefined {
    return this.levels[this.levels.length - 1]![0];
  }

  /** Audit path for leaf `index`, deepest sibling first (the order of RFC 6962 §2.1.1 and RFC 9162 §2.1.3.2). */
  inclusionProof(index: number): Buffer[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError('index outside tree');
    const path: Buffer[] = [];
    let i = index;
    for (let d = 0; d < this.levels.length - 1; d++) {
      const sibling = i ^ 1;
      const level = this.levels[d]!;
      if (sibling < level.length) path.push(level[sibling]!);
      i >>= 1;
    }
    return path;
  }
}
