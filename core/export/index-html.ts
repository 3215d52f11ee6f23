import type { Manifest } from './manifest';
import type { BundleFileRow } from './navigation';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Styles only: the page runs no script and loads nothing (its CSP says so), so it opens the same offline. */
const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:84rem}
h1{font-size:1.4rem;margin:0 0 .2rem}h2{font-size:1.05rem;margin:1.6rem 0 .4rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0}dt{color:#57606a}dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}code,.hash{font-family:ui-monospace,monospace;font-size:12px}.hash{word-break:break-all;color:#57606a}
.partial{color:#9a6700;font-weight:600}.failed{color:#cf222e;font-weight:600}.note{background:#fff8c5;padding:.6rem .8rem;border-radius:4px}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}th,td{border-color:#30363d}dt,.hash{color:#8b949e}.note{background:#3b2e00}}`;

function fileTable(rows: readonly BundleFileRow[]): string {
  const body = rows
    .map((r) => {
      const state = r.completeness ? `<span class="${r.completeness}">${r.completeness}</span>` : '';
      return `<tr><td><a href="${escapeHtml(r.path)}"><code>${escapeHtml(r.path)}</code></a></td><td>${escapeHtml(r.what)}</td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(r.date ?? '')}</td><td>${state}</td><td>${escapeHtml(r.criteria.join(', '))}</td><td class="hash">${r.sha256}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>File</th><th>What it is</th><th>Kind</th><th>Evidence date</th><th>Completeness</th><th>Criteria</th><th>SHA-256</th></tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/**
 * index.html: the bundle's table of contents for an auditor who opens it in a browser. It is a convenience, not
 * evidence: SHA256SUMS (signed) lists it like every other file, and the hashes it shows are those SHA256SUMS holds.
 */
export function renderIndexHtml(m: Manifest, rows: readonly BundleFileRow[]): Buffer {
  const evidence = rows.filter((r) => r.kind !== 'bundle');
  const machinery = rows.filter((r) => r.kind === 'bundle');
  const c = m.counts;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${m.criterion.id} evidence, ${m.period.from} to ${m.period.to} - ${m.org}`)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(`${m.criterion.id} ${m.criterion.title}`)}</h1>
<div>${escapeHtml(m.org)} - evidence bundle for ${m.period.from} to ${m.period.to} (UTC, inclusive)</div>
<dl>
<dt>Bundle</dt><dd><code>${m.bundleId}</code>, generated ${escapeHtml(m.generatedAt)} by ${escapeHtml(m.appVersion)}</dd>
<dt>Evidence items</dt><dd>${m.items.length} (${c.complete} complete, ${c.partial} partial, ${c.failed} failed); ${(m.attachments ?? []).length} further files</dd>
<dt>Key fingerprint claimed</dt><dd><code class="hash">${m.keyFingerprint}</code></dd>
<dt>Report</dt><dd><a href="${escapeHtml(m.report)}">${escapeHtml(m.report)}</a></dd>
<dt>Spreadsheet</dt><dd><a href="criteria.csv">criteria.csv</a>: criterion → evidence file, one row each</dd>
</dl>
<p class="note">This page is a table of contents, not proof. Verify the bundle as README.txt says (openssl and
sha256sum, or <code>bash tools/verify.sh FINGERPRINT</code>) with the fingerprint you received out of band; the
hashes below are the ones SHA256SUMS lists.</p>
<h2>Evidence and report (${evidence.length} files)</h2>
${fileTable(evidence)}
<h2>Verification files</h2>
${fileTable(machinery)}
</body></html>
`;
  return Buffer.from(html, 'utf8');
}
