import { DomainError } from '../errors/domain-error';
import { RULE_SETS } from '../rules/rule-sets';
import { deciderSpec, fold } from '../testing/decider-spec';
import {
  candidate,
  command,
  contextOn,
  ctx,
  elder,
  eventsBefore,
  eventsThrough,
  member,
  TWO_MEMBERS,
  storedIntroducers,
  youthUnionExecutive,
  type Overrides,
} from '../testing/fixtures';
import type { ProvincialConsent } from './commands';
import { decide } from './decide';

const spec = deciderSpec(ctx);
const consent = (grounds?: ProvincialConsent['grounds'], givenOn = '2024-03-01'): ProvincialConsent => ({
  documentNo: '88-CV/TU',
  givenOn,
  ...(grounds && { grounds }),
});
const adopted = (data: object = {}) => [
  {
    type: 'BranchResolutionAdopted' as const,
    data: { ...command('RecordBranchResolution').data, ruleSet: 'qd24-2021', ...data },
  },
];
const refusedWith = (given: Overrides, data: object) => {
  try {
    decide(command('RecordBranchResolution', data), fold(eventsBefore('RecordBranchResolution', given)), ctx);
  } catch (error) {
    return (error as DomainError).message;
  }
  throw new Error('not refused');
};

describe('education (trình độ học vấn): lower secondary, literacy only with provincial consent', () => {
  const literate = candidate({ educationLevel: 'primary' });

  it('refuses a literacy-only candidate without the provincial consent', () =>
    spec(eventsBefore('RecordBranchResolution', literate))
      .when(command('RecordBranchResolution'))
      .thenThrows('EDUCATION_BELOW_MINIMUM', {
        educationLevel: 'primary',
        minEducationLevel: 'lower-secondary',
        consentRequired: true,
      }));

  it('says what is missing in words a secretary reads', () =>
    expect(refusedWith(literate, {})).toBe(
      "The candidate's education is below lower secondary (literacy only), below the minimum (lower secondary): record the provincial standing committee's written consent with the branch resolution.",
    ));

  it('accepts lower secondary, the minimum, without consent', () =>
    spec(eventsBefore('RecordBranchResolution', candidate({ educationLevel: 'lower-secondary' })))
      .when(command('RecordBranchResolution'))
      .then(adopted()));

  it('accepts a literacy-only candidate with a consent that names no grounds', () =>
    spec(eventsBefore('RecordBranchResolution', literate))
      .when(command('RecordBranchResolution', { provincialConsent: consent() }))
      .then(adopted({ provincialConsent: consent() })));

  it('accepts a consent that names education', () =>
    spec(eventsBefore('RecordBranchResolution', literate))
      .when(command('RecordBranchResolution', { provincialConsent: consent(['education']) }))
      .then(adopted({ provincialConsent: consent(['education']) })));

  it('refuses a consent that names age only', () =>
    spec(eventsBefore('RecordBranchResolution', literate))
      .when(command('RecordBranchResolution', { provincialConsent: consent(['age']) }))
      .thenThrows('EDUCATION_BELOW_MINIMUM', { consentGrounds: ['age'] }));

  it('checks a failed vote too: the meeting considered a candidate it could not propose', () =>
    spec(eventsBefore('RecordBranchResolution', literate))
      .when(command('RecordBranchResolution', { votesFor: 5 }))
      .thenThrows('EDUCATION_BELOW_MINIMUM'));

  it('takes the minimum from the rule set of the meeting date', () => {
    const stricter = RULE_SETS.map((s) => ({
      ...s,
      parameters: { ...s.parameters, minEducationLevel: 'upper-secondary' as const },
    }));
    const given = eventsBefore('RecordBranchResolution', candidate({ educationLevel: 'lower-secondary' }));
    deciderSpec(contextOn('2025-12-31', { ruleSets: stricter }))(given)
      .when(command('RecordBranchResolution'))
      .thenThrows('EDUCATION_BELOW_MINIMUM', {
        educationLevel: 'lower-secondary',
        minEducationLevel: 'upper-secondary',
      });
  });

  it('refuses consent grounds that are empty, repeated or unknown, and records nothing', () => {
    const given = eventsBefore('RecordBranchResolution', literate);
    const grounds = (value: unknown) =>
      command('RecordBranchResolution', { provincialConsent: { ...consent(), grounds: value as never } });
    spec(given)
      .when(grounds([]))
      .thenThrows('INVALID_COMMAND', {
        errors: [{ field: 'provincialConsent.grounds', message: 'must be a non-empty list' }],
      });
    spec(given)
      .when(grounds(['education', 'education']))
      .thenThrows('INVALID_COMMAND', {
        errors: [{ field: 'provincialConsent.grounds[1]', message: 'must not repeat an item' }],
      });
    spec(given)
      .when(grounds(['health']))
      .thenThrows('INVALID_COMMAND', {
        errors: [{ field: 'provincialConsent.grounds[0]', message: 'must be one of age, education' }],
      });
    spec(given)
      .when(grounds('education'))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'provincialConsent.grounds', message: expect.any(String) }] });
    spec(given)
      .when(grounds(['age', 'education', 'age']))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'provincialConsent.grounds', message: expect.any(String) }] });
  });
});

describe('one provincial consent, two grounds (over 60 and literacy only)', () => {
  const both = elder({ birthDate: '1960-01-01', educationLevel: 'primary' });

  it('a consent without grounds covers both', () =>
    spec(eventsBefore('RecordBranchResolution', both))
      .when(command('RecordBranchResolution', { provincialConsent: consent() }))
      .then(adopted({ provincialConsent: consent() })));

  it('a consent naming both covers both', () =>
    spec(eventsBefore('RecordBranchResolution', both))
      .when(command('RecordBranchResolution', { provincialConsent: consent(['age', 'education']) }))
      .then(adopted({ provincialConsent: consent(['age', 'education']) })));

  it('a consent naming education only does not allow the age', () => {
    spec(eventsBefore('RecordBranchResolution', both))
      .when(command('RecordBranchResolution', { provincialConsent: consent(['education']) }))
      .thenThrows('AGE_OUT_OF_RANGE', { consentRequired: true, consentGrounds: ['education'] });
    expect(refusedWith(both, { provincialConsent: consent(['education']) })).toContain(
      'consent 88-CV/TU does not name age',
    );
  });
});

describe('Youth Union route (Party Charter Art. 4): required for a Youth Union member of youth age', () => {
  const given = eventsBefore('RecordIntroducers');
  const twoMembers = TWO_MEMBERS.RecordIntroducers!.introducers!;
  const recorded = ({ introducers, ...data }: { introducers: Array<{ name: string }>; noYouthUnionBase?: boolean }) => [
    {
      type: 'IntroducersRecorded' as const,
      data: { recordedOn: '2024-01-10', ruleSet: 'qd24-2021', ...storedIntroducers(introducers), ...data },
    },
  ];

  it('records the Youth Union executive and one member for a Youth Union member of 27', () =>
    spec(given)
      .when(command('RecordIntroducers', { introducers: [youthUnionExecutive, member()] }))
      .then(recorded({ introducers: [youthUnionExecutive, member()] })));

  it('refuses two members where a Youth Union base organisation exists', () =>
    spec(given)
      .when(command('RecordIntroducers', { introducers: twoMembers }))
      .thenThrows('INTRODUCER_NOT_ELIGIBLE', { path: 'two-members', age: 27, youthUnionMember: true }));

  it('accepts two members when the step records that no Youth Union base organisation exists', () =>
    spec(given)
      .when(command('RecordIntroducers', { introducers: twoMembers, noYouthUnionBase: true }))
      .then(recorded({ introducers: twoMembers, noYouthUnionBase: true })));

  it('refuses the Youth Union executive when the step says there is no Youth Union base organisation', () =>
    spec(given)
      .when(command('RecordIntroducers', { noYouthUnionBase: true }))
      .thenThrows('INTRODUCER_NOT_ELIGIBLE', { path: 'youth-union', noYouthUnionBase: true }));

  it('still refuses two members at 30 and accepts them at 31', () => {
    spec(eventsBefore('RecordIntroducers', candidate({ birthDate: '1993-01-11' })))
      .when(command('RecordIntroducers', { introducers: twoMembers }))
      .thenThrows('INTRODUCER_NOT_ELIGIBLE', { age: 30 });
    spec(eventsBefore('RecordIntroducers', candidate({ birthDate: '1993-01-10' })))
      .when(command('RecordIntroducers', { introducers: twoMembers }))
      .then(recorded({ introducers: twoMembers }));
  });

  it('accepts two members for a candidate of youth age who is not, or not known to be, a Youth Union member', () => {
    for (const youthUnionMember of [false, undefined])
      spec(eventsBefore('RecordIntroducers', candidate({ youthUnionMember })))
        .when(command('RecordIntroducers', { introducers: twoMembers }))
        .then(recorded({ introducers: twoMembers }));
  });

  it('keeps the trade-union path open to a Youth Union member', () => {
    const tradeUnion = [member(), { kind: 'trade-union' as const, name: 'BCH Công đoàn trường' }];
    spec(given)
      .when(command('RecordIntroducers', { introducers: tradeUnion }))
      .then(recorded({ introducers: tradeUnion }));
  });

  it('refuses a flag that is not true or false', () =>
    spec(given)
      .when(command('RecordIntroducers', { introducers: twoMembers, noYouthUnionBase: 'yes' as never }))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'noYouthUnionBase', message: 'must be true or false' }] }));

  it('refuses a correction that removes the flag behind two members', () => {
    const events = eventsThrough('RecordIntroducers', {
      RecordIntroducers: { introducers: twoMembers, noYouthUnionBase: true },
    });
    spec(events)
      .when(command('CorrectStep', { eventId: 'e6', changes: { noYouthUnionBase: null }, reason: 'Nhập sai' }))
      .thenThrows('INTRODUCER_NOT_ELIGIBLE', { failingEventId: 'e6' });
  });
});

describe('provincial consent dated no later than the admission decision', () => {
  const over60 = (givenOn: string): Overrides => ({
    ...elder({ birthDate: '1960-01-01' }),
    RecordBranchResolution: { provincialConsent: consent(undefined, givenOn) },
  });
  const admitted = (data: object = {}) => {
    const { outcome, ...rest } = command('RecordAdmissionDecision').data;
    return [{ type: 'AdmissionDecided' as const, data: { ...rest, ruleSet: 'qd24-2021', outcome, ...data } }];
  };

  it('refuses an admission decided the day before the consent', () =>
    spec(eventsBefore('RecordAdmissionDecision', over60('2024-05-16')))
      .when(command('RecordAdmissionDecision'))
      .thenThrows('CONSENT_AFTER_DECISION', {
        givenOn: '2024-05-16',
        decidedOn: '2024-05-15',
        documentNo: '88-CV/TU',
      }));

  it('accepts a consent given after the branch meeting, up to the decision day', () =>
    spec(eventsBefore('RecordAdmissionDecision', over60('2024-05-15')))
      .when(command('RecordAdmissionDecision'))
      .then(admitted()));

  it('holds for the literacy consent too', () => {
    const literate = (givenOn: string): Overrides => ({
      ...candidate({ educationLevel: 'primary' }),
      RecordBranchResolution: { provincialConsent: consent(['education'], givenOn) },
    });
    spec(eventsBefore('RecordAdmissionDecision', literate('2024-05-16')))
      .when(command('RecordAdmissionDecision'))
      .thenThrows('CONSENT_AFTER_DECISION');
    spec(eventsBefore('RecordAdmissionDecision', literate('2024-04-02')))
      .when(command('RecordAdmissionDecision'))
      .then(admitted());
  });

  it('does not bind a refusal: there is nothing the consent allows', () => {
    const { outcome: _, ...rest } = command('RecordAdmissionDecision').data;
    spec(eventsBefore('RecordAdmissionDecision', over60('2024-05-16')))
      .when(command('RecordAdmissionDecision', { outcome: 'refused' }))
      .then([{ type: 'AdmissionRefused', data: { ...rest, ruleSet: 'qd24-2021', outcome: 'refused' } }]);
  });

  it('refuses a correction that moves the decision before the consent, or the consent after the decision', () => {
    const events = eventsThrough('RecordAdmissionDecision', over60('2024-05-10'));
    spec(events)
      .when(command('CorrectStep', { eventId: 'e10', changes: { decidedOn: '2024-05-09' }, reason: 'Nhập sai' }))
      .thenThrows('CONSENT_AFTER_DECISION', { failingEventId: 'e10' });
    spec(events)
      .when(
        command('CorrectStep', {
          eventId: 'e8',
          changes: { provincialConsent: consent(undefined, '2024-05-20') },
          reason: 'Nhập sai',
        }),
      )
      .thenThrows('CONSENT_AFTER_DECISION', { failingEventId: 'e10' });
  });
});

describe('a correction of the candidate is checked against the branch resolution again', () => {
  const events = eventsThrough('RecordAdmissionDecision');
  const correctEducation = command('CorrectStep', {
    eventId: 'e1',
    changes: { educationLevel: 'primary' },
    reason: 'Nhập sai trình độ',
  });

  it('refuses literacy only when the branch resolution recorded no consent', () =>
    spec(events).when(correctEducation).thenThrows('EDUCATION_BELOW_MINIMUM', { failingEventId: 'e8' }));

  it('accepts it when the branch resolution recorded the consent', () => {
    const withConsent = eventsThrough('RecordAdmissionDecision', {
      RecordBranchResolution: { provincialConsent: consent(['education']) },
    });
    spec(withConsent)
      .when(correctEducation)
      .then([
        {
          type: 'StepCorrected',
          data: expect.objectContaining({
            eventId: 'e1',
            changes: {},
            personal: { reason: 'Nhập sai trình độ', changes: { educationLevel: 'primary' } },
          }) as never,
        },
      ]);
  });

  it('refuses making the candidate a Youth Union member when two members introduced them', () => {
    const twoMembers = eventsThrough('RecordIntroducers', {
      ...candidate({ youthUnionMember: false }),
      ...TWO_MEMBERS,
    });
    spec(twoMembers)
      .when(command('CorrectStep', { eventId: 'e1', changes: { youthUnionMember: true }, reason: 'Nhập sai' }))
      .thenThrows('INTRODUCER_NOT_ELIGIBLE', { failingEventId: 'e6' });
  });
});
