import { jsonTooDeep } from '../core/util/json-depth';
import { fmt } from './util';

// The depth bound on imported files and collector answers (core/util/json-depth.ts) against the JSON.parse that
// always precedes it, on a GAAD-sized document (40k users, policies inline), pretty-printed as awscli prints it.
const USERS = Number(process.env.BENCH_DEPTH_USERS ?? 40_000);
const ROUNDS = 5;

const user = (i: number) => ({
  UserName: `user-${i}`,
  Arn: `arn:aws:iam::123456789012:user/user-${i}`,
  CreateDate: '2024-01-01T00:00:00+00:00',
  UserPolicyList: [
    {
      PolicyName: 'p',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: ['arn:aws:s3:::b/*'],
            Condition: { StringEquals: { 'aws:PrincipalTag/team': ['ml'] } },
          },
        ],
      },
    },
  ],
  Tags: [{ Key: 'team', Value: 'ml' }],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const text = JSON.stringify(
    { UserDetailList: Array.from({ length: USERS }, (_, i) => user(i)), GroupDetailList: [], RoleDetailList: [], Policies: [] },
    null,
    4,
  );
  const parse: number[] = [];
  const scan: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const value: unknown = JSON.parse(text);
    parse.push(performance.now() - t);
    t = performance.now();
    if (jsonTooDeep(value)) throw new Error('a real-shaped document was judged too deep');
    scan.push(performance.now() - t);
  }
  console.log(`${fmt(text.length / 1048576, 1)} MB GAAD-shaped JSON: JSON.parse ${fmt(median(parse), 0)} ms, depth check ${fmt(median(scan), 0)} ms`);
  console.log(`  depth check / JSON.parse = ${fmt(median(scan) / median(parse))} (medians of ${ROUNDS})`);
}
