import { resolve } from 'node:path';
import type { Command } from '../command';

export const importCommands: Command[] = [
  {
    name: 'import',
    summary: 'Import a file an administrator exported (offline / air-gapped sources)',
    usage: 'evidence-locker import <type> FILE|DIR [--source NAME] [--kind KIND] [--evidence-for DAY]',
    options: { source: { type: 'string' }, kind: { type: 'string' }, 'evidence-for': { type: 'string' } },
    details(meta) {
      const lines = meta.importTypes.map((t) => `  ${t.type.padEnd(24)} ${t.summary}`);
      return [
        'Records the file as admin_export evidence (hash of the exact bytes kept), under --source (created if absent).',
        '--evidence-for DAY (YYYY-MM-DD, UTC; or a UTC time YYYY-MM-DDTHH:MM:SSZ): the date the file shows, when older than',
        'the import; periods, coverage and the heat map place the item there (not in the future, not before 2000).',
        'Import types:',
        ...(lines.length ? lines : ['  (none in this build)']),
      ].join('\n');
    },
    async run(ctx, values, positionals) {
      const [type, file] = positionals;
      const types = ctx.meta.importTypes.map((t) => t.type);
      if (!type || !file || positionals.length > 2) {
        return ctx.usage(`Usage: ${this.usage}\nImport types: ${types.join(', ') || 'none'}`);
      }
      if (!types.includes(type)) {
        return ctx.usage(`Unknown import type "${type}". Import types: ${types.join(', ') || 'none'}`);
      }
      const source = typeof values.source === 'string' ? values.source : undefined;
      const kind = typeof values.kind === 'string' ? values.kind : undefined;
      const evidenceFor = typeof values['evidence-for'] === 'string' ? values['evidence-for'] : undefined;
      const r = await ctx.call('import.run', { type, file: resolve(file), source, kind, evidenceFor });
      const what = r.seq !== undefined ? `item #${r.seq} (${r.kind}${r.records !== undefined ? `, ${r.records} record(s)` : ''})` : r.kind;
      const file2 = r.file ? `\nFile ${r.file.name}: ${r.file.bytes} bytes, sha256 ${r.file.sha256}` : '';
      const partial = r.completeness && r.completeness !== 'complete' ? `\nRecorded as ${r.completeness}: see the item's IPE notes.` : '';
      const dated = evidenceFor && r.evidenceFor ? `\nEvidence for ${r.evidenceFor}.` : '';
      ctx.print(r, `Imported ${file} into source "${r.source}" as ${what}.${file2}${partial}${dated}`);
      return 0;
    },
  },
];
