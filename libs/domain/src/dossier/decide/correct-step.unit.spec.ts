import { obligationsOf } from '../../obligations/obligations';
import { deciderSpec, fold } from '../../testing/decider-spec';
import { calendar, command, ctx, eventsThrough, history, MAIN_LINE } from '../../testing/fixtures';
import { decide } from '../decide';
import type { RecordedDossierEvent } from '../events';
import { evolve } from '../evolve';
import { stepsOf } from '../view';

const spec = deciderSpec(ctx);
const all = eventsThrough('RecordRecognitionDecision');
const idOf = (events: RecordedDossierEvent[], type: string) =>
  (events.find((e) => e.type === type) as RecordedDossierEvent).eventId;
const correct = (eventId: string, changes: Record<string, unknown>) =>
  command('CorrectStep', { eventId, changes, reason: 'Nhập sai' });

/** Applies a correction through decide and evolve, like the engine. */
function corrected(events: RecordedDossierEvent[], eventId: string, changes: Record<string, unknown>) {
  const state = fold(events);
  const [event] = decide(correct(eventId, changes), state, ctx);
  return { event, state: evolve(state, { ...event, eventId: 'c1' }) };
}

describe('correction of an earlier step (CorrectStep)', () => {
  it('records the changed fields, the reason and the rule set of the corrected date', () =>
    spec(all)
      // Before 01/07/2025 the commune committee recorded on 2025-07-15 is no longer competent: `null` lets
      // the engine find the body competent on the corrected date (none in these fixtures).
      .when(
        correct(idOf(all, 'RecognitionDecided'), { decidedOn: '2025-06-30', decisionNo: '44-QĐ/HU', decidedBy: null }),
      )
      .then([
        {
          type: 'StepCorrected',
          data: {
            eventId: 'e14',
            targetType: 'RecognitionDecided',
            changes: { decidedOn: '2025-06-30', decisionNo: '44-QĐ/HU', decidedBy: null },
            personal: { reason: 'Nhập sai' },
            correctedOn: '2025-12-31',
            ruleSet: 'qd294-2025',
            targetRuleSet: 'qd232-2025',
          },
        },
      ]));

  it('is allowed on a closed dossier, and the earlier event stays in the history', () => {
    const { state } = corrected(all, 'e14', { decisionNo: '44-QĐ/HU' });
    expect(state.records[13]).toMatchObject({
      eventId: 'e14',
      correctedBy: ['c1'],
      event: { data: { decisionNo: '44-QĐ/HU' } },
    });
    expect(all[13].data).toMatchObject({ decisionNo: '45-QĐ/ĐU' });
    expect(state.corrections).toEqual([
      { eventId: 'c1', targetEventId: 'e14', correctedOn: '2025-12-31', reason: 'Nhập sai', fields: ['decisionNo'] },
    ]);
    expect(stepsOf(state)['recognition-decision']).toMatchObject({ decisionNo: '44-QĐ/HU', corrected: true });
  });

  it('derived state follows the corrected data: the decision deadline moves with the branch resolution date', () => {
    const events = eventsThrough('RecordBranchResolution');
    const { state } = corrected(events, idOf(events, 'BranchResolutionAdopted'), { meetingOn: '2024-03-08' });
    expect(obligationsOf(state, calendar).find((o) => o.obligation === 'admission-decision')).toMatchObject({
      startedOn: '2024-03-08',
      dueOn: '2024-06-05',
    });
  });

  it('derived state follows the corrected data: official from the corrected ceremony date + 12 months', () => {
    const { state } = corrected(all, idOf(all, 'CeremonyHeld'), { heldOn: '2024-06-05' });
    expect(state).toMatchObject({ probationEndsOn: '2025-06-05', officialSince: '2025-06-05' });
  });

  it('a null value removes an optional field (the ceremony period then starts at the decision date)', () => {
    const events = eventsThrough('RecordAdmissionDecision');
    const { event, state } = corrected(events, idOf(events, 'AdmissionDecided'), { receivedOn: null });
    expect(event.data).toMatchObject({ changes: { receivedOn: null } });
    expect(obligationsOf(state, calendar).find((o) => o.obligation === 'admission-ceremony')).toMatchObject({
      startedOn: '2024-05-15',
    });
  });

  it('puts corrected personal data under data.personal only', () => {
    const { event, state } = corrected(all, 'e1', { 'candidate.fullName': 'Nguyễn Thị Ân', ethnicity: 'Nùng' });
    expect(event.data).toEqual(
      expect.objectContaining({
        changes: {},
        personal: { reason: 'Nhập sai', changes: { fullName: 'Nguyễn Thị Ân', ethnicity: 'Nùng' } },
      }),
    );
    expect(state.nomination?.personal).toMatchObject({
      fullName: 'Nguyễn Thị Ân',
      ethnicity: 'Nùng',
      birthDate: '1996-05-10',
    });
    expect(state.corrections[0].fields).toEqual(['candidate.fullName', 'candidate.ethnicity']);
  });

  it('refuses a birth date that makes the candidate too young at the branch meeting', () =>
    spec(all)
      .when(correct('e1', { birthDate: '2007-01-01' }))
      .thenThrows('AGE_OUT_OF_RANGE', { failingEventId: 'e8' }));

  it('refuses a ceremony date that puts the review inside probation', () =>
    spec(all)
      .when(correct(idOf(all, 'CeremonyHeld'), { heldOn: '2024-06-25' }))
      .thenThrows('RESOLUTION_BEFORE_PROBATION_END', { failingEventId: 'e12' }));

  it('refuses a date that breaks the order of the steps', () =>
    spec(all)
      .when(correct(idOf(all, 'CommitteeResolutionAdopted'), { adoptedOn: '2024-03-06' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { failingEventId: 'e9' }));

  it('refuses votes that would make an adopted resolution fail', () =>
    spec(all)
      .when(correct(idOf(all, 'BranchResolutionAdopted'), { votesFor: 5 }))
      .thenThrows('VOTE_THRESHOLD_NOT_MET'));

  it('refuses votes that would make a failed vote pass', () => {
    const { events } = history([
      ...MAIN_LINE.slice(0, 7).map((t) => command(t)),
      command('RecordBranchResolution', { votesFor: 2 }),
    ]);
    spec(events)
      .when(correct('e8', { votesFor: 8 }))
      .thenThrows('CORRECTION_NOT_ALLOWED', { votesFor: 8 });
  });

  it('accepts votes of a failed vote that still fail', () => {
    const { events } = history([
      ...MAIN_LINE.slice(0, 7).map((t) => command(t)),
      command('RecordBranchResolution', { votesFor: 2 }),
    ]);
    expect(decide(correct('e8', { votesFor: 3 }), fold(events), ctx)).toHaveLength(1);
  });

  it('refuses an unknown event id', () =>
    spec(all)
      .when(correct('e99', { heldOn: '2024-06-11' }))
      .thenThrows('CORRECTION_TARGET_NOT_FOUND', { eventId: 'e99' }));

  it('refuses to correct a correction or a deadline record', () => {
    const withCorrection = [
      ...all,
      {
        type: 'StepCorrected' as const,
        eventId: 'c1',
        data: {
          eventId: 'e14',
          targetType: 'RecognitionDecided' as const,
          changes: { decisionNo: 'x' },
          personal: { reason: 'r' },
          correctedOn: '2025-12-01',
          ruleSet: 'qd294-2025',
        },
      },
    ];
    spec(withCorrection)
      .when(correct('c1', { reason: 'x' }))
      .thenThrows('CORRECTION_NOT_ALLOWED');
  });

  it('refuses a field that decides the kind of step (the outcome)', () =>
    spec(all)
      .when(correct(idOf(all, 'AdmissionDecided'), { outcome: 'refused' }))
      .thenThrows('CORRECTION_NOT_ALLOWED', { fields: ['outcome'] }));

  it('refuses an empty or malformed change', () => {
    spec(all).when(correct('e11', {})).thenThrows('INVALID_COMMAND');
    spec(all)
      .when(correct('e11', { heldOn: '10/06/2024' }))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'heldOn', message: 'must be a date YYYY-MM-DD' }] });
    spec(all)
      .when(correct('e1', { birthDate: null }))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'candidate.birthDate', message: 'is required' }] });
  });

  it('keeps the rule set of a certificate older than every rule set absent', () => {
    const events = eventsThrough('RecordTraining');
    const { state } = corrected(events, 'e3', { issuedOn: '2020-12-01' });
    expect(state.training).toEqual({
      certificateNo: 'CN-123/2023',
      issuedOn: '2020-12-01',
      issuer: 'Trung tâm chính trị huyện Hữu Lũng',
    });
  });

  it('checks a corrected value as the step it corrects: lengths, ranges, unit ids, the unit catalog', () => {
    spec(all)
      .when(correct('e1', { 'candidate.fullName': 'A'.repeat(201) }))
      .thenThrows('INVALID_COMMAND', {
        errors: [{ field: 'candidate.fullName', message: 'must be at most 200 characters' }],
      });
    spec(all)
      .when(correct('e1', { 'candidate.ethnicity': '  ' }))
      .thenThrows('INVALID_COMMAND');
    spec(all)
      .when(correct('e14', { decisionNo: 'x'.repeat(65) }))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'decisionNo', message: 'must be at most 64 characters' }] });
    spec(all)
      .when(correct('e8', { officialMembers: 10_001, votesFor: 10_001 }))
      .thenThrows('INVALID_COMMAND');
    spec(all)
      .when(correct('e1', { branchId: 'Chi Bộ!' }))
      .thenThrows('INVALID_COMMAND', {
        errors: [{ field: 'branchId', message: 'must be a unit id (lowercase letters, digits and dashes)' }],
      });
    spec(all)
      .when(correct('e1', { branchId: 'thon-khong-co' }))
      .thenThrows('UNKNOWN_UNIT', { field: 'branchId', unitId: 'thon-khong-co' });
    spec(all)
      .when(correct('e1', { nominatedBy: 'chi-bo-lang-gia' }))
      .thenThrows('UNKNOWN_UNIT');
  });

  it('keeps a corrected text trimmed and in Unicode NFC, as a step records it', () => {
    const { event } = corrected(all, 'e1', { 'candidate.fullName': '  Nguye\u0302\u0303n Thi\u0323 An  ' });
    expect(event.data).toMatchObject({ personal: { changes: { fullName: 'Nguyễn Thị An' } } });
  });

  it('needs a dossier', () =>
    spec([])
      .when(correct('e1', { heldOn: '2024-06-11' }))
      .thenThrows('DOSSIER_NOT_FOUND'));
});
