import { join } from 'node:path';
import type { Core } from '../core/api';

const DAY = 86_400_000;

/**
 * Demo AI vendor register and manual evidence: the vendors the demo sources suggest, two model-API providers typed
 * in (OpenAI sent personal data, its SOC 2 report expiring in 20 days; Anthropic with a review overdue), an AI
 * acceptable-use policy PDF for CC5.3 and CC9.2, and last year's red-team report, expired, for CC4.1.
 */
export function vendorDemoSteps(core: Core, dir: string, now: Date): [string, () => ReturnType<Core['callUntyped']>][] {
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  return [
    ['vendors', () => core.call('vendor.seed', {})],
    [
      'vendors',
      () =>
        core.call('vendor.add', {
          name: 'OpenAI',
          services: ['Chat Completions API', 'Embeddings API'],
          dataSent: 'support tickets (customer names, e-mail addresses) for summarisation',
          personalData: true,
          dpa: 'signed',
          dpaSignedOn: day(-320),
          trainingUse: 'not-used',
          trainingTerms: 'API data is not used for training (DPA §4); 30-day abuse-monitoring retention',
          reports: [{ type: 'soc2-type2', issuedOn: day(-345), expiresOn: day(20) }],
          lastReviewedOn: day(-100),
          owner: 'Dana Lee (GRC)',
        }),
    ],
    [
      'vendors',
      () =>
        core.call('vendor.add', {
          name: 'Anthropic',
          services: ['Messages API'],
          dataSent: 'internal engineering documents, no personal data',
          personalData: false,
          dpa: 'signed',
          dpaSignedOn: day(-400),
          trainingUse: 'not-used',
          reports: [
            { type: 'soc2-type2', issuedOn: day(-120), expiresOn: day(245) },
            { type: 'iso42001', issuedOn: day(-200), expiresOn: day(900) },
          ],
          lastReviewedOn: day(-380),
          owner: 'Sam Ortiz (Platform)',
        }),
    ],
    [
      'manual evidence',
      () =>
        core.call('manual.add', {
          file: join(dir, 'manual', 'ai-acceptable-use-policy.pdf'),
          title: 'AI acceptable use policy v2.1',
          criteria: ['CC5.3', 'CC9.2'],
          evidenceFor: day(-120),
          owner: 'Dana Lee (GRC)',
          expiresOn: day(245),
        }),
    ],
    [
      'manual evidence',
      () =>
        core.call('manual.add', {
          file: join(dir, 'manual', 'red-team-report-2025.pdf'),
          title: 'LLM red-team report 2025',
          criteria: ['CC4.1', 'CC7.1'],
          evidenceFor: day(-370),
          owner: 'Security team',
          expiresOn: day(-5),
        }),
    ],
  ];
}
