import { AppError } from '../util/errors';

export type CriterionCategory = 'CC' | 'A' | 'C' | 'PI' | 'P';

/** One Trust Services Criterion. Titles and `asks` are our paraphrases, not AICPA wording. */
export interface Criterion {
  id: string;
  title: string;
  category: CriterionCategory;
  asks: string;
}

/** [id, short title, what it asks]: AICPA 2017 TSC (2022 points of focus), the closed list of 61 ids. */
const ROWS: readonly (readonly [string, string, string])[] = [
  ['CC1.1', 'Commitment to integrity and ethics', 'Leadership shows a commitment to integrity and ethical values.'],
  ['CC1.2', 'Board independence and oversight', 'The board is independent of management and oversees internal control.'],
  ['CC1.3', 'Structure, reporting lines and authority', 'Management sets structures, reporting lines, authorities and responsibilities.'],
  ['CC1.4', 'Competent people', 'The entity attracts, develops and keeps competent individuals.'],
  ['CC1.5', 'Accountability', 'People are held accountable for their internal-control responsibilities.'],
  ['CC2.1', 'Quality information', 'Relevant, good-quality information supports the functioning of internal control.'],
  ['CC2.2', 'Internal communication', 'Control objectives and responsibilities are communicated internally.'],
  ['CC2.3', 'External communication', 'Matters affecting internal control are communicated to outside parties.'],
  ['CC3.1', 'Clear objectives', 'Objectives are specified clearly enough to identify and assess risks.'],
  ['CC3.2', 'Risk identification and analysis', 'Risks to objectives are identified and analysed to decide how to manage them.'],
  ['CC3.3', 'Fraud risk', 'The potential for fraud is considered when assessing risks.'],
  ['CC3.4', 'Significant changes', 'Changes that could significantly affect internal control are identified and assessed.'],
  ['CC4.1', 'Ongoing and separate evaluations', 'Ongoing and/or separate evaluations check that controls are present and working.'],
  ['CC4.2', 'Deficiency communication', 'Control deficiencies are evaluated and reported in time to those who fix them.'],
  ['CC5.1', 'Control activities selected', 'Control activities are chosen and developed to reduce risks to acceptable levels.'],
  ['CC5.2', 'Technology general controls', 'General control activities over technology are chosen and developed.'],
  ['CC5.3', 'Policies and procedures', 'Control activities are deployed through policies and procedures.'],
  ['CC6.1', 'Logical access security', 'Logical access security (identity, authentication, encryption, keys) protects information assets.'],
  [
    'CC6.2',
    'User registration and removal',
    'Users are registered and authorised before credentials are issued, and removed when no longer authorised.',
  ],
  [
    'CC6.3',
    'Role-based access and least privilege',
    'Access is granted, changed and removed by role, with least privilege and segregation of duties.',
  ],
  ['CC6.4', 'Physical access', 'Physical access to facilities and protected assets is restricted.'],
  ['CC6.5', 'Asset disposal', 'Physical assets are retired only once their data can no longer be recovered.'],
  ['CC6.6', 'Boundary protection', 'Logical access measures protect against threats from outside the system boundary.'],
  ['CC6.7', 'Data transmission and movement', 'Transmission, movement and removal of information are restricted and protected.'],
  ['CC6.8', 'Malicious software', 'Unauthorised or malicious software is prevented or detected.'],
  [
    'CC7.1',
    'Configuration and vulnerability detection',
    'Configuration changes that introduce vulnerabilities, and new vulnerabilities, are detected.',
  ],
  ['CC7.2', 'Anomaly monitoring', 'System components are monitored for anomalies indicating attacks, disasters or errors.'],
  ['CC7.3', 'Security event evaluation', 'Security events are evaluated to decide whether they are incidents.'],
  ['CC7.4', 'Incident response', 'Security incidents are handled under a defined response programme.'],
  ['CC7.5', 'Incident recovery', 'Recovery from security incidents is planned and carried out.'],
  [
    'CC8.1',
    'Change management',
    'Changes to infrastructure, data, software and procedures are authorised, designed, tested, approved and implemented.',
  ],
  ['CC9.1', 'Business disruption risk', 'Risks from potential business disruptions are identified and mitigated.'],
  ['CC9.2', 'Vendor and partner risk', 'Risks from vendors and business partners are assessed and managed.'],
  ['A1.1', 'Capacity management', 'Capacity and usage are monitored and additional capacity is planned.'],
  ['A1.2', 'Backup and recovery infrastructure', 'Environmental protections, backups and recovery infrastructure are in place.'],
  ['A1.3', 'Recovery testing', 'Recovery plan procedures are tested.'],
  ['C1.1', 'Confidential information protected', 'Confidential information is identified and protected for its retention period.'],
  ['C1.2', 'Confidential information disposed', 'Confidential information is disposed of when required.'],
  ['PI1.1', 'Processing specifications', 'Processing objectives, data definitions and specifications are defined and communicated.'],
  ['PI1.2', 'Input controls', 'Inputs are controlled for completeness and accuracy.'],
  ['PI1.3', 'Processing controls', 'Processing is controlled to meet specifications.'],
  ['PI1.4', 'Output controls', 'Outputs are delivered completely, accurately, on time and to the right parties.'],
  ['PI1.5', 'Stored data', 'Inputs, items in processing and outputs are stored completely and accurately.'],
  ['P1.1', 'Privacy notice', 'Data subjects are given notice of the privacy practices.'],
  ['P2.1', 'Choice and consent', 'Choices are communicated and consent obtained where required.'],
  ['P3.1', 'Collection limited to objectives', 'Personal information is collected only in line with privacy objectives.'],
  ['P3.2', 'Explicit consent', 'Explicit consent is obtained before collection where required.'],
  ['P4.1', 'Use limitation', 'Use of personal information is limited to the stated purposes.'],
  ['P4.2', 'Retention of personal information', 'Personal information is retained only as long as objectives require.'],
  ['P4.3', 'Disposal of personal information', 'Personal information is disposed of securely.'],
  ['P5.1', 'Data subject access', 'Authenticated data subjects can access their personal information.'],
  ['P5.2', 'Correction', 'Personal information is corrected on request and corrections are communicated onward.'],
  ['P6.1', 'Disclosure with consent', 'Personal information is disclosed to third parties only with consent.'],
  ['P6.2', 'Authorised disclosures recorded', 'Authorised disclosures are recorded.'],
  ['P6.3', 'Unauthorised disclosures recorded', 'Unauthorised disclosures, including breaches, are recorded.'],
  ['P6.4', 'Vendor privacy commitments', 'Vendors with access give privacy commitments and their compliance is checked.'],
  ['P6.5', 'Vendor breach notice', 'Vendors commit to report unauthorised disclosures.'],
  ['P6.6', 'Breach notification', 'Breaches are notified to data subjects, regulators and others as required.'],
  ['P6.7', 'Accounting of disclosures', 'Data subjects can get an accounting of the information held and disclosed.'],
  ['P7.1', 'Data quality', 'Personal information is kept accurate, complete and relevant.'],
  ['P8.1', 'Inquiries, complaints and monitoring', 'Privacy inquiries, complaints and disputes are handled and compliance is monitored.'],
];

function categoryOf(id: string): CriterionCategory {
  const prefix = /^[A-Z]+/.exec(id)?.[0];
  if (prefix === 'CC' || prefix === 'A' || prefix === 'C' || prefix === 'PI' || prefix === 'P') return prefix;
  throw new Error(`criterion id with unknown category: ${id}`);
}

export const CRITERIA: readonly Criterion[] = Object.freeze(
  ROWS.map(([id, title, asks]) => Object.freeze({ id, title, category: categoryOf(id), asks })),
);

const BY_ID = new Map(CRITERIA.map((c) => [c.id, c]));

export function isCriterionId(id: string): boolean {
  return BY_ID.has(id);
}

/** Looks up a criterion by id (case-insensitive); ids outside the closed list (e.g. C1.3, PI1.6) are refused. */
export function getCriterion(id: string): Criterion {
  const c = BY_ID.get(id.trim().toUpperCase());
  if (!c) {
    throw new AppError(
      'BAD_INPUT',
      `"${id}" is not a Trust Services Criterion id (2017 TSC: CC1.1-CC9.2, A1.1-A1.3, C1.1-C1.2, PI1.1-PI1.5, P1.1-P8.1).`,
    );
  }
  return c;
}
