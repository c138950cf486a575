import { deciderSpec } from '../../testing/decider-spec';
import { command, contextOn, eventsThrough } from '../../testing/fixtures';

const spec = deciderSpec(contextOn('2024-06-07'));
const branch = eventsThrough('RecordBranchResolution');
const breach = (data: object = {}) =>
  command('RecordDeadlineBreach', {
    obligation: 'admission-decision',
    dueOn: '2024-06-04',
    breachedOn: '2024-06-05',
    workingDaysLate: 1,
    ...data,
  });
const breached = {
  type: 'DeadlineBreached' as const,
  data: {
    obligation: 'admission-decision' as const,
    dueOn: '2024-06-04',
    breachedOn: '2024-06-05',
    workingDaysLate: 1,
    ruleSet: 'qd24-2021',
  },
};
const withdraw = command('WithdrawDeadlineBreach', {
  obligation: 'admission-decision',
  dueOn: '2024-06-04',
  reason: 'Hạn đã được gia hạn',
});

describe('deadline breach (saga-issued)', () => {
  it('records a breach of an overdue obligation', () => spec(branch).when(breach()).then([breached]));

  it('is idempotent for the same obligation and due date', () =>
    spec([...branch, breached])
      .when(breach({ breachedOn: '2024-06-06' }))
      .thenNothingHappened());

  it('can be recorded again after a withdrawal', () =>
    spec([
      ...branch,
      breached,
      {
        type: 'DeadlineBreachWithdrawn',
        data: {
          obligation: 'admission-decision',
          dueOn: '2024-06-04',
          withdrawnOn: '2024-06-06',
          reason: 'r',
          ruleSet: 'qd24-2021',
        },
      },
    ])
      .when(breach())
      .then([breached]));

  it('is refused before the obligation is overdue', () =>
    deciderSpec(contextOn('2024-06-04'))(branch)
      .when(breach({ breachedOn: '2024-06-04' }))
      .thenThrows('DEADLINE_NOT_BREACHED', { current: { dueOn: '2024-06-04', status: 'open' } }));

  it('is refused for a due date that is not the current one', () =>
    spec(branch)
      .when(breach({ dueOn: '2024-06-03' }))
      .thenThrows('DEADLINE_NOT_BREACHED', { dueOn: '2024-06-03' }));

  it('is refused for a validity period, which never escalates', () =>
    deciderSpec(contextOn('2028-11-01'))(eventsThrough('RecordTraining'))
      .when(breach({ obligation: 'certificate-validity', dueOn: '2028-10-20', breachedOn: '2028-10-21' }))
      .thenThrows('DEADLINE_NOT_BREACHED'));

  it('is refused for an obligation the dossier does not have', () =>
    spec(branch)
      .when(breach({ obligation: 'admission-ceremony' }))
      .thenThrows('DEADLINE_NOT_BREACHED'));

  it('is recorded for a step recorded late (met late)', () =>
    deciderSpec(contextOn('2024-06-20'))(
      eventsThrough('RecordAdmissionDecision', {
        RecordAdmissionDecision: { decidedOn: '2024-06-10', receivedOn: undefined },
      }),
    )
      .when(breach())
      .then([breached]));

  it('refuses a breach date after today or not after the due date', () => {
    spec(branch)
      .when(breach({ breachedOn: '2024-06-08' }))
      .thenThrows('DATE_IN_FUTURE');
    spec(branch)
      .when(breach({ breachedOn: '2024-06-04' }))
      .thenThrows('DEADLINE_NOT_BREACHED');
  });

  it('refuses an unknown obligation code', () =>
    spec(branch)
      .when(breach({ obligation: 'x' as never }))
      .thenThrows('INVALID_COMMAND'));

  it('needs a dossier', () => spec([]).when(breach()).thenThrows('DOSSIER_NOT_FOUND'));
});

describe('deadline breach withdrawn (saga-issued)', () => {
  it('withdraws a recorded breach, dated today', () =>
    spec([...branch, breached])
      .when(withdraw)
      .then([
        {
          type: 'DeadlineBreachWithdrawn',
          data: {
            obligation: 'admission-decision',
            dueOn: '2024-06-04',
            reason: 'Hạn đã được gia hạn',
            withdrawnOn: '2024-06-07',
            ruleSet: 'qd24-2021',
          },
        },
      ]));

  it('is idempotent when there is nothing to withdraw', () => spec(branch).when(withdraw).thenNothingHappened());
});
