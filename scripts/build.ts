import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, Plugin } from 'vite';

/**
 * Builds what the hosts serve: the renderer (out/renderer, for Electron's app:// and for web mode) and the
 * Electron main process and preload (out/main, out/preload). `npm run build` builds all three; `npm start`
 * builds what is missing or older than its sources, so a fresh clone needs no separate build step.
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const out = (...p: string[]) => join(ROOT, 'out', ...p);

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

function staleAgainst(target: string, sources: string[]): boolean {
  if (!existsSync(target)) return true;
  const built = statSync(target).mtimeMs;
  return sources.some((s) => existsSync(s) && (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > built);
}

export const rendererOutput = () => out('renderer', 'index.html');
export const mainOutput = () => out('main', 'index.js');
export const preloadOutput = () => out('preload', 'index.cjs');

export function rendererIsStale(): boolean {
  return staleAgainst(rendererOutput(), [join(ROOT, 'renderer'), join(ROOT, 'core', 'api', 'contract')]);
}

export function desktopIsStale(): boolean {
  return (
    // This file too: a change to how the desktop is bundled must rebuild it.
    staleAgainst(mainOutput(), [join(ROOT, 'electron'), join(ROOT, 'core'), fileURLToPath(import.meta.url)]) ||
    staleAgainst(preloadOutput(), [join(ROOT, 'electron', 'preload')])
  );
}

export async function buildRenderer(quiet = false): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'renderer', 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
}

/**
 * Runtime dependencies stay in node_modules (better-sqlite3 is native; the packaged app ships them unpacked).
 * A dependency's JSON file (core/redact reads the secretlint preset's package.json for its version) is bundled in:
 * Rollup drops the `with { type: 'json' }` attribute from an external import, and Node refuses a JSON import
 * without it (ERR_IMPORT_ASSERTION_TYPE_MISSING), so left external it would break the main process at start.
 */
function externals(): (string | RegExp)[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return [
    'electron',
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
    ...Object.keys(pkg.dependencies).map((d) => new RegExp(`^${d.replace(/[/]/g, '\\/')}(\\/(?!.*\\.json$)|$)`)),
  ];
}

/**
 * core/ finds its files (package.json, fonts, the bundle's verify tools) with `new URL('../x', import.meta.url)`.
 * Bundled into out/main/index.js those paths would point elsewhere, so each is re-expressed relative to the bundle.
 * The packaged app keeps the same layout (out/, core/, resources/ and package.json at the asar root).
 */
function relocateImportMetaUrls(outDir: string): Plugin {
  return {
    name: 'relocate-import-meta-urls',
    transform(code, id) {
      if (!id.startsWith(join(ROOT, 'core') + sep)) return null;
      const next = code.replace(/new URL\((['"`])(\.\.?\/[^'"`$]*)/g, (_m, quote: string, rel: string) => {
        let r = relative(outDir, resolve(dirname(id), rel))
          .split(sep)
          .join('/');
        if (!r.startsWith('.')) r = `./${r}`;
        if (rel.endsWith('/') && !r.endsWith('/')) r += '/';
        return `new URL(${quote}${r}`;
      });
      return next === code ? null : { code: next, map: null };
    },
  };
}

export async function buildDesktop(quiet = false): Promise<void> {
  const { build } = await import('vite');
  const common: InlineConfig = { configFile: false, root: ROOT, logLevel: quiet ? 'warn' : 'info', publicDir: false };
  // Main: ESM (Electron ≥ 28 with "type": "module"); electron-store is ESM-only and is bundled in.
  await build({
    ...common,
    build: {
      ssr: join(ROOT, 'electron', 'main', 'index.ts'),
      outDir: out('main'),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: { external: externals(), output: { format: 'es', entryFileNames: 'index.js' } },
    },
    ssr: { noExternal: true, target: 'node' },
    plugins: [relocateImportMetaUrls(out('main'))],
  });
  // Preload: sandboxed, so CommonJS and no imports but `electron` (desktop-notes §6).
  await build({
    ...common,
    build: {
      ssr: join(ROOT, 'electron', 'preload', 'index.cts'),
      outDir: out('preload'),
      emptyOutDir: true,
      target: 'chrome120',
      minify: false,
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
    ssr: { noExternal: true },
    // Vite's TypeScript transform skips .cts by default.
    esbuild: { include: /\.[cm]?tsx?$/, loader: 'ts' },
  });
}
