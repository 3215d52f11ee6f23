/** The one window's options, in one frozen factory so the security settings cannot drift (desktop-notes §2). */
export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 800 };

/** Saved bounds are preferences, not trusted input: anything odd falls back to the default size. */
export function sanitizeBounds(value: unknown): Bounds {
  const b = (value ?? {}) as Record<string, unknown>;
  const int = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined);
  const width = int(b.width, 960, 10_000);
  const height = int(b.height, 600, 10_000);
  if (width === undefined || height === undefined) return { ...DEFAULT_BOUNDS };
  const x = int(b.x, -10_000, 10_000);
  const y = int(b.y, -10_000, 10_000);
  return x !== undefined && y !== undefined ? { x, y, width, height } : { width, height };
}

export function windowOptions(opts: { preload: string; bounds?: Bounds; devTools: boolean; dark: boolean }) {
  const bounds = opts.bounds ?? DEFAULT_BOUNDS;
  return Object.freeze({
    ...bounds,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Evidence Locker',
    autoHideMenuBar: true,
    backgroundColor: opts.dark ? '#0f1115' : '#f6f7f9',
    webPreferences: Object.freeze({
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
    }),
  });
}
