import type { EvidenceStore } from './evidence-store';
import { dbOf } from './handle';
import * as keys from './repos/keys';

const KEY = 'workspace_label';

/**
 * The demo workspace is labelled once, in the store itself and in the signed log, so every view of it (the app's
 * banner, each bundle's PDF and manifest) can say "demo" and an auditor can see the label was there from the start.
 */
export function labelDemoWorkspace(store: EvidenceStore): void {
  if (isDemoWorkspace(store)) return;
  store.tx(() => {
    keys.setMeta(dbOf(store), KEY, 'demo');
    store.appendLog('workspace_labelled', {
      label: 'demo',
      meaning: 'sample data imported by the demo seed; not evidence about any real organisation',
    });
  });
}

export function isDemoWorkspace(store: EvidenceStore): boolean {
  return keys.getMeta(dbOf(store), KEY) === 'demo';
}
