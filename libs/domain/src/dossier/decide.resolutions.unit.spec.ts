import { RULE_SETS } from '../rules/rule-sets';
import { deciderSpec } from '../testing/decider-spec';
import {
  MAIN_LINE,
  candidate,
  command,
  contextOn,
  ctx,
  elder,
  eventsBefore,
  eventsThrough,
  history,
  storedIntroducers,
} from '../testing/fixtures';
import type { DossierCommand } from './commands';

const spec = deciderSpec(ctx);
const branch = (data: object) => ({ ...command('RecordBranchResolution').data, ruleSet: 'qd24-2021', ...data });
const failed = (attempt: number, meetingOn: string) => ({
  type: 'BranchVoteFailed' as const,
  data: branch({ meetingOn, votesFor: 5, attempt, reportToHigherCommittee: attempt >= 3 }),
});

describe('branch resolution (nghị quyết chi bộ đề nghị kết nạp)', () => {
  const given = eventsBefore('RecordBranchResolution');

  it('is adopted with 2/3 of the official members (7 × 3 ≥ 9 × 2)', () =>
    spec(given)
      .when(command('RecordBranchResolution'))
      .then([{ type: 'BranchResolutionAdopted', data: branch({}) }]));

  it('is adopted at exactly 2/3 (6 of 9)', () =>
    spec(given)
      .when(command('RecordBranchResolution', { votesFor: 6 }))
      .then([{ type: 'BranchResolutionAdopted', data: branch({ votesFor: 6 }) }]));

  it('records a failed vote below 2/3 (5 of 9), not an error', () =>
    spec(given)
      .when(command('RecordBranchResolution', { votesFor: 5 }))
      .then([failed(1, '2024-03-07')]));

  it('counts failed votes and flags the third for the higher committee', () =>
    spec([...given, failed(1, '2024-03-07'), failed(2, '2024-04-04')])
      .when(command('RecordBranchResolution', { meetingOn: '2024-05-09', votesFor: 5 }))
      .then([failed(3, '2024-05-09')]));

  it('may pass after a failed vote', () =>
    spec([...given, failed(1, '2024-03-07')])
      .when(command('RecordBranchResolution', { meetingOn: '2024-04-04' }))
      .then([{ type: 'BranchResolutionAdopted', data: branch({ meetingOn: '2024-04-04' }) }]));

  it('needs the opinions first', () =>
    spec(eventsBefore('CollectOpinions')).when(command('RecordBranchResolution')).thenThrows('STEP_OUT_OF_ORDER'));

  it('is adopted once', () =>
    spec(eventsThrough('RecordBranchResolution'))
      .when(command('RecordBranchResolution', { meetingOn: '2024-03-08' }))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it('cannot be dated before the opinions', () =>
    spec(given)
      .when(command('RecordBranchResolution', { meetingOn: '2024-02-19' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP'));

  it('refuses more votes than members', () =>
    spec(given)
      .when(command('RecordBranchResolution', { votesFor: 10 }))
      .thenThrows('INVALID_VOTE_COUNT', { votesFor: 10, members: 9 }));

  it('refuses negative or fractional votes and an empty branch', () => {
    spec(given)
      .when(command('RecordBranchResolution', { votesFor: -1 }))
      .thenThrows('INVALID_VOTE_COUNT');
    spec(given)
      .when(command('RecordBranchResolution', { votesFor: 6.5 }))
      .thenThrows('INVALID_VOTE_COUNT');
    spec(given)
      .when(command('RecordBranchResolution', { officialMembers: 0, votesFor: 0 }))
      .thenThrows('INVALID_VOTE_COUNT');
  });

  it('refuses a vote count that is not a number', () =>
    spec(given)
      .when(command('RecordBranchResolution', { votesFor: '7' as never }))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'votesFor', message: 'must be a number' }] }));

  it('refuses a dossier whose latest background verification failed', () => {
    const failedCheck = {
      type: 'BackgroundVerified' as const,
      data: { completedOn: '2024-02-21', outcome: 'failed' as const, personal: {}, ruleSet: 'qd24-2021' },
    };
    spec([...given, failedCheck])
      .when(command('RecordBranchResolution'))
      .thenThrows('BACKGROUND_CHECK_FAILED');
  });
});

describe('age on the branch meeting date (tuổi đời, counted in months)', () => {
  it('accepts a candidate 18 years old that very day', () =>
    spec(eventsBefore('RecordBranchResolution', candidate({ birthDate: '2006-03-07' })))
      .when(command('RecordBranchResolution'))
      .then([{ type: 'BranchResolutionAdopted', data: branch({}) }]));

  it('refuses a candidate one day short of 18', () =>
    spec(eventsBefore('RecordBranchResolution', candidate({ birthDate: '2006-03-08' })))
      .when(command('RecordBranchResolution'))
      .thenThrows('AGE_OUT_OF_RANGE', { ageMonths: 215 }));

  it('accepts 60 years and 0 months', () =>
    spec(eventsBefore('RecordBranchResolution', elder({ birthDate: '1964-03-07', youthUnionMember: false })))
      .when(command('RecordBranchResolution', { meetingOn: '2024-03-07' }))
      .then([{ type: 'BranchResolutionAdopted', data: branch({}) }]));

  it('refuses 60 years and 1 month without provincial consent', () =>
    spec(eventsBefore('RecordBranchResolution', elder({ birthDate: '1964-02-07', youthUnionMember: false })))
      .when(command('RecordBranchResolution'))
      .thenThrows('AGE_OUT_OF_RANGE', { ageMonths: 721, consentRequired: true }));

  it('accepts over 60 with the provincial standing committee consent recorded', () => {
    const provincialConsent = { documentNo: '1234-CV/TU', givenOn: '2024-02-28' };
    spec(eventsBefore('RecordBranchResolution', elder({ birthDate: '1960-01-01', youthUnionMember: false })))
      .when(command('RecordBranchResolution', { provincialConsent }))
      .then([{ type: 'BranchResolutionAdopted', data: branch({ provincialConsent }) }]);
  });

  it('refuses a consent dated in the future', () =>
    spec(eventsBefore('RecordBranchResolution', elder({ birthDate: '1960-01-01', youthUnionMember: false })))
      .when(command('RecordBranchResolution', { provincialConsent: { documentNo: '1', givenOn: '2026-03-01' } }))
      .thenThrows('DATE_IN_FUTURE', { field: 'provincialConsent.givenOn' }));
});

describe('certificate valid 60 months on the meeting date (HD 01-HD/TW 2021)', () => {
  const issued = (issuedOn: string) => ({ RecordTraining: { issuedOn } });

  it('accepts a meeting on the last day of validity', () =>
    spec(eventsBefore('RecordBranchResolution', issued('2019-03-07')))
      .when(command('RecordBranchResolution'))
      .then([{ type: 'BranchResolutionAdopted', data: branch({}) }]));

  it('refuses a meeting the day after', () =>
    spec(eventsBefore('RecordBranchResolution', issued('2019-03-06')))
      .when(command('RecordBranchResolution'))
      .thenThrows('CERTIFICATE_EXPIRED', { validUntil: '2024-03-06' }));

  it('accepts the meeting once a new certificate is recorded', () => {
    const renewed = {
      type: 'TrainingCompleted' as const,
      data: { certificateNo: 'CN-9', issuedOn: '2024-02-27', issuer: 'TTCT', ruleSet: 'qd24-2021' },
    };
    spec([...eventsBefore('RecordBranchResolution', issued('2019-03-06')), renewed])
      .when(command('RecordBranchResolution'))
      .then([{ type: 'BranchResolutionAdopted', data: branch({}) }]);
  });
});

describe('dossier freshness, 12 months from the application', () => {
  const late = { RecordBranchResolution: { meetingOn: '2024-11-04' } } as const;

  it('accepts a meeting on the last fresh day', () =>
    spec(eventsBefore('RecordBranchResolution'))
      .when(command('RecordBranchResolution', { meetingOn: '2024-11-01' }))
      .then([{ type: 'BranchResolutionAdopted', data: branch({ meetingOn: '2024-11-01' }) }]));

  it('refuses a meeting after 12 months', () =>
    spec(eventsBefore('RecordBranchResolution'))
      .when(command('RecordBranchResolution', late.RecordBranchResolution))
      .thenThrows('DOSSIER_STALE', { compiledOn: '2023-11-01', validUntil: '2024-11-01' }));

  it('accepts it after introducers and opinions are renewed', () => {
    const renewal = [
      {
        type: 'IntroducersRecorded' as const,
        data: {
          ...storedIntroducers(command('RecordIntroducers').data.introducers),
          recordedOn: '2024-10-01',
          ruleSet: 'qd24-2021',
        },
      },
      { type: 'OpinionsCollected' as const, data: { collectedOn: '2024-10-15', personal: {}, ruleSet: 'qd24-2021' } },
    ];
    spec([...eventsBefore('RecordBranchResolution'), ...renewal])
      .when(command('RecordBranchResolution', late.RecordBranchResolution))
      .then([{ type: 'BranchResolutionAdopted', data: branch(late.RecordBranchResolution) }]);
  });
});

describe('committee resolution (nghị quyết đảng ủy cơ sở)', () => {
  const given = eventsBefore('RecordCommitteeResolution');
  const adopted = (data: object) => ({
    type: 'CommitteeResolutionAdopted' as const,
    data: { ...command('RecordCommitteeResolution').data, ruleSet: 'qd24-2021', ...data },
  });

  it('is adopted with 2/3 of the committee members', () =>
    spec(given)
      .when(command('RecordCommitteeResolution'))
      .then([adopted({})]));

  it('records the date the dossier went to the competent authority', () =>
    spec(given)
      .when(command('RecordCommitteeResolution', { submittedOn: '2024-03-22' }))
      .then([adopted({ submittedOn: '2024-03-22' })]));

  it('refuses a submission dated before the resolution', () =>
    spec(given)
      .when(command('RecordCommitteeResolution', { submittedOn: '2024-03-19' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP'));

  it('refuses a submission dated after today', () =>
    spec(given)
      .when(command('RecordCommitteeResolution', { submittedOn: '2026-01-01' }))
      .thenThrows('DATE_IN_FUTURE'));

  // API.md v1 additions: a vote below 2/3 of the committee members is a fact, recorded (no longer a 422).
  it('records a vote below 2/3 (9 of 15) as a failed vote; the dossier stays proposed', () =>
    spec(given)
      .when(command('RecordCommitteeResolution', { votesFor: 9 }))
      .then([
        {
          type: 'CommitteeVoteFailed',
          data: { ...command('RecordCommitteeResolution').data, votesFor: 9, attempt: 1, ruleSet: 'qd24-2021' },
        },
      ]));

  it('counts failed committee votes and adopts a later vote that reaches 2/3', () => {
    const failed = history([
      ...MAIN_LINE.slice(0, MAIN_LINE.indexOf('RecordBranchResolution') + 1).map((t) => command(t) as DossierCommand),
      command('RecordCommitteeResolution', { votesFor: 9 }),
      command('RecordCommitteeResolution', { adoptedOn: '2024-03-25', votesFor: 8 }),
    ]);
    expect(failed.events.at(-1)).toMatchObject({ type: 'CommitteeVoteFailed', data: { attempt: 2 } });
    expect(failed.state.stage).toBe('proposed');
    expect(failed.state.failedCommitteeVotes).toHaveLength(2);
    spec(failed.events)
      .when(command('RecordCommitteeResolution', { adoptedOn: '2024-03-28' }))
      .then([adopted({ adoptedOn: '2024-03-28' })]);
    spec(failed.events)
      .when(command('RecordCommitteeResolution', { adoptedOn: '2024-03-24' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
  });

  it('refuses a correction that would make the adopted vote fail', () => {
    const events = eventsThrough('RecordCommitteeResolution');
    const eventId = events.find((e) => e.type === 'CommitteeResolutionAdopted')!.eventId;
    spec(events)
      .when(command('CorrectStep', { eventId, changes: { votesFor: 9 }, reason: 'Đếm lại' }))
      .thenThrows('VOTE_THRESHOLD_NOT_MET', { needed: 10, votesFor: 9 });
  });

  it('refuses more votes than members', () =>
    spec(given)
      .when(command('RecordCommitteeResolution', { votesFor: 16 }))
      .thenThrows('INVALID_VOTE_COUNT'));

  it('needs the branch resolution adopted', () =>
    spec([...eventsBefore('RecordBranchResolution')])
      .when(command('RecordCommitteeResolution'))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it('is recorded once', () =>
    spec(eventsThrough('RecordCommitteeResolution'))
      .when(command('RecordCommitteeResolution'))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it("is judged by the committee's own threshold (committeeVoteThreshold), not the branch's", () => {
    const sets = RULE_SETS.map((s) => ({
      ...s,
      parameters: { ...s.parameters, committeeVoteThreshold: { num: 5, den: 6 } },
    }));
    const strict = deciderSpec(contextOn('2025-12-31', { ruleSets: sets }))(given);
    // 12 of 15 reaches the branch's 2/3 but not the committee's 5/6: a failed vote, recorded (API.md v1 additions).
    strict.when(command('RecordCommitteeResolution')).then([
      {
        type: 'CommitteeVoteFailed',
        data: { ...command('RecordCommitteeResolution').data, attempt: 1, ruleSet: 'qd24-2021' },
      },
    ]);
    strict.when(command('RecordCommitteeResolution', { votesFor: 13 })).then([adopted({ votesFor: 13 })]);
  });

  it('uses the rule set of its date', () =>
    deciderSpec(contextOn('2025-03-01'))(eventsBefore('RecordCommitteeResolution'))
      .when(command('RecordCommitteeResolution', { adoptedOn: '2025-02-03' }))
      .then([adopted({ adoptedOn: '2025-02-03', ruleSet: 'qd232-2025' })]));
});
