import { fold } from '../testing/decider-spec';
import { command, contextOn, ctx, eventsThrough, history, MAIN_LINE } from '../testing/fixtures';
import type { DossierCommand } from './commands';
import { decide } from './decide';
import { buildStep } from './decide/build-step';
import { toApiData } from '../events/personal-part';
import { LEGAL_DATE_FIELD } from './event-facts';
import type { DossierEvent } from './events';

/**
 * Names of fields that name or describe a person (DESIGN.md §3). None may sit outside an event's
 * `personal` part, at any depth (a correction's `changes`, an introducer in a list), but for the
 * exceptions below.
 */
const PERSONAL_NAMES = [
  'candidate',
  'fullName',
  'name',
  'birthDate',
  'gender',
  'ethnicity',
  'religion',
  'educationLevel',
  'occupation',
  'youthUnionMember',
  'residence',
  'memberId',
  'helpers',
  'notes',
  'summary',
  'reason',
  'approvedBy',
];

/**
 * Fields of these names that are not about a person, with why:
 * - `MembershipEnded.reason` is a code (`removed` or `deceased`) that decides the dossier's stage and
 *   counts, like the stage itself; it must stay readable after the personal part is erased.
 * - `DeadlineBreachWithdrawn.reason` says why a deadline breach no longer holds (the due date moved, the
 *   step was recorded); the saga writes it and carries it to the inspection case, which outlives erasure.
 * - `PersonalDataErased.reason` (with its legal basis) is written for the inspection committee, without
 *   the person's name, and must outlive the erasure it records.
 */
const NOT_PERSONAL: Partial<Record<string, readonly string[]>> = {
  MembershipEnded: ['reason'],
  DeadlineBreachWithdrawn: ['reason'],
  PersonalDataErased: ['reason'],
};

/** The paths of personal fields that sit outside the event's `personal` part. */
function personalOutside(event: { type: string; data: unknown }): string[] {
  const found: string[] = [];
  const allowed = NOT_PERSONAL[event.type] ?? [];
  const walk = (value: unknown, path: string, top: boolean): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, false));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        if (top && key === 'personal') continue;
        const field = `${path}.${key}`;
        if (PERSONAL_NAMES.includes(key) && !(top && allowed.includes(key))) found.push(field);
        walk(v, field, false);
      }
    }
  };
  walk(event.data, `${event.type}.data`, true);
  return found;
}

const withdrawn = { type: 'CandidateWithdrawn' } as const;

/** One event of every type of a dossier's stream, each produced by the decider from the fixtures. */
function everyDossierEvent(): DossierEvent[] {
  const main = history(MAIN_LINE.map((t) => command(t))).events;
  const proposed = fold(eventsThrough('RecordBranchResolution'));
  const probation = fold(eventsThrough('HoldCeremony'));
  const step = (c: DossierCommand, state = probation) => buildStep(c as never, state, ctx);
  const sides = [
    step(command('RecordBranchResolution', { votesFor: 1 })),
    step(command('RecordCommitteeResolution', { votesFor: 1 })),
    step(command('RecordAdmissionDecision', { outcome: 'refused' })),
    step(command('ExtendDecisionDeadline'), proposed),
    step(command('ApproveCeremonyDelay')),
    step(command('RecordRecognitionReview', { votesFor: 1 })),
    step(command('RecordRecognitionResolution', { votesFor: 1 })),
    step(command('RecordRecognitionDecision', { outcome: 'removed' })),
    step(command('AssignProbationHelpers')),
    step(command('FileMemberProfile')),
    step(command('RecordNewMemberClass')),
    step(command('TransferDossier'), proposed),
    step(command('EndMembership')),
    step(command('WithdrawCandidate'), proposed),
  ];
  const state = fold(main);
  const id = (type: string) => main.find((e) => e.type === type)!.eventId;
  const correct = (type: string, changes: Record<string, unknown>) =>
    decide(command('CorrectStep', { eventId: id(type), changes, reason: 'Sai tên người' }), state, ctx);
  const corrections = [
    ...correct('CandidateNominated', { 'candidate.fullName': 'Nguyễn Thị Ân', residence: 'Thôn Đồng Lạc' }),
    ...correct('HelpersAssigned', { helpers: [{ name: 'Lê Văn Bính', memberId: 'dv-13' }] }),
    ...correct('BackgroundVerified', { notes: 'Bố là đảng viên' }),
    ...correct('OpinionsCollected', { summary: 'Đồng ý, có uy tín' }),
  ];
  const renamed = command('RecordIntroducers').data.introducers.map((i) => ({ ...i, name: `${i.name} (sửa)` }));
  corrections.push(...correct('IntroducersRecorded', { introducers: renamed }));
  const breachCtx = contextOn('2024-06-07');
  const breached = decide(
    command('RecordDeadlineBreach', {
      obligation: 'admission-decision',
      dueOn: '2024-06-04',
      breachedOn: '2024-06-05',
      workingDaysLate: 1,
    }),
    proposed,
    breachCtx,
  );
  const afterBreach = fold([...eventsThrough('RecordBranchResolution'), { ...breached[0], eventId: 'b1' }]);
  const breachWithdrawn = decide(
    command('WithdrawDeadlineBreach', { obligation: 'admission-decision', dueOn: '2024-06-04', reason: 'Hạn đã dời' }),
    afterBreach,
    breachCtx,
  );
  const erased = decide(
    command('ErasePersonalData', { reason: 'Đề nghị xóa', legalBasis: 'Luật BVDLCN 2025' }),
    state,
    ctx,
  );
  return [...main, ...sides, ...corrections, ...breached, ...breachWithdrawn, ...erased];
}

describe('personal data only in the `personal` part of an event (DESIGN.md §3)', () => {
  const events = everyDossierEvent();

  it('covers every event type of a dossier stream', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(LEGAL_DATE_FIELD)));
    expect(events.some((e) => e.type === withdrawn.type)).toBe(true);
  });

  it('finds no field that names or describes a person outside `personal`, in any event or correction', () => {
    expect(events.flatMap(personalOutside)).toEqual([]);
  });

  it('gives each step back as API.md shows it: every field of its command in place, no `personal`', () => {
    const proposed = fold(eventsThrough('RecordBranchResolution'));
    const probation = fold(eventsThrough('HoldCeremony'));
    const commands: Array<[DossierCommand, typeof proposed]> = [
      [command('AssignHelpers'), proposed],
      [command('RecordBackgroundVerification', { notes: 'Bố là đảng viên' }), proposed],
      [command('RecordIntroducers'), proposed],
      [command('CollectOpinions'), proposed],
      [command('ExtendDecisionDeadline'), proposed],
      [command('ApproveCeremonyDelay'), probation],
      [command('AssignProbationHelpers'), probation],
      [command('TransferDossier'), proposed],
      [command('WithdrawCandidate'), proposed],
    ];
    for (const [c, state] of commands) {
      const event = buildStep(c as never, state, ctx);
      expect(event.data).toHaveProperty('personal');
      const shown = toApiData(event.type, { ...event.data });
      expect(shown).not.toHaveProperty('personal');
      expect(shown).toEqual(expect.objectContaining(c.data));
    }
  });

  it('finds the personal fields of the shapes stored before schema version 2, at any depth', () => {
    const v1 = [
      { type: 'HelpersAssigned', data: { helpers: [{ name: 'Lê Văn Bình' }], assignedOn: '2023-09-15' } },
      {
        type: 'IntroducersRecorded',
        data: { recordedOn: '2024-01-10', introducers: [{ kind: 'member', name: 'Hoàng Văn Ba' }] },
      },
      { type: 'CandidateWithdrawn', data: { withdrawnOn: '2024-03-01', reason: 'Ốm' } },
      { type: 'MembershipEnded', data: { endedOn: '2024-12-02', reason: 'deceased' } },
      {
        type: 'StepCorrected',
        data: { targetType: 'BackgroundVerified', changes: { notes: 'x' }, personal: { fullName: 'x' }, reason: 'r' },
      },
    ];
    expect(v1.flatMap(personalOutside)).toEqual([
      'HelpersAssigned.data.helpers',
      'HelpersAssigned.data.helpers[0].name',
      'IntroducersRecorded.data.introducers[0].name',
      'CandidateWithdrawn.data.reason',
      'StepCorrected.data.changes.notes',
      'StepCorrected.data.reason',
    ]);
  });
});
