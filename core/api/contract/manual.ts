import { z } from 'zod';
import { daySchema } from './dates';
import { spec } from './define';
import type { ManualView } from '../../manual/view';

export type { ManualView, ManualStatus } from '../../manual/view';
export { MANUAL_EXPIRY_WINDOW_DAYS } from '../../manual/view';

const criterionList = z.array(z.string().trim().min(1)).min(1, 'attach the file to at least one criterion').max(61);

export interface ManualShowView extends ManualView {
  /** The kept copy in the store folder was re-hashed just now. */
  stored: { present: boolean; matches: boolean };
  /** Uploads this one replaced, and the one that replaced it, for the history. */
  history: { id: number; status: string; evidenceFor: string; uploadedAt: string }[];
}

export const manualContract = {
  'manual.add': spec<ManualView>()(
    'Keep a file (policy, red-team report, screenshot, signed DPA) as manual evidence for one or more criteria.',
    z
      .object({
        /** A path (CLI) or, through the app hosts, an `upload:` ref: hosts never take a path from the renderer. */
        file: z.string().min(1),
        title: z.string().trim().max(200).optional(),
        criteria: criterionList,
        evidenceFor: daySchema,
        owner: z.string().trim().min(1, 'name the owner').max(200),
        expiresOn: daySchema.nullable().optional(),
        supersedes: z.number().int().positive().optional(),
      })
      .strict(),
  ),
  'manual.list': spec<ManualView[]>()(
    'Manual evidence, each with its expiry judged against today (withdrawn and superseded ones with includeEnded).',
    z.object({ criterion: z.string().min(1).optional(), includeEnded: z.boolean().default(false) }).strict(),
  ),
  'manual.show': spec<ManualShowView>()(
    'One manual upload, its stored copy re-hashed, and its history.',
    z.object({ id: z.number().int().positive() }).strict(),
  ),
  'manual.remove': spec<ManualView>()(
    'Withdraw an upload (a new log entry; the file and the first entry stay). To replace it, add the new file with supersedes.',
    z.object({ id: z.number().int().positive(), reason: z.string().trim().min(1, 'say why it is withdrawn').max(1000) }).strict(),
  ),
};
