import type { AppProcess } from './support/app-process';
import { appForSuite, call, eventCount, expectProblem, readModelsCaughtUp, tokenFor, type Answer } from './api-support';

/**
 * The whole procedure over HTTP (API.md v1 additions, "Procedure"): one dossier from nomination
 * through two transfers, a probation helper, the member profile, a failed then an adopted review,
 * the committee's resolution on recognition (step 15) and recognition, with its deadlines and the
 * quota counts checked at each transfer boundary; another ends its membership during probation and
 * is never escalated.
 */
const COMMITTEE = 'dang-uy-xa-dong-tien';
const [A, B, C] = ['chi-bo-lang-gia', 'chi-bo-dong-lac', 'chi-bo-na-hin'];
const CANDIDATE = {
  fullName: 'Nguyễn Thị An',
  birthDate: '1996-05-10',
  gender: 'female',
  ethnicity: 'Tày',
  educationLevel: 'upper-secondary',
};
const PREPARATION: Array<[string, object]> = [
  ['helper-assigned', { helpers: [{ name: 'Lê Văn Bình' }], assignedOn: '2024-01-10' }],
  ['training-completed', { certificateNo: 'CN-1/2024', issuedOn: '2024-01-12', issuer: 'Trung tâm chính trị' }],
  ['application-submitted', { submittedOn: '2024-01-15' }],
  ['background-verified', { completedOn: '2024-01-25', outcome: 'passed' }],
  [
    'introducers-recorded',
    {
      recordedOn: '2024-02-01',
      introducers: [
        { kind: 'member', name: 'Hoàng Văn Ba', officialSince: '2010-03-02', knownSince: '2020-01-01' },
        { kind: 'member', name: 'Vi Thị Cúc', officialSince: '2010-03-02', knownSince: '2020-01-01' },
      ],
    },
  ],
  ['opinions-collected', { collectedOn: '2024-02-15' }],
  ['branch-resolution', { meetingOn: '2024-02-27', officialMembers: 9, votesFor: 7 }],
];
const quarters = (nominations: number, admissions: number) =>
  [1, 2, 3, 4].map((quarter) => ({ quarter, nominations, admissions }));

/**
 * An app of its own on a manual clock from 2024-03-01, with the committee, its branches and the 2024
 * plan, and the helpers of the tests that use it. A test that writes back-dated steps gets its own:
 * the clock never moves back, and a step written past its due date at the clock is a breach at once.
 */
function procedureApp() {
  let app: AppProcess;
  const tokens = { admin: '', office: '', inspector: '' };
  const as =
    (token: string) =>
    (method: string, path: string, json?: unknown): Promise<Answer> =>
      call(app.baseUrl, method, `/api/v1${path}`, { token, json });
  const step = async (id: string, name: string, body: object) => {
    const answer = await as(tokens.office)('POST', `/dossiers/${id}/${name}`, body);
    expect({ step: name, status: answer.status, body: answer.body }).toMatchObject({ step: name, status: 200 });
    return answer.body as { stage: string; appended: string[] };
  };
  const clockTo = async (day: string) =>
    expect((await as(tokens.admin)('POST', '/system/clock', { now: `${day}T09:00:00+07:00` })).status).toBe(200);
  const nominate = async (branchId: string) => {
    const created = await as(tokens.office)('POST', '/dossiers', {
      candidate: CANDIDATE,
      branchId,
      nominatedBy: 'doan-thanh-nien',
      nominatedOn: '2024-01-05',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [name, body] of PREPARATION) await step(id, name, body);
    return id;
  };

  appForSuite({ KETNAP_CLOCK: 'manual', KETNAP_START_AT: '2024-03-01T09:00:00+07:00' }, (started) => (app = started));
  beforeAll(async () => {
    [tokens.admin, tokens.office, tokens.inspector] = await Promise.all([
      tokenFor('admin'),
      tokenFor('office', { units: [COMMITTEE] }),
      tokenFor('inspector'),
    ]);
    const units: Array<[string, object]> = [
      [COMMITTEE, { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
      [A, { name: 'Chi bộ Làng Gia', kind: 'branch', parentId: COMMITTEE, block: 'rural', officialMembers: 9 }],
      [B, { name: 'Chi bộ Đồng Lạc', kind: 'branch', parentId: COMMITTEE, block: 'rural', officialMembers: 9 }],
      [C, { name: 'Chi bộ Nà Hin', kind: 'branch', parentId: COMMITTEE, block: 'rural', officialMembers: 9 }],
      ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: COMMITTEE }],
    ];
    for (const [id, unit] of units) expect((await as(tokens.admin)('PUT', `/units/${id}`, unit)).status).toBe(200);
    const plan = await as(tokens.admin)('PUT', '/plans/2024', {
      committeeId: COMMITTEE,
      units: [A, B, C, 'doan-thanh-nien'].map((unitId) => ({ unitId, quarters: quarters(1, 1) })),
    });
    expect(plan.status).toBe(200);
  }, 60_000);

  return {
    baseUrl: () => app.baseUrl,
    tokens,
    as,
    step,
    clockTo,
    nominate,
  };
}

describe('the whole procedure over HTTP: transfers, probation, step 15, recognition, failed votes', () => {
  const { baseUrl, tokens, as, step, clockTo, nominate } = procedureApp();
  /** Actual nominations/admissions of a unit's quota row, quarter by quarter (`n/a` each). */
  const actuals = async (unitId: string, asOf?: string) => {
    await readModelsCaughtUp(baseUrl());
    const report = await as(tokens.office)('GET', `/reports/quota/2024${asOf ? `?asOf=${asOf}` : ''}`);
    expect(report.status).toBe(200);
    const row = report.body.units.find((u: { unitId: string }) => u.unitId === unitId);
    return row.quarters
      .map(
        (q: { actual: { nominations: number; admissions: number } }) =>
          `${q.actual.nominations}/${q.actual.admissions}`,
      )
      .join(' ');
  };
  const deadline = async (id: string, obligation: string) =>
    (await as(tokens.office)('GET', `/dossiers/${id}`)).body.deadlines.find(
      (d: { obligation: string }) => d.obligation === obligation,
    );

  it('takes one dossier through two transfers, probation, a failed and an adopted review, step 15 and recognition', async () => {
    const id = await nominate(A);
    expect(await actuals(A)).toBe('1/0 0/0 0/0 0/0');
    const decisionDue = (await deadline(id, 'admission-decision')).dueOn;

    // First transfer, while the decision is pending: the nomination stays counted for A.
    expect(
      (await step(id, 'transferred', { transferredOn: '2024-03-01', toBranchId: B, reason: 'Sáp nhập thôn' })).stage,
    ).toBe('proposed');
    const moved = await as(tokens.office)('GET', `/dossiers/${id}`);
    expect(moved.body).toMatchObject({
      branchId: B,
      transfers: [{ transferredOn: '2024-03-01', fromBranchId: A, toBranchId: B, reason: 'Sáp nhập thôn' }],
    });
    expect(await deadline(id, 'admission-decision')).toMatchObject({ dueOn: decisionDue, status: 'open' });
    expect(await actuals(A)).toBe('1/0 0/0 0/0 0/0');
    expect(await actuals(B)).toBe('0/0 0/0 0/0 0/0');
    await readModelsCaughtUp(baseUrl());
    const boardB = await as(tokens.office)('GET', `/deadlines?status=open&branchId=${B}`);
    expect(boardB.body.items.map((d: { dossierId: string }) => d.dossierId)).toContain(id);
    const boardA = await as(tokens.office)('GET', `/deadlines?status=open&branchId=${A}`);
    expect(boardA.body.items.map((d: { dossierId: string }) => d.dossierId)).not.toContain(id);

    // A secretary of A can no longer write to the dossier it lost; a secretary of B can.
    const secretaryA = await tokenFor('secretary', { units: [A] });
    const before = await eventCount(baseUrl());
    expectProblem(
      await call(baseUrl(), 'POST', `/api/v1/dossiers/${id}/committee-resolution`, {
        token: secretaryA,
        json: { adoptedOn: '2024-03-20', committeeMembers: 15, votesFor: 12 },
      }),
      403,
    );
    expect(await eventCount(baseUrl())).toBe(before);

    await clockTo('2024-04-25');
    await step(id, 'committee-resolution', { adoptedOn: '2024-03-20', committeeMembers: 15, votesFor: 12 });
    await step(id, 'admission-decision', { decidedOn: '2024-04-05', decisionNo: '31-QĐ/HU', outcome: 'admitted' });
    await step(id, 'ceremony', { heldOn: '2024-04-20' });
    // The admission counts for B, which held the dossier on the decision date (quarter II).
    expect(await actuals(B)).toBe('0/0 0/1 0/0 0/0');
    expect(await actuals(A)).toBe('1/0 0/0 0/0 0/0');
    expect(await actuals('doan-thanh-nien')).toBe('1/0 0/1 0/0 0/0');
    expect(await deadline(id, 'member-profile')).toMatchObject({ startedOn: '2024-04-20', status: 'open' });

    expect(
      (await step(id, 'probation-helper-assigned', { helpers: [{ name: 'Lê Văn Bình' }], assignedOn: '2024-04-22' }))
        .stage,
    ).toBe('probation');
    await clockTo('2024-06-05');
    await step(id, 'member-profile-filed', { filedOn: '2024-05-10' });
    expect(await deadline(id, 'member-profile')).toMatchObject({ status: 'met', metOn: '2024-05-10' });

    // Second transfer, during probation: the admission already counted stays with B.
    await step(id, 'transferred', { transferredOn: '2024-06-01', toBranchId: A, reason: 'Chuyển nơi cư trú' });
    expect((await as(tokens.office)('GET', `/dossiers/${id}`)).body.branchId).toBe(A);
    expect(await actuals(B)).toBe('0/0 0/1 0/0 0/0');
    expect(await actuals(A)).toBe('1/0 0/0 0/0 0/0');
    expect(await actuals(B, '2024-05-31')).toBe('0/0 0/1 0/0 0/0');
    expect(await deadline(id, 'recognition-review')).toMatchObject({ startedOn: '2025-04-20', status: 'open' });

    await clockTo('2024-07-05');
    await step(id, 'new-member-class-completed', {
      certificateNo: 'DVM-7',
      issuedOn: '2024-07-01',
      issuer: 'Trung tâm',
    });

    await clockTo('2025-05-12');
    const failed = await step(id, 'recognition-review', {
      meetingOn: '2025-04-28',
      officialMembers: 9,
      votesFor: 5,
      proposal: 'recognize',
    });
    expect(failed).toMatchObject({ appended: ['RecognitionReviewFailed'], stage: 'recognition-review' });
    expect(await deadline(id, 'recognition-review')).toMatchObject({ status: 'open' });
    await step(id, 'recognition-review', {
      meetingOn: '2025-04-29',
      officialMembers: 9,
      votesFor: 9,
      proposal: 'recognize',
    });
    expect(
      await step(id, 'recognition-resolution', {
        adoptedOn: '2025-05-05',
        committeeMembers: 15,
        votesFor: 12,
        proposal: 'recognize',
        resolutionNo: '15-NQ/ĐU',
      }),
    ).toMatchObject({ appended: ['RecognitionResolutionAdopted'], stage: 'awaiting-recognition' });
    const done = await step(id, 'recognition-decision', {
      decidedOn: '2025-05-09',
      decisionNo: '45-QĐ/ĐU',
      outcome: 'official',
    });
    expect(done.stage).toBe('official');

    const dossier = (await as(tokens.office)('GET', `/dossiers/${id}`)).body;
    expect(dossier).toMatchObject({
      stage: 'official',
      officialSince: '2025-04-20',
      partyAgeFrom: '2024-04-05',
      branchId: A,
    });
    expect(Object.keys(dossier.steps)).toEqual(
      expect.arrayContaining([
        'transferred',
        'probation-helper-assigned',
        'member-profile-filed',
        'recognition-resolution',
      ]),
    );
    const statuses = Object.fromEntries(
      dossier.deadlines.map((d: { obligation: string; status: string }) => [d.obligation, d.status]),
    );
    expect(statuses).toMatchObject({
      'admission-decision': 'met',
      'admission-ceremony': 'met',
      'member-profile': 'met',
      'recognition-review': 'met',
      'recognition-decision': 'met',
    });
    const history = await as(tokens.inspector)('GET', `/dossiers/${id}/history`);
    expect(history.body.chainValid).toBe(true);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['DossierTransferred', 'RecognitionReviewFailed', 'RecognitionResolutionAdopted']),
    );
    await readModelsCaughtUp(baseUrl());
    const pipeline = await as(tokens.office)('GET', '/reports/pipeline');
    const rowA = pipeline.body.branches.find((b: { branchId: string }) => b.branchId === A);
    expect(rowA).toMatchObject({ failedVotes: 1, stages: { official: 1 } });
  }, 60_000);

  it('records failed votes at every level and lists the third failed branch vote for the higher committee', async () => {
    const created = await as(tokens.office)('POST', '/dossiers', {
      candidate: CANDIDATE,
      branchId: B,
      nominatedBy: 'doan-thanh-nien',
      nominatedOn: '2024-01-05',
    });
    const id = created.body.id as string;
    for (const [name, body] of PREPARATION.slice(0, -1)) await step(id, name, body);
    for (const [n, meetingOn] of ['2024-02-27', '2024-03-27', '2024-04-26'].entries()) {
      const failed = await step(id, 'branch-resolution', { meetingOn, officialMembers: 9, votesFor: 5 });
      expect({ n, failed }).toMatchObject({ n, failed: { appended: ['BranchVoteFailed'], stage: 'in-preparation' } });
    }
    await readModelsCaughtUp(baseUrl());
    const pipeline = (await as(tokens.office)('GET', '/reports/pipeline')).body;
    expect(pipeline.reportToHigherCommittee).toEqual([
      { dossierId: id, branchId: B, failedBranchVotes: 3, lastFailedOn: '2024-04-26', stage: 'in-preparation' },
    ]);
    expect(pipeline.branches.find((b: { branchId: string }) => b.branchId === B).failedVotes).toBe(3);
    // The fourth meeting adopts; then a failed committee vote is recorded, not refused.
    await step(id, 'branch-resolution', { meetingOn: '2024-05-27', officialMembers: 9, votesFor: 6 });
    // Its admission decision is overdue at the clock: the saga's breach lands now, not after the committee's vote.
    await readModelsCaughtUp(baseUrl(), { allConsumers: true });
    const committee = await step(id, 'committee-resolution', {
      adoptedOn: '2024-06-03',
      committeeMembers: 15,
      votesFor: 9,
    });
    expect(committee).toMatchObject({ appended: ['CommitteeVoteFailed'], stage: 'proposed' });
    const history = (await as(tokens.inspector)('GET', `/dossiers/${id}/history`)).body.items;
    expect(
      history.filter((e: { type: string }) => e.type === 'BranchVoteFailed').map((e: any) => e.data.attempt),
    ).toEqual([1, 2, 3]);
    expect(history.at(-1)).toMatchObject({ type: 'CommitteeVoteFailed', data: { attempt: 1, votesFor: 9 } });
  }, 60_000);
});

describe('a membership ended during probation, on a clock of its own', () => {
  const { baseUrl, tokens, as, step, clockTo, nominate } = procedureApp();

  it('ends a membership during probation: stage ended, recognition obligations closed, no escalation afterwards', async () => {
    const id = await nominate(C);
    await clockTo('2024-04-25');
    await step(id, 'committee-resolution', { adoptedOn: '2024-03-20', committeeMembers: 15, votesFor: 12 });
    await step(id, 'admission-decision', { decidedOn: '2024-04-05', decisionNo: '32-QĐ/HU', outcome: 'admitted' });
    await step(id, 'ceremony', { heldOn: '2024-04-20' });
    await clockTo('2025-01-10');
    const ended = await step(id, 'membership-ended', { endedOn: '2025-01-10', reason: 'deceased' });
    expect(ended).toMatchObject({ stage: 'ended', appended: ['MembershipEnded'] });

    // Far past the review and the decision the recognition would have needed.
    await clockTo('2025-12-01');
    const dossier = (await as(tokens.office)('GET', `/dossiers/${id}`)).body;
    expect(dossier.stage).toBe('ended');
    expect(dossier.deadlines.map((d: { obligation: string }) => d.obligation)).not.toEqual(
      expect.arrayContaining(['recognition-review']),
    );
    const history = await as(tokens.inspector)('GET', `/dossiers/${id}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type)).not.toContain('DeadlineBreached');
    await readModelsCaughtUp(baseUrl());
    const cases = await as(tokens.inspector)('GET', '/inspection/cases');
    expect(cases.body.items.filter((c: { dossierId: string }) => c.dossierId === id)).toEqual([]);
    const overdue = await as(tokens.office)('GET', '/deadlines?status=breached');
    expect(overdue.body.items.filter((d: { dossierId: string }) => d.dossierId === id)).toEqual([]);

    // A closed dossier takes no further step, and the refusal appends nothing.
    const before = await eventCount(baseUrl());
    expectProblem(
      await as(tokens.office)('POST', `/dossiers/${id}/recognition-review`, {
        meetingOn: '2025-05-01',
        officialMembers: 9,
        votesFor: 9,
        proposal: 'recognize',
      }),
      422,
      'DOSSIER_CLOSED',
    );
    expectProblem(
      await as(tokens.office)('POST', `/dossiers/${id}/transferred`, {
        transferredOn: '2025-02-01',
        toBranchId: 'Chi Bộ!',
        reason: 'x',
      }),
      400,
    );
    expect(await eventCount(baseUrl())).toBe(before);
  }, 60_000);
});
