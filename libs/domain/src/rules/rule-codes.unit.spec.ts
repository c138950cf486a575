import { deciderSpec, type GivenEvent } from '../testing/decider-spec';
import { candidate, command, contextOn, ctx, elder, eventsBefore, eventsThrough } from '../testing/fixtures';
import { RULE_CODES, ruleCodeInfo, type RuleCode } from './rule-codes';

const spec = deciderSpec(ctx);
type Case = { fail: () => void; pass: () => void };
const passes = (given: GivenEvent[], c: Parameters<ReturnType<typeof spec>['when']>[0]) => () => {
  const run = spec(given).when(c);
  expect(() => run.then(expect.arrayContaining([expect.objectContaining({ type: expect.any(String) })]))).not.toThrow();
};
const fails =
  (given: GivenEvent[], c: Parameters<ReturnType<typeof spec>['when']>[0], code: RuleCode, s = spec) =>
  () =>
    s(given).when(c).thenThrows(code);
const erase = command('ErasePersonalData', {
  reason: 'Đề nghị của người có dữ liệu',
  legalBasis: 'Luật BVDLCN 2025 Điều 16',
});
const erasure = {
  type: 'PersonalDataErased' as const,
  data: { reason: 'r', legalBasis: 'b', erasedOn: '2024-03-01', ruleSet: 'qd24-2021' },
};
const breachCtx = deciderSpec(contextOn('2024-06-07'));
const breach = command('RecordDeadlineBreach', {
  obligation: 'admission-decision',
  dueOn: '2024-06-04',
  breachedOn: '2024-06-05',
  workingDaysLate: 1,
});

const committeeEventId = eventsThrough('RecordCommitteeResolution').find(
  (e) => e.type === 'CommitteeResolutionAdopted',
)!.eventId;

/** One failing and one passing specification for every rule code. */
const CASES: Record<RuleCode, Case> = {
  INVALID_COMMAND: {
    fail: fails([], command('NominateCandidate', { nominatedOn: '2024-02-30' }), 'INVALID_COMMAND'),
    pass: passes([], command('NominateCandidate')),
  },
  DOSSIER_NOT_FOUND: {
    fail: fails([], command('AssignHelpers'), 'DOSSIER_NOT_FOUND'),
    pass: passes(eventsBefore('AssignHelpers'), command('AssignHelpers')),
  },
  DOSSIER_ALREADY_EXISTS: {
    fail: fails(eventsThrough('NominateCandidate'), command('NominateCandidate'), 'DOSSIER_ALREADY_EXISTS'),
    pass: passes([], command('NominateCandidate')),
  },
  DOSSIER_CLOSED: {
    fail: fails(
      [
        ...eventsThrough('CollectOpinions'),
        { type: 'CandidateWithdrawn', data: { withdrawnOn: '2024-03-01', reason: 'r', ruleSet: 'qd24-2021' } },
      ],
      command('RecordBranchResolution', { meetingOn: '2024-03-07' }),
      'DOSSIER_CLOSED',
    ),
    pass: passes(eventsBefore('RecordBranchResolution'), command('RecordBranchResolution')),
  },
  STEP_OUT_OF_ORDER: {
    fail: fails(eventsBefore('RecordTraining'), command('SubmitApplication'), 'STEP_OUT_OF_ORDER'),
    pass: passes(eventsBefore('SubmitApplication'), command('SubmitApplication')),
  },
  DATE_IN_FUTURE: {
    fail: fails(eventsBefore('HoldCeremony'), command('HoldCeremony', { heldOn: '2026-01-01' }), 'DATE_IN_FUTURE'),
    pass: passes(eventsBefore('HoldCeremony'), command('HoldCeremony', { heldOn: '2025-12-31' })),
  },
  DATE_BEFORE_PREVIOUS_STEP: {
    fail: fails(
      eventsBefore('RecordCommitteeResolution'),
      command('RecordCommitteeResolution', { adoptedOn: '2024-03-06' }),
      'DATE_BEFORE_PREVIOUS_STEP',
    ),
    pass: passes(
      eventsBefore('RecordCommitteeResolution'),
      command('RecordCommitteeResolution', { adoptedOn: '2024-03-07' }),
    ),
  },
  NO_RULE_SET_IN_FORCE: {
    fail: fails([], command('NominateCandidate', { nominatedOn: '2021-07-29' }), 'NO_RULE_SET_IN_FORCE'),
    pass: passes([], command('NominateCandidate', { nominatedOn: '2021-07-30' })),
  },
  AGE_OUT_OF_RANGE: {
    fail: fails(
      eventsBefore('RecordBranchResolution', candidate({ birthDate: '2006-03-08' })),
      command('RecordBranchResolution'),
      'AGE_OUT_OF_RANGE',
    ),
    pass: passes(
      eventsBefore('RecordBranchResolution', candidate({ birthDate: '2006-03-07' })),
      command('RecordBranchResolution'),
    ),
  },
  EDUCATION_BELOW_MINIMUM: {
    fail: fails(
      eventsBefore('RecordBranchResolution', candidate({ educationLevel: 'primary' })),
      command('RecordBranchResolution'),
      'EDUCATION_BELOW_MINIMUM',
    ),
    pass: passes(
      eventsBefore('RecordBranchResolution', candidate({ educationLevel: 'primary' })),
      command('RecordBranchResolution', { provincialConsent: { documentNo: '88-CV/TU', givenOn: '2024-03-01' } }),
    ),
  },
  CONSENT_AFTER_DECISION: {
    fail: fails(
      eventsBefore('RecordAdmissionDecision', {
        ...elder({ birthDate: '1960-01-01' }),
        RecordBranchResolution: { provincialConsent: { documentNo: '88-CV/TU', givenOn: '2024-05-16' } },
      }),
      command('RecordAdmissionDecision'),
      'CONSENT_AFTER_DECISION',
    ),
    pass: passes(
      eventsBefore('RecordAdmissionDecision', {
        ...elder({ birthDate: '1960-01-01' }),
        RecordBranchResolution: { provincialConsent: { documentNo: '88-CV/TU', givenOn: '2024-05-15' } },
      }),
      command('RecordAdmissionDecision'),
    ),
  },
  CERTIFICATE_EXPIRED: {
    fail: fails(
      eventsBefore('RecordBranchResolution', { RecordTraining: { issuedOn: '2019-03-06' } }),
      command('RecordBranchResolution'),
      'CERTIFICATE_EXPIRED',
    ),
    pass: passes(
      eventsBefore('RecordBranchResolution', { RecordTraining: { issuedOn: '2019-03-07' } }),
      command('RecordBranchResolution'),
    ),
  },
  DOSSIER_STALE: {
    fail: fails(
      eventsBefore('RecordBranchResolution'),
      command('RecordBranchResolution', { meetingOn: '2024-11-02' }),
      'DOSSIER_STALE',
    ),
    pass: passes(
      eventsBefore('RecordBranchResolution'),
      command('RecordBranchResolution', { meetingOn: '2024-11-01' }),
    ),
  },
  BACKGROUND_CHECK_FAILED: {
    fail: fails(
      eventsBefore('RecordIntroducers', { RecordBackgroundVerification: { outcome: 'failed' } }),
      command('RecordIntroducers'),
      'BACKGROUND_CHECK_FAILED',
    ),
    pass: passes(eventsBefore('RecordIntroducers'), command('RecordIntroducers')),
  },
  INTRODUCER_NOT_ELIGIBLE: {
    fail: fails(
      eventsBefore('RecordIntroducers', { RecordIntroducers: {} }),
      command('RecordIntroducers', {
        recordedOn: '2024-01-10',
        introducers: [
          { kind: 'member', name: 'A', officialSince: '2010-01-01', knownSince: '2023-06-01' },
          { kind: 'member', name: 'B', officialSince: '2010-01-01', knownSince: '2020-01-01' },
        ],
      }),
      'INTRODUCER_NOT_ELIGIBLE',
    ),
    pass: passes(eventsBefore('RecordIntroducers'), command('RecordIntroducers')),
  },
  INVALID_VOTE_COUNT: {
    fail: fails(
      eventsBefore('RecordBranchResolution'),
      command('RecordBranchResolution', { votesFor: 10 }),
      'INVALID_VOTE_COUNT',
    ),
    pass: passes(eventsBefore('RecordBranchResolution'), command('RecordBranchResolution', { votesFor: 9 })),
  },
  // A vote below 2/3 is recorded as a failed vote (API.md v1 additions): only a correction that would
  // leave an adopted vote below 2/3 is refused.
  VOTE_THRESHOLD_NOT_MET: {
    fail: fails(
      eventsThrough('RecordCommitteeResolution'),
      command('CorrectStep', { eventId: committeeEventId, changes: { votesFor: 9 }, reason: 'Đếm lại phiếu' }),
      'VOTE_THRESHOLD_NOT_MET',
    ),
    pass: passes(
      eventsThrough('RecordCommitteeResolution'),
      command('CorrectStep', { eventId: committeeEventId, changes: { votesFor: 10 }, reason: 'Đếm lại phiếu' }),
    ),
  },
  RESOLUTION_BEFORE_PROBATION_END: {
    fail: fails(
      eventsBefore('RecordRecognitionReview'),
      command('RecordRecognitionReview', { meetingOn: '2025-06-10' }),
      'RESOLUTION_BEFORE_PROBATION_END',
    ),
    pass: passes(
      eventsBefore('RecordRecognitionReview'),
      command('RecordRecognitionReview', { meetingOn: '2025-06-11' }),
    ),
  },
  EXTENSION_NOT_ALLOWED: {
    fail: fails(
      eventsBefore('RecordAdmissionDecision'),
      command('ExtendDecisionDeadline', { workingDays: 31 }),
      'EXTENSION_NOT_ALLOWED',
    ),
    pass: passes(eventsBefore('RecordAdmissionDecision'), command('ExtendDecisionDeadline', { workingDays: 30 })),
  },
  CORRECTION_TARGET_NOT_FOUND: {
    fail: fails(
      eventsThrough('HoldCeremony'),
      command('CorrectStep', { eventId: 'nope', changes: { heldOn: '2024-06-11' }, reason: 'r' }),
      'CORRECTION_TARGET_NOT_FOUND',
    ),
    pass: passes(
      eventsThrough('HoldCeremony'),
      command('CorrectStep', { eventId: 'e11', changes: { heldOn: '2024-06-11' }, reason: 'r' }),
    ),
  },
  CORRECTION_NOT_ALLOWED: {
    fail: fails(
      eventsThrough('HoldCeremony'),
      command('CorrectStep', { eventId: 'e10', changes: { outcome: 'refused' }, reason: 'r' }),
      'CORRECTION_NOT_ALLOWED',
    ),
    pass: passes(
      eventsThrough('HoldCeremony'),
      command('CorrectStep', { eventId: 'e10', changes: { decisionNo: '313-QĐ/HU' }, reason: 'r' }),
    ),
  },
  UNKNOWN_UNIT: {
    fail: fails([], command('NominateCandidate', { nominatedBy: 'chi-bo-lang-gia' }), 'UNKNOWN_UNIT'),
    pass: passes([], command('NominateCandidate', { nominatedBy: 'chi-bo-thon-dong-lac' })),
  },
  TRANSFER_NOT_ALLOWED: {
    fail: fails(
      eventsThrough('RecordBranchResolution'),
      command('TransferDossier', { toBranchId: 'chi-bo-thon-dong-lac' }),
      'TRANSFER_NOT_ALLOWED',
    ),
    pass: passes(eventsThrough('RecordBranchResolution'), command('TransferDossier')),
  },
  NOT_COMPETENT_AUTHORITY: {
    fail: fails(
      eventsBefore('RecordRecognitionDecision'),
      command('RecordRecognitionDecision', { decidedOn: '2025-06-30', decidedBy: 'dang-uy-xa-dong-tien' }),
      'NOT_COMPETENT_AUTHORITY',
    ),
    pass: passes(
      eventsBefore('RecordRecognitionDecision'),
      command('RecordRecognitionDecision', { decidedBy: 'dang-uy-xa-dong-tien' }),
    ),
  },
  DEADLINE_NOT_BREACHED: {
    fail: fails(
      eventsThrough('RecordBranchResolution'),
      { ...breach, data: { ...breach.data, breachedOn: '2024-06-04' } },
      'DEADLINE_NOT_BREACHED',
      deciderSpec(contextOn('2024-06-04')),
    ),
    pass: () =>
      breachCtx(eventsThrough('RecordBranchResolution'))
        .when(breach)
        .then([{ type: 'DeadlineBreached', data: { ...breach.data, ruleSet: 'qd24-2021' } }]),
  },
  PERSONAL_DATA_ERASED: {
    fail: fails([...eventsThrough('NominateCandidate'), erasure], erase, 'PERSONAL_DATA_ERASED'),
    pass: passes(eventsThrough('NominateCandidate'), erase),
  },
};

describe('every rule code has a failing and a passing specification', () => {
  it('lists each code once, with a description and a legal source', () => {
    expect(new Set(RULE_CODES.map((r) => r.code)).size).toBe(RULE_CODES.length);
    expect(Object.keys(CASES).sort()).toEqual(RULE_CODES.map((r) => r.code).sort());
    for (const r of RULE_CODES) expect(r.description.length * r.source.length).toBeGreaterThan(0);
    expect(ruleCodeInfo('AGE_OUT_OF_RANGE').status).toBe(422);
  });

  describe.each(RULE_CODES.map((r) => r.code))('%s', (code) => {
    it('fails', () => CASES[code].fail());
    it('passes', () => CASES[code].pass());
  });

  it('the passing helper itself fails on a refused command', () =>
    expect(passes([], command('AssignHelpers'))).toThrow());
});
