import { deciderSpec } from '../testing/decider-spec';
import { command, ctx, eventsBefore, eventsThrough } from '../testing/fixtures';

const spec = deciderSpec(ctx);
const ruled = <T extends object>(data: T, ruleSet = 'qd24-2021') => ({ ruleSet, ...data });

describe('admission decision (quyết định kết nạp) or refusal', () => {
  const given = eventsBefore('RecordAdmissionDecision');

  it('admits', () =>
    spec(given)
      .when(command('RecordAdmissionDecision'))
      .then([
        {
          type: 'AdmissionDecided',
          data: ruled({
            decidedOn: '2024-05-15',
            decisionNo: '312-QĐ/HU',
            receivedOn: '2024-05-20',
            outcome: 'admitted' as const,
          }),
        },
      ]));

  it('refuses, which closes the dossier', () => {
    spec(given)
      .when(command('RecordAdmissionDecision', { outcome: 'refused', receivedOn: undefined }))
      .then([
        {
          type: 'AdmissionRefused',
          data: ruled({ decidedOn: '2024-05-15', decisionNo: '312-QĐ/HU', outcome: 'refused' as const }),
        },
      ]);
    const refused = eventsThrough('RecordAdmissionDecision', { RecordAdmissionDecision: { outcome: 'refused' } });
    spec(refused).when(command('HoldCeremony')).thenThrows('DOSSIER_CLOSED', { stage: 'refused' });
  });

  it('refuses a receipt dated before the decision', () =>
    spec(given)
      .when(command('RecordAdmissionDecision', { receivedOn: '2024-05-14' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { field: 'receivedOn' }));

  it('refuses a receipt dated after today', () =>
    spec(given)
      .when(command('RecordAdmissionDecision', { receivedOn: '2026-01-01' }))
      .thenThrows('DATE_IN_FUTURE', { field: 'receivedOn' }));

  it('needs the committee resolution', () =>
    spec(eventsBefore('RecordCommitteeResolution'))
      .when(command('RecordAdmissionDecision'))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it('is recorded once', () =>
    spec(eventsThrough('RecordAdmissionDecision'))
      .when(command('RecordAdmissionDecision'))
      .thenThrows('STEP_OUT_OF_ORDER'));
});

describe('decision deadline extended (gia hạn, QĐ 24-QĐ/TW 4.3.1)', () => {
  const given = eventsBefore('RecordAdmissionDecision');
  const extended = (obligation: string, data: object = {}) => {
    const { reason, ...rest } = command('ExtendDecisionDeadline').data;
    return {
      type: 'DecisionDeadlineExtended' as const,
      data: ruled({ ...rest, obligation, personal: { reason }, ...data }),
    };
  };

  it('extends the admission decision period by up to 30 working days', () =>
    spec(given)
      .when(command('ExtendDecisionDeadline'))
      .then([extended('admission-decision')] as never));

  it('may be decided on the due date itself', () =>
    spec(given)
      .when(command('ExtendDecisionDeadline', { extendedOn: '2024-06-04' }))
      .then([extended('admission-decision', { extendedOn: '2024-06-04' })] as never));

  it('is refused once the period has run out', () =>
    spec(given)
      .when(command('ExtendDecisionDeadline', { extendedOn: '2024-06-05' }))
      .thenThrows('EXTENSION_NOT_ALLOWED', { dueOn: '2024-06-04' }));

  it('is refused beyond 30 working days', () =>
    spec(given)
      .when(command('ExtendDecisionDeadline', { workingDays: 31 }))
      .thenThrows('EXTENSION_NOT_ALLOWED', { max: 30 }));

  it('is refused a second time', () =>
    spec([...given, extended('admission-decision')])
      .when(command('ExtendDecisionDeadline', { extendedOn: '2024-05-11', workingDays: 5 }))
      .thenThrows('EXTENSION_NOT_ALLOWED', { obligation: 'admission-decision' }));

  it('refuses zero working days as malformed', () =>
    spec(given)
      .when(command('ExtendDecisionDeadline', { workingDays: 0 }))
      .thenThrows('INVALID_COMMAND'));

  it('cannot be dated before the branch resolution', () =>
    spec(given)
      .when(command('ExtendDecisionDeadline', { extendedOn: '2024-03-06' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP'));

  it('does not bound the date of the next step', () =>
    spec([...given, extended('admission-decision', { extendedOn: '2024-05-20' })])
      .when(command('RecordAdmissionDecision'))
      .then([
        {
          type: 'AdmissionDecided',
          data: ruled({
            decidedOn: '2024-05-15',
            decisionNo: '312-QĐ/HU',
            receivedOn: '2024-05-20',
            outcome: 'admitted' as const,
          }),
        },
      ]));

  it('extends a pending recognition decision', () =>
    spec(eventsThrough('RecordRecognitionReview'))
      .when(command('ExtendDecisionDeadline', { extendedOn: '2025-07-01' }))
      .then([extended('recognition-decision', { extendedOn: '2025-07-01', ruleSet: 'qd294-2025' })] as never));

  it('needs a decision pending', () =>
    spec(eventsThrough('HoldCeremony')).when(command('ExtendDecisionDeadline')).thenThrows('STEP_OUT_OF_ORDER'));
});

describe('ceremony (lễ kết nạp)', () => {
  const given = eventsBefore('HoldCeremony');

  it('is held after admission', () =>
    spec(given)
      .when(command('HoldCeremony'))
      .then([{ type: 'CeremonyHeld', data: ruled({ heldOn: '2024-06-10' }) }]));

  it('cannot be held before the branch received the decision', () =>
    spec(given)
      .when(command('HoldCeremony', { heldOn: '2024-05-17' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { previous: '2024-05-20' }));

  it('needs the admission decision', () =>
    spec(eventsBefore('RecordAdmissionDecision')).when(command('HoldCeremony')).thenThrows('STEP_OUT_OF_ORDER'));

  it('is held once', () =>
    spec(eventsThrough('HoldCeremony'))
      .when(command('HoldCeremony', { heldOn: '2024-06-11' }))
      .thenThrows('STEP_OUT_OF_ORDER'));
});

describe('ceremony delay approved by the higher committee (QĐ 24-QĐ/TW 4.1)', () => {
  const given = eventsBefore('HoldCeremony');
  const approved = (data: object = {}) => {
    const { approvedBy, reason, ...rest } = command('ApproveCeremonyDelay').data;
    return {
      type: 'CeremonyDelayApproved' as const,
      data: ruled({ ...rest, personal: { approvedBy, reason }, ...data }),
    };
  };

  it('sets a later due date', () => spec(given).when(command('ApproveCeremonyDelay')).then([approved()]));

  it('refuses a due date that is not later than the current one (2024-07-01)', () =>
    spec(given)
      .when(command('ApproveCeremonyDelay', { newDueOn: '2024-07-01' }))
      .thenThrows('EXTENSION_NOT_ALLOWED', { dueOn: '2024-07-01' }));

  it('refuses a due date on a day off', () =>
    spec(given)
      .when(command('ApproveCeremonyDelay', { newDueOn: '2024-09-02' }))
      .thenThrows('EXTENSION_NOT_ALLOWED', { newDueOn: '2024-09-02' }));

  it('a second approval must go beyond the first', () =>
    spec([...given, approved()])
      .when(command('ApproveCeremonyDelay', { approvedOn: '2024-07-30', newDueOn: '2024-07-31' }))
      .thenThrows('EXTENSION_NOT_ALLOWED'));

  it('cannot be dated before the decision', () =>
    spec(given)
      .when(command('ApproveCeremonyDelay', { approvedOn: '2024-05-14' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP'));

  it('comes before the ceremony', () =>
    spec(eventsThrough('HoldCeremony')).when(command('ApproveCeremonyDelay')).thenThrows('STEP_OUT_OF_ORDER'));
});
