import type { OrgUnit } from '../plan/org-unit';
import { deciderSpec } from '../testing/decider-spec';
import {
  command,
  contextOn,
  ctx,
  directoryOf,
  DONG_TIEN_AUTHORITIES,
  eventsBefore,
  history,
  MAIN_LINE,
  TODAY,
  unitsUnderDistrict,
} from '../testing/fixtures';

/** The decider over the fixture units with the commune under its district committee, fields of the commune overridden. */
const specWith = (committee: Partial<OrgUnit> = {}) =>
  deciderSpec(contextOn(TODAY, { units: directoryOf(unitsUnderDistrict(committee)) }));
const spec = specWith();
const ruled = <T extends object>(data: T, ruleSet = 'qd24-2021') => ({ ruleSet, ...data });
const admitted = (data: object = {}) => ({
  type: 'AdmissionDecided' as const,
  data: ruled({
    decidedOn: '2024-05-15',
    decisionNo: '312-QĐ/HU',
    receivedOn: '2024-05-20',
    outcome: 'admitted' as const,
    ...data,
  }),
});

describe('the deciding body (decidedBy) of a decision: the competent authority on its date', () => {
  const admission = eventsBefore('RecordAdmissionDecision');
  const recognition = eventsBefore('RecordRecognitionDecision');

  describe('omitted: the competent authority in force on decidedOn is recorded', () => {
    it('is the parent higher committee before 2025-07-01 by default (QĐ 24-QĐ/TW 4.3.2)', () =>
      spec(admission)
        .when(command('RecordAdmissionDecision'))
        .then([admitted({ decidedBy: 'huyen-uy-huu-lung' })]));

    it('is the committee itself from 2025-07-01 by default (QĐ 294-QĐ/TW)', () =>
      spec(recognition)
        .when(command('RecordRecognitionDecision'))
        .then([
          {
            type: 'RecognitionDecided',
            data: ruled(
              {
                decidedOn: '2025-07-15',
                decisionNo: '45-QĐ/ĐU',
                outcome: 'official',
                decidedBy: 'dang-uy-xa-dong-tien',
              },
              'qd294-2025',
            ),
          },
        ]));

    it("follows the committee's own periods when it has them", () =>
      specWith({ authorities: [{ from: '2024-01-01', to: '2024-12-31', unitId: 'tinh-uy-lang-son' }] })(admission)
        .when(command('RecordAdmissionDecision'))
        .then([admitted({ decidedBy: 'tinh-uy-lang-son' })]));

    it('is recorded without decidedBy when none is known (no parent higher committee before 2025-07-01)', () =>
      deciderSpec(ctx)(admission).when(command('RecordAdmissionDecision')).then([admitted()]));
  });

  describe('given', () => {
    it('is recorded when competent on that date (explicit data)', () =>
      specWith({ authorities: DONG_TIEN_AUTHORITIES })(admission)
        .when(command('RecordAdmissionDecision', { decidedBy: 'huyen-uy-huu-lung' }))
        .then([admitted({ decidedBy: 'huyen-uy-huu-lung' })]));

    it('is refused (422 NOT_COMPETENT_AUTHORITY) when another body is competent on that date', () =>
      spec(admission)
        .when(command('RecordAdmissionDecision', { decidedBy: 'dang-uy-xa-dong-tien' }))
        .thenThrows('NOT_COMPETENT_AUTHORITY', {
          decidedBy: 'dang-uy-xa-dong-tien',
          decidedOn: '2024-05-15',
          competent: 'huyen-uy-huu-lung',
        }));

    it('names who is competent on that date in the message', () =>
      expect(() =>
        specWith({ authorities: DONG_TIEN_AUTHORITIES })(recognition)
          .when(command('RecordRecognitionDecision', { decidedBy: 'huyen-uy-huu-lung' }))
          .then([]),
      ).toThrow(/competent authority on that date is dang-uy-xa-dong-tien \(Đảng ủy xã Đồng Tiến\)/));

    it('is refused when no authority is known on that date', () =>
      deciderSpec(ctx)(admission)
        .when(command('RecordAdmissionDecision', { decidedBy: 'dang-uy-xa-dong-tien' }))
        .thenThrows('NOT_COMPETENT_AUTHORITY', { committeeId: 'dang-uy-xa-dong-tien' }));

    it.each([
      ['a unit the catalog does not hold', 'huyen-uy-khac'],
      ['a branch', 'chi-bo-lang-gia'],
      ['a mass organisation', 'hoi-phu-nu'],
    ])('is refused (422 UNKNOWN_UNIT) when it names %s', (_what, decidedBy) =>
      spec(recognition)
        .when(command('RecordRecognitionDecision', { decidedBy }))
        .thenThrows('UNKNOWN_UNIT', { field: 'decidedBy', unitId: decidedBy }),
    );

    it('is refused as malformed when it is not a unit id', () =>
      spec(admission)
        .when(command('RecordAdmissionDecision', { decidedBy: 'Huyện ủy' }))
        .thenThrows('INVALID_COMMAND', { errors: [expect.objectContaining({ field: 'decidedBy' })] }));
  });

  describe('corrected: competence is checked again', () => {
    const underDistrict = contextOn(TODAY, { units: directoryOf(unitsUnderDistrict()) });
    const steps = MAIN_LINE.slice(0, MAIN_LINE.indexOf('RecordAdmissionDecision') + 1);
    const through = (decidedBy?: string) =>
      history(
        steps.map((t) => command(t, (t === 'RecordAdmissionDecision' ? { decidedBy } : {}) as never)),
        decidedBy ? underDistrict : ctx,
      ).events;
    const events = through('huyen-uy-huu-lung');
    const id = events[events.length - 1].eventId;
    const correct = (changes: Record<string, unknown>) =>
      command('CorrectStep', { eventId: id, changes, reason: 'Nhập sai' });
    const corrected = (changes: Record<string, unknown>) => ({
      type: 'StepCorrected' as const,
      data: {
        eventId: id,
        targetType: 'AdmissionDecided',
        changes,
        personal: { reason: 'Nhập sai' },
        correctedOn: TODAY,
        ruleSet: 'qd294-2025',
        targetRuleSet: 'qd24-2021',
      },
    });
    it('refuses a deciding body that is not competent on the decision date', () =>
      deciderSpec(underDistrict)(events)
        .when(correct({ decidedBy: 'dang-uy-xa-dong-tien' }))
        .thenThrows('NOT_COMPETENT_AUTHORITY', { competent: 'huyen-uy-huu-lung' }));

    it('accepts one that is', () =>
      specWith({ authorities: [{ from: '2024-05-01', unitId: 'tinh-uy-lang-son' }] })(events)
        .when(correct({ decidedBy: 'tinh-uy-lang-son' }))
        .then([corrected({ decidedBy: 'tinh-uy-lang-son' })]));

    it('refuses a new decision date on which the recorded body was not competent', () =>
      specWith({ authorities: [{ from: '2024-05-16', unitId: 'tinh-uy-lang-son' }] })(events)
        .when(correct({ decidedOn: '2024-05-16' }))
        .thenThrows('NOT_COMPETENT_AUTHORITY', { competent: 'tinh-uy-lang-son', decidedBy: 'huyen-uy-huu-lung' }));

    it('records the body competent on the corrected date when decidedBy is cleared (null)', () =>
      specWith({ authorities: [{ from: '2024-05-16', unitId: 'tinh-uy-lang-son' }] })(events)
        .when(correct({ decidedOn: '2024-05-16', decidedBy: null }))
        .then([corrected({ decidedOn: '2024-05-16', decidedBy: 'tinh-uy-lang-son' })]));

    it('finds the body for a decision recorded when none was known', () => {
      const unknown = through(undefined);
      expect(unknown[unknown.length - 1].data).not.toHaveProperty('decidedBy');
      deciderSpec(underDistrict)(unknown)
        .when(correct({ decidedOn: '2024-05-16' }))
        .then([corrected({ decidedOn: '2024-05-16', decidedBy: 'huyen-uy-huu-lung' })]);
    });
  });
});
