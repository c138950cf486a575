// The soak's load generator, in a process of its own (`bench/soak/soak.ts` starts it): concurrent
// clients drive the API over HTTP with a mix of dossier steps, plan adoptions, case acknowledgements and
// reads, resend a write that met a network error or a 5xx with the same Idempotency-Key, and write what
// they saw to a JSON file (every acknowledged write, each request's status and latency).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { STEP_COMMANDS, legalDateOf, type StepName } from '@ketnap/domain';
import { MAIN_LINE, command, type MainStep } from '@ketnap/domain/testing';
import { planBody, type AcknowledgedWrite, type LoadOptions, type LoadResult, type UnfinishedWrite } from './shared';

const options = JSON.parse(process.env.KETNAP_SOAK_LOAD ?? '') as LoadOptions;

/** A write still failing with a network error or a 5xx after this long is given up (and reported). */
const GIVE_UP_MS = 90_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Dossiers a client keeps under way at once. */
const UNDER_WAY = 3;

const STEP_OF = Object.fromEntries(Object.entries(STEP_COMMANDS).map(([step, type]) => [type, step])) as Record<
  string,
  StepName
>;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = ['Thị An', 'Văn Bình', 'Thị Cúc', 'Văn Dũng', 'Thị Hoa', 'Minh Khôi', 'Thu Lan', 'Quốc Nam'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

const statuses: Record<string, number> = {};
const latencies = { read: [] as number[], write: [] as number[] };
const acknowledged: AcknowledgedWrite[] = [];
const unfinished: UnfinishedWrite[] = [];
const refused: Array<{ path: string; status: number; code?: string }> = [];

interface Answer {
  status: number;
  body: any;
}

/** One request: its status (`network` when no answer came) and latency are counted. */
async function request(kind: 'read' | 'write', method: string, path: string, token: string, init: RequestInit = {}) {
  const started = performance.now();
  let answer: Answer | undefined;
  try {
    const res = await fetch(`${options.baseUrl}/api/v1${path}`, {
      ...init,
      method,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    answer = { status: res.status, body: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
  } catch {
    answer = undefined;
  }
  latencies[kind].push(performance.now() - started);
  const status = answer ? String(answer.status) : 'network';
  statuses[status] = (statuses[status] ?? 0) + 1;
  return answer;
}

/** A read; its answer when it is a 2xx. */
async function read(path: string, token = options.tokens.office): Promise<any> {
  const answer = await request('read', 'GET', path, token);
  return answer && answer.status < 300 ? answer.body : undefined;
}

/**
 * A write with an Idempotency-Key of its own, resent with the same key while it meets a network error
 * or a 5xx; its final answer (undefined when given up).
 */
async function write(
  client: number,
  method: string,
  path: string,
  json: unknown,
  token: string,
  sub: string,
  key: string,
): Promise<Answer | undefined> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    const answer = await request('write', method, path, token, {
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
    });
    if (answer && answer.status < 500) {
      if (answer.status >= 300) refused.push({ path, status: answer.status, code: answer.body?.code });
      return answer;
    }
    if (Date.now() - started > GIVE_UP_MS) {
      unfinished.push({ client, path, sub, key, lastStatus: answer ? answer.status : 'network' });
      return undefined;
    }
    await sleep(Math.min(2000, 50 * 2 ** attempt));
  }
}

interface UnderWay {
  id: string;
  /** Index in MAIN_LINE of the next step. */
  next: number;
  /** Index in MAIN_LINE of the last step this dossier gets. */
  last: number;
  branch: (typeof options.branches)[number];
  /** Nominated today, its helpers and training recorded today: its deadlines lie ahead. */
  today: boolean;
}

const index = (step: MainStep) => MAIN_LINE.indexOf(step);

/**
 * Where a new dossier stops: one of today after its training (the certificate's validity runs from it);
 * of the others, whose steps carry the fixtures' dates of 2023–2025, a third wait on the admission
 * decision long past its due date (an escalation), some stop earlier, half go the whole way.
 */
function lastStep(today: boolean): number {
  if (today) return index('RecordTraining');
  const r = Math.random();
  if (r < 0.35) return index('RecordCommitteeResolution');
  if (r < 0.5) return 1 + Math.floor(Math.random() * index('RecordCommitteeResolution'));
  return MAIN_LINE.length - 1;
}

/** The body of `step` for `dossier`: the fixtures' happy path, its votes on the branch's members, today's dates for one of today. */
function stepBody(step: MainStep, { branch, today }: UnderWay): unknown {
  const data = command(step).data as Record<string, unknown>;
  const date = legalDateOf(new Date());
  if (today && step === 'AssignHelpers') return { ...data, assignedOn: date };
  if (today && step === 'RecordTraining') return { ...data, issuedOn: date };
  if (step === 'RecordBranchResolution' || step === 'RecordRecognitionReview')
    return { ...data, officialMembers: branch.officialMembers, votesFor: branch.officialMembers };
  return data;
}

async function client(n: number, end: number): Promise<void> {
  const underWay: UnderWay[] = [];
  const mine: string[] = [];
  let writes = 0;
  const keyOf = () => `soak-${options.run}-${n}-${(writes += 1)}`;
  const office = options.tokens.office;
  const plans = [...options.plans];
  const started = Date.now();
  const committee = options.committeeId;
  while (Date.now() < end) {
    const r = Math.random();
    const plan = n === 1 ? plans[0] : undefined;
    if (plan && Date.now() - started >= plan.atFraction * (end - started)) {
      plans.shift();
      const key = keyOf();
      const body = planBody(committee, options.branches);
      const answer = await write(
        n,
        'PUT',
        `/committees/${committee}/plans/${plan.year}`,
        body,
        options.tokens.admin,
        options.subs.admin,
        key,
      );
      if (answer && answer.status < 300)
        acknowledged.push({ kind: 'plan', sub: options.subs.admin, key, year: plan.year });
    } else if (underWay.length === 0 || (underWay.length < UNDER_WAY && r < 0.12)) {
      const branch = pick(options.branches);
      const today = Math.random() < 0.2;
      const body = {
        ...(command('NominateCandidate').data as object),
        candidate: {
          ...command('NominateCandidate').data.candidate,
          fullName: `${pick(FAMILY)} ${pick(GIVEN)} ${n}-${writes}`,
        },
        branchId: branch.unitId,
        ...(today && { nominatedOn: legalDateOf(new Date()) }),
      };
      const key = keyOf();
      const answer = await write(n, 'POST', '/dossiers', body, office, options.subs.office, key);
      if (answer && answer.status < 300) {
        const id = answer.body.id as string;
        acknowledged.push({
          kind: 'nomination',
          sub: options.subs.office,
          key,
          dossierId: id,
          appended: ['CandidateNominated'],
        });
        underWay.push({ id, next: 1, last: lastStep(today), branch, today });
        mine.push(id);
      }
    } else if (r < 0.5) {
      const dossier = pick(underWay);
      const step = MAIN_LINE[dossier.next];
      const key = keyOf();
      const answer = await write(
        n,
        'POST',
        `/dossiers/${dossier.id}/${STEP_OF[step]}`,
        stepBody(step, dossier),
        office,
        options.subs.office,
        key,
      );
      if (answer && answer.status < 300) {
        acknowledged.push({
          kind: 'step',
          sub: options.subs.office,
          key,
          dossierId: dossier.id,
          appended: answer.body.appended as string[],
        });
      }
      // A refused or given-up step ends the dossier's walk: what comes after it would be refused too.
      dossier.next = answer && answer.status < 300 ? dossier.next + 1 : dossier.last + 1;
      if (dossier.next > dossier.last) underWay.splice(underWay.indexOf(dossier), 1);
    } else if (n === 0 && r < 0.6) {
      const open = await read('/inspection/cases?status=open&limit=20', options.tokens.inspector);
      const item = open?.items?.length ? pick(open.items as Array<{ id: string }>) : undefined;
      if (item) {
        const key = keyOf();
        const answer = await write(
          n,
          'POST',
          `/inspection/cases/${item.id}/acknowledge`,
          { note: 'Soak' },
          options.tokens.inspector,
          options.subs.inspector,
          key,
        );
        if (answer && answer.status < 300)
          acknowledged.push({ kind: 'acknowledgement', sub: options.subs.inspector, key, caseId: item.id });
      }
    } else {
      const id = mine.length > 0 ? pick(mine) : undefined;
      const reads = [
        ...(id ? [`/dossiers/${id}`, `/dossiers/${id}`, `/dossiers/${id}/history`] : []),
        `/dossiers?branchId=${pick(options.branches).unitId}&limit=50`,
        `/dossiers?q=${encodeURIComponent(pick(FAMILY).toLowerCase())}&limit=20`,
        '/dossiers?overdue=true&limit=50',
        `/committees/${committee}/reports/quota/2024`,
        `/committees/${committee}/reports/pipeline`,
        `/committees/${committee}/reports/admissions/2024`,
        '/deadlines?status=breached&limit=100',
        '/inspection/cases?status=open',
      ];
      await read(pick(reads));
    }
    await sleep(options.thinkMs * (0.5 + Math.random()));
  }
}

async function main(): Promise<void> {
  const end = Date.now() + options.durationMs;
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n, end)));
  const result: LoadResult = { statuses, latencies, acknowledged, unfinished, refused };
  writeFileSync(options.out, JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`soak load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
