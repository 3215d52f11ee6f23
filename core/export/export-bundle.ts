import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../util/errors';
import { getCriterion } from '../criteria';
import { buildCriterionReport, renderCriterionPdf } from '../report';
import { parsePeriod } from '../report/build';
import type { EvidenceStore } from '../store/evidence-store';
import { fsyncDir } from '../util/atomic-file';
import { sha256Hex } from '../util/canonical';
import { checkpointForExport, previousBundleOf, recordExport } from './export-records';
import { sha256File } from './hashed-file';
import { PROOFS, REQUIRED_FILES, bundleFileName, reportPath } from './bundle-paths';
import { MerkleLevels } from './merkle-levels';
import { writeProofsFile } from './proofs-file';
import { logEntryProver } from './log-entry-proof';
import { claimStaging, removeLeftoverPartials } from './staging-owner';
import { allLeaves, exportLoggedAt } from '../store/store-reads';
import { staticFiles, writeZip } from './bundle-entries';
import { redactionSummary, type Manifest } from './manifest';
import { toolVersion } from '../util/runtime';
import type { KindMappings } from '../criteria/mapping';
import type { Resources } from '../resources';
import { collectAttachments, type AttachmentContributor } from './attachments';
import { CRITERIA_CSV, INDEX_HTML, navigationFiles } from './navigation';

export interface ExportRequest {
  criterion: string;
  from: string;
  to: string;
  outDir: string;
  org?: string;
  /** Which kinds support which criteria, for the source families in use. */
  mappings: KindMappings;
  /** Fonts for the PDF and the verifier scripts for the bundle. */
  resources: Resources;
  /** Stops the export between steps; whatever it wrote is removed, nothing is logged. */
  signal?: AbortSignal;
  /** Extra bundle files (attachments/index.ts BUNDLE_CONTRIBUTORS unless a test passes its own). */
  contributors?: readonly AttachmentContributor[];
}

export interface ExportResult {
  bundleId: string;
  path: string;
  pdfPath: string;
  criterion: string;
  period: { from: string; to: string };
  items: number;
  counts: Manifest['counts'];
  sumsSha256: string;
  keyFingerprint: string;
  checkpoint: { size: number; root: string };
  previousBundle: string | null;
}

export const DEFAULT_ORG = 'Organisation';

/**
 * One signed bundle for one criterion and period (docs/bundle-format.md). Order matters: checkpoint first (the
 * proofs point into it), then the PDF and proofs into a staging folder, then SHA256SUMS and its signature, then the
 * ZIP as `*.partial`, fsync, rename; only a bundle that exists is logged (`export_created`) and chained.
 */
export async function exportBundle(
  store: EvidenceStore,
  req: ExportRequest,
  progress: (message: string) => void = () => {},
  renderPdf: typeof renderCriterionPdf = renderCriterionPdf,
): Promise<ExportResult> {
  store.assertWritable();
  const criterion = getCriterion(req.criterion);
  parsePeriod(req); // the days the contract accepts, as instants, refused before anything is written
  const org = req.org?.trim() || DEFAULT_ORG;
  const outDir = resolve(req.outDir);
  mkdirSync(outDir, { recursive: true });
  removeLeftoverPartials(outDir, (zipPath) => exportLoggedAt(store, zipPath));

  const key = store.signingKey();
  const cp = checkpointForExport(store, key);
  const bundleId = randomBytes(16).toString('hex');
  const name = bundleFileName(org, criterion.id, req.from, req.to, bundleId);
  const zipPath = join(outDir, name);
  const pdfPath = zipPath.replace(/\.zip$/, '.pdf');
  const staging = `${zipPath}.partial.d`;

  const report = buildCriterionReport(store, { criterion: criterion.id, from: req.from, to: req.to, org, bundleId, mappings: req.mappings });
  const generatedAt = report.generatedAt;
  const leaves = allLeaves(store, cp.size);
  const levels = new MerkleLevels(leaves);
  if (!levels.root()?.equals(Buffer.from(cp.root, 'base64')))
    throw new AppError('INTEGRITY', 'The log does not match its checkpoint; run verify-store.');
  const previous = previousBundleOf(store, criterion.id);
  const seen = new Set<number>();
  const refs = [...report.items].sort((a, b) => a.seq - b.seq).filter((i) => !seen.has(i.seq) && seen.add(i.seq));

  req.signal?.throwIfAborted();
  claimStaging(staging); // before any partial file: a concurrent export's cleanup must see whose they are
  let renamed = false;
  try {
    progress(`rendering the report (${refs.length} items)`);
    const stagedPdf = join(staging, 'report.pdf');
    await renderPdf(report, stagedPdf, req.resources.fontsDir);
    req.signal?.throwIfAborted();
    const stagedProofs = join(staging, 'proofs.json');
    progress('writing inclusion proofs');
    const proofs = writeProofsFile(
      store,
      {
        path: stagedProofs,
        items: refs,
        levels,
        checkpoint: { origin: cp.origin, size: cp.size, root: cp.root },
        previous: previous && { bundleId: previous.id, size: previous.checkpoint.size, root: previous.checkpoint.root },
      },
      leaves,
    );
    const counts = { complete: 0, partial: 0, failed: 0 };
    for (const item of proofs.items) counts[item.completeness] += 1;
    progress('adding attachments');
    const attachmentsDir = join(staging, 'attachments');
    mkdirSync(attachmentsDir);
    const attachments = await collectAttachments(
      {
        store,
        criterion: criterion.id,
        from: req.from,
        to: req.to,
        report,
        items: proofs.items,
        mappings: req.mappings,
        stagingDir: attachmentsDir,
        fontsDir: req.resources.fontsDir,
        checkpoint: { origin: cp.origin, size: cp.size, root: cp.root },
        proveLogEntry: logEntryProver(store, levels),
      },
      req.contributors,
      new Set([...REQUIRED_FILES, INDEX_HTML, CRITERIA_CSV, reportPath(criterion.id), ...proofs.items.flatMap((i) => [i.evidence, i.ipe])]),
    );
    req.signal?.throwIfAborted();
    const manifest: Manifest = {
      format: 'evidence-locker/bundle/v1',
      bundleId,
      org,
      criterion: { id: criterion.id, title: criterion.title },
      period: { from: req.from, to: req.to },
      generatedAt,
      appVersion: toolVersion(),
      keyFingerprint: key.fingerprint,
      previousBundle: previous && {
        id: previous.id,
        sumsSha256: previous.sumsSha256,
        generatedAt: previous.createdAt,
        checkpoint: previous.checkpoint,
      },
      checkpoint: { origin: cp.origin, size: cp.size, root: cp.root },
      counts,
      redaction: redactionSummary({
        redactedValues: refs.reduce((n, i) => n + (i.ipe?.redactions?.count ?? 0), 0),
        itemsWithRedactions: refs.filter((i) => i.ipe?.redactions).length,
      }),
      report: reportPath(criterion.id),
      items: proofs.items,
      attachments: attachments.map((a) => ({
        path: a.path,
        sha256: Buffer.isBuffer(a.data) ? sha256Hex(a.data) : a.data.sha256,
        kind: a.kind,
        title: a.title,
        date: a.date,
        derivedFrom: a.derivedFrom,
      })),
    };
    const files = staticFiles({
      manifest,
      key,
      checkpointNote: cp.note,
      readme: { items: proofs.items.length },
      toolsDir: req.resources.bundleToolsDir,
    });
    const onDisk = [
      { path: manifest.report, file: stagedPdf, sha256: await sha256File(stagedPdf) },
      { path: PROOFS, file: stagedProofs, sha256: proofs.sha256 },
    ];
    for (const a of attachments) {
      if (Buffer.isBuffer(a.data)) files.set(a.path, a.data);
      else onDisk.push({ path: a.path, file: a.data.file, sha256: a.data.sha256 });
    }
    // Last: the table of contents and the criterion → file spreadsheet describe every file above.
    const known = new Map<string, string>([
      ...[...files].map(([path, data]) => [path, sha256Hex(data)] as const),
      ...onDisk.map((f) => [f.path, f.sha256] as const),
    ]);
    for (const [path, data] of navigationFiles(manifest, known, req.mappings)) files.set(path, data);
    progress('writing the ZIP');
    const sums = await writeZip(store, {
      partialPath: `${zipPath}.partial`,
      date: new Date(generatedAt),
      key,
      files,
      onDisk,
      items: proofs.items,
      signal: req.signal,
    });
    // No cancelling from here on: the bundle is complete, and is logged moments later.
    renameSync(`${zipPath}.partial`, zipPath);
    renamed = true;
    copyFileSync(stagedPdf, `${pdfPath}.partial`);
    renameSync(`${pdfPath}.partial`, pdfPath);
    fsyncDir(outDir);
    const sumsSha256 = sha256Hex(sums);
    recordExport(store, {
      bundleId,
      criterion: criterion.id,
      from: req.from,
      to: req.to,
      file: name,
      path: zipPath,
      sumsSha256,
      createdAt: generatedAt,
      items: proofs.items.length,
      counts,
      checkpoint: cp,
      previousBundle: previous?.id ?? null,
    });
    return {
      bundleId,
      path: zipPath,
      pdfPath,
      criterion: criterion.id,
      period: { from: req.from, to: req.to },
      items: proofs.items.length,
      counts,
      sumsSha256,
      keyFingerprint: key.fingerprint,
      checkpoint: { size: cp.size, root: cp.root },
      previousBundle: previous?.id ?? null,
    };
  } catch (err) {
    // An unlogged bundle must not be handed out: remove what was written.
    if (renamed) rmSync(zipPath, { force: true });
    rmSync(pdfPath, { force: true });
    rmSync(`${pdfPath}.partial`, { force: true });
    rmSync(`${zipPath}.partial`, { force: true });
    throw err;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
