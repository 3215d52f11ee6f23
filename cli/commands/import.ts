import { resolve } from 'node:path';
import { procedures } from '../../core/api';
import type { Command } from '../command';

const PREFIX = 'import.';

/** Import types are discovered from the procedure map, so every source family's `import.<type>` shows up here. */
function importTypes(): { type: string; summary: string }[] {
  return Object.entries(procedures as Record<string, { summary: string }>)
    .filter(([name]) => name.startsWith(PREFIX))
    .map(([name, p]) => ({ type: name.slice(PREFIX.length), summary: p.summary }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

interface ImportResult {
  source: string;
  kind: string;
  seq?: number;
  records?: number;
  completeness?: string;
  file?: { name: string; sha256: string; bytes: number };
}

export const importCommands: Command[] = [
  {
    name: 'import',
    summary: 'Import a file an administrator exported (offline / air-gapped sources)',
    usage: 'evidence-locker import <type> FILE|DIR [--source NAME] [--kind KIND]',
    options: { source: { type: 'string' }, kind: { type: 'string' } },
    get details() {
      const lines = importTypes().map((t) => `  ${t.type.padEnd(24)} ${t.summary}`);
      return [
        'Records the file as admin_export evidence (hash of the exact bytes kept), under --source (created if absent).',
        'Import types:',
        ...(lines.length ? lines : ['  (none in this build)']),
      ].join('\n');
    },
    async run(ctx, values, positionals) {
      const [type, file] = positionals;
      const types = importTypes().map((t) => t.type);
      if (!type || !file || positionals.length > 2) {
        ctx.io.err(`Usage: ${this.usage}\nImport types: ${types.join(', ') || 'none'}`);
        return 2;
      }
      if (!types.includes(type)) {
        ctx.io.err(`Unknown import type "${type}". Import types: ${types.join(', ') || 'none'}`);
        return 2;
      }
      const input: Record<string, unknown> = { file: resolve(file) };
      if (typeof values.source === 'string') input.source = values.source;
      if (typeof values.kind === 'string') input.kind = values.kind;
      const r = await ctx.call<ImportResult>(`${PREFIX}${type}`, input);
      const what = r.seq !== undefined ? `item #${r.seq} (${r.kind}${r.records !== undefined ? `, ${r.records} record(s)` : ''})` : r.kind;
      const file2 = r.file ? `\nFile ${r.file.name}: ${r.file.bytes} bytes, sha256 ${r.file.sha256}` : '';
      const partial = r.completeness && r.completeness !== 'complete' ? `\nRecorded as ${r.completeness}: see the item's IPE notes.` : '';
      ctx.print(r, `Imported ${file} into source "${r.source}" as ${what}.${file2}${partial}`);
      return 0;
    },
  },
];
