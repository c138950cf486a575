import { fold, type GivenEvent } from '../testing/decider-spec';
import { calendar, command, eventsThrough, history, MAIN_LINE, type Overrides } from '../testing/fixtures';
import { renderLines } from '../messages/catalogue';
import { explainObligation } from './explain';

/** The explanation as an English reader reads it. */
const explained = (o: Parameters<typeof explainObligation>[0]): string => renderLines(explainObligation(o), 'en');
import { obligationsOf } from './obligations';

const find = (events: GivenEvent[], code: string, today?: string) =>
  obligationsOf(fold(events), calendar, { today }).find((o) => o.obligation === code);
const extension = {
  type: 'DecisionDeadlineExtended',
  data: {
    extendedOn: '2024-05-10',
    workingDays: 30,
    reason: 'r',
    obligation: 'admission-decision',
    ruleSet: 'qd24-2021',
  },
} as const;
const decidedOn = (date: string): Overrides => ({
  RecordAdmissionDecision: { decidedOn: date, receivedOn: undefined },
});

describe('admission-decision: the worked example of DOMAIN.md §3', () => {
  const branch = eventsThrough('RecordBranchResolution');

  it('a branch resolution of Thursday 2024-03-07 is due Tuesday 2024-06-04, skipping Hùng Kings day and the 29/04–01/05 days off', () => {
    const o = find(branch, 'admission-decision', '2024-05-01');
    expect(o).toMatchObject({
      startedOn: '2024-03-07',
      dueOn: '2024-06-04',
      status: 'open',
      period: { workingDays: 60 },
      escalates: true,
      ruleSet: 'qd24-2021',
      makeUpDays: ['2024-05-04'],
    });
    const holidays = o?.skippedDays.filter((d) => d.source !== undefined).map((d) => d.date);
    expect(holidays).toEqual(['2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01']);
    expect(o?.remindOn).toEqual(['2024-05-21', '2024-05-30']);
  });

  it('extended by 30 working days, it is due Tuesday 2024-07-16', () =>
    expect(find([...branch, extension], 'admission-decision')).toMatchObject({
      dueOn: '2024-07-16',
      extendedBy: 30,
      period: { workingDays: 90 },
    }));

  it('explains the due date and the days it skipped', () => {
    const text = explained(find(branch, 'admission-decision', '2024-05-01') as never);
    expect(text).toContain('60 working days from 2024-03-07');
    expect(text).toContain('Due date: Tuesday 2024-06-04.');
    expect(text).toContain('Thursday 2024-04-18');
    expect(text).toContain('Saturday 2024-05-04');
    expect(text).toContain('Status: open.');
  });
});

describe('status of an obligation', () => {
  const branch = eventsThrough('RecordBranchResolution');

  it('is breached once today is after the due date, late in working days', () =>
    expect(find(branch, 'admission-decision', '2024-06-05')).toMatchObject({
      status: 'breached',
      breachedOn: '2024-06-05',
      workingDaysLate: 1,
    }));

  it('is open on the due date itself, and without a today', () => {
    expect(find(branch, 'admission-decision', '2024-06-04')).toMatchObject({ status: 'open' });
    expect(find(branch, 'admission-decision')).toMatchObject({ status: 'open' });
  });

  it('is met by a decision dated on the due date', () =>
    expect(
      find(eventsThrough('RecordAdmissionDecision', decidedOn('2024-06-04')), 'admission-decision', '2025-01-01'),
    ).toMatchObject({ status: 'met', metOn: '2024-06-04' }));

  it('is met late by a decision dated after it, counted in working days', () =>
    expect(find(eventsThrough('RecordAdmissionDecision', decidedOn('2024-06-06')), 'admission-decision')).toMatchObject(
      { status: 'met-late', metOn: '2024-06-06', workingDaysLate: 2 },
    ));

  it('is met by a refusal', () =>
    expect(
      find(
        eventsThrough('RecordAdmissionDecision', { RecordAdmissionDecision: { outcome: 'refused' } }),
        'admission-decision',
      ),
    ).toMatchObject({ status: 'met' }));

  it('is breached when a breach is recorded for its due date, until withdrawn', () => {
    const breach = {
      type: 'DeadlineBreached',
      data: {
        obligation: 'admission-decision',
        dueOn: '2024-06-04',
        breachedOn: '2024-06-05',
        workingDaysLate: 1,
        ruleSet: 'qd24-2021',
      },
    } as const;
    const withdrawn = {
      type: 'DeadlineBreachWithdrawn',
      data: {
        obligation: 'admission-decision',
        dueOn: '2024-06-04',
        withdrawnOn: '2024-06-06',
        reason: 'r',
        ruleSet: 'qd24-2021',
      },
    } as const;
    expect(find([...branch, breach], 'admission-decision')).toMatchObject({
      status: 'breached',
      breachedOn: '2024-06-05',
      workingDaysLate: 1,
    });
    expect(find([...branch, breach], 'admission-decision', '2024-06-07')).toMatchObject({
      status: 'breached',
      breachedOn: '2024-06-05',
      workingDaysLate: 3,
    });
    expect(find([...branch, breach, withdrawn], 'admission-decision')).toMatchObject({ status: 'open' });
  });

  it('keeps the recorded breach date on a step met late', () => {
    const breach = {
      type: 'DeadlineBreached',
      data: {
        obligation: 'admission-decision',
        dueOn: '2024-06-04',
        breachedOn: '2024-06-05',
        workingDaysLate: 1,
        ruleSet: 'qd24-2021',
      },
    } as const;
    const events = eventsThrough('RecordAdmissionDecision', decidedOn('2024-06-10'));
    expect(
      find([...events.slice(0, 8), breach, ...events.slice(8)] as GivenEvent[], 'admission-decision'),
    ).toMatchObject({ status: 'met-late', breachedOn: '2024-06-05', workingDaysLate: 4 });
  });

  it('is left out when the dossier closed before the due date, breached when it closed after', () => {
    const withdrawal = (withdrawnOn: string) =>
      ({ type: 'CandidateWithdrawn', data: { withdrawnOn, reason: 'r', ruleSet: 'qd24-2021' } }) as const;
    expect(find([...branch, withdrawal('2024-05-01')], 'admission-decision', '2025-01-01')).toBeUndefined();
    expect(find([...branch, withdrawal('2024-06-10')], 'admission-decision', '2025-01-01')).toMatchObject({
      status: 'breached',
      breachedOn: '2024-06-05',
      workingDaysLate: 4,
    });
    expect(
      find([...eventsThrough('RecordTraining'), withdrawal('2029-01-10')], 'certificate-validity', '2030-01-01'),
    ).toBeUndefined();
  });
});

describe('admission-ceremony', () => {
  it('starts when the branch received the decision, else on the decision date', () => {
    expect(find(eventsThrough('RecordAdmissionDecision'), 'admission-ceremony')).toMatchObject({
      startedOn: '2024-05-20',
      dueOn: '2024-07-01',
      status: 'open',
    });
    expect(find(eventsThrough('RecordAdmissionDecision', decidedOn('2024-05-15')), 'admission-ceremony')).toMatchObject(
      { startedOn: '2024-05-15' },
    );
  });

  it('takes the due date of the higher committee approval', () => {
    const approval = {
      type: 'CeremonyDelayApproved',
      data: { ...command('ApproveCeremonyDelay').data, ruleSet: 'qd24-2021' },
    } as const;
    const o = find([...eventsThrough('RecordAdmissionDecision'), approval], 'admission-ceremony', '2024-07-15');
    expect(o).toMatchObject({ dueOn: '2024-07-31', status: 'open' });
    expect(o?.skippedDays.length).toBeGreaterThan(0);
  });

  it('is met by the ceremony', () =>
    expect(find(eventsThrough('HoldCeremony'), 'admission-ceremony')).toMatchObject({
      status: 'met',
      metOn: '2024-06-10',
    }));

  it('does not exist after a refusal', () =>
    expect(
      find(
        eventsThrough('RecordAdmissionDecision', { RecordAdmissionDecision: { outcome: 'refused' } }),
        'admission-ceremony',
      ),
    ).toBeUndefined());
});

describe('recognition-review and recognition-decision', () => {
  it('the review is due 30 working days after probation ends, met by a review after it', () => {
    expect(find(eventsThrough('HoldCeremony'), 'recognition-review', '2025-06-01')).toMatchObject({
      startedOn: '2025-06-10',
      dueOn: '2025-07-22',
      status: 'open',
    });
    expect(find(eventsThrough('RecordRecognitionReview'), 'recognition-review')).toMatchObject({
      status: 'met',
      metOn: '2025-06-20',
    });
  });

  it('a ceremony on 2024-02-29 ends probation on 2025-02-28', () => {
    const leap: Overrides = {
      CollectOpinions: { collectedOn: '2024-01-15' },
      RecordBranchResolution: { meetingOn: '2024-01-20' },
      RecordCommitteeResolution: { adoptedOn: '2024-01-25' },
      RecordAdmissionDecision: { decidedOn: '2024-02-01', receivedOn: undefined },
      HoldCeremony: { heldOn: '2024-02-29' },
    };
    expect(find(eventsThrough('HoldCeremony', leap), 'recognition-review')).toMatchObject({
      startedOn: '2025-02-28',
      dueOn: '2025-04-14',
    });
  });

  it('the decision is due 30 working days after the review, plus an extension', () => {
    const ext = {
      type: 'DecisionDeadlineExtended',
      data: {
        extendedOn: '2025-07-01',
        workingDays: 10,
        reason: 'r',
        obligation: 'recognition-decision',
        ruleSet: 'qd294-2025',
      },
    } as const;
    expect(find(eventsThrough('RecordRecognitionReview'), 'recognition-decision')).toMatchObject({
      startedOn: '2025-06-20',
      dueOn: '2025-08-01',
    });
    expect(find([...eventsThrough('RecordRecognitionReview'), ext], 'recognition-decision')).toMatchObject({
      dueOn: '2025-08-15',
      extendedBy: 10,
    });
    expect(find(eventsThrough('RecordRecognitionDecision'), 'recognition-decision')).toMatchObject({
      status: 'met',
      metOn: '2025-07-15',
    });
  });
});

describe('calendar edge cases', () => {
  it('a period across the new year and Tết 2025 skips 1 January and the Tết days off', () => {
    const o = find(
      eventsThrough('RecordAdmissionDecision', {
        RecordAdmissionDecision: { decidedOn: '2024-06-01', receivedOn: '2024-12-20' },
      }),
      'admission-ceremony',
    );
    expect(o).toMatchObject({ startedOn: '2024-12-20', dueOn: '2025-02-10' });
    expect(o?.skippedDays.filter((d) => d.source).map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
  });

  it('a due date may land on a make-up Saturday (2024-05-04 counts as a working day)', () => {
    const o = find(
      eventsThrough('RecordBranchResolution', {
        CollectOpinions: { collectedOn: '2024-01-20' },
        RecordBranchResolution: { meetingOn: '2024-01-30' },
      }),
      'admission-decision',
    );
    expect(o).toMatchObject({ dueOn: '2024-05-04', makeUpDays: ['2024-05-04'] });
    expect(explained(o as never)).toContain('make-up working days): Saturday 2024-05-04');
  });

  it('a year without a data file is computed on the statutory base, with a warning', () => {
    const { state } = history(MAIN_LINE.slice(0, 8).map((t) => command(t)));
    const late = { ...state, branchResolution: { ...state.branchResolution!, meetingOn: '2027-03-01' } };
    const [o] = obligationsOf(late, calendar).filter((x) => x.obligation === 'admission-decision');
    expect(o.warnings.length).toBeGreaterThan(0);
    expect(explained(o)).toContain('Warning:');
  });
});

describe('calendar-month validity periods (warnings, not escalations)', () => {
  it('certificate-validity runs 60 months from issue and is met by the branch resolution', () => {
    expect(find(eventsThrough('RecordTraining'), 'certificate-validity', '2024-01-01')).toMatchObject({
      startedOn: '2023-10-20',
      dueOn: '2028-10-20',
      status: 'open',
      escalates: false,
      period: { months: 60 },
      skippedDays: [],
    });
    expect(find(eventsThrough('RecordBranchResolution'), 'certificate-validity')).toMatchObject({
      status: 'met',
      metOn: '2024-03-07',
    });
    expect(find(eventsThrough('RecordTraining'), 'certificate-validity', '2028-10-23')).toMatchObject({
      status: 'breached',
      escalates: false,
    });
  });

  it('dossier-freshness runs 12 months from the application', () => {
    const o = find(eventsThrough('SubmitApplication'), 'dossier-freshness', '2024-01-01');
    expect(o).toMatchObject({
      startedOn: '2023-11-01',
      dueOn: '2024-11-01',
      escalates: false,
      remindOn: ['2024-10-18', '2024-10-29'],
    });
    expect(explained(o as never)).toContain(
      '12 calendar months from 2023-11-01, until 2024-11-01 (a warning, not an escalation)',
    );
  });

  it('reminder days can be chosen; those before the start are dropped', () => {
    const state = fold(eventsThrough('RecordBranchResolution'));
    const [o] = obligationsOf(state, calendar, { reminderDays: [1, 59, 60, 0] }).filter(
      (x) => x.obligation === 'admission-decision',
    );
    expect(o.remindOn).toEqual(['2024-03-08', '2024-06-03']);
  });
});

describe('explainObligation', () => {
  it('explains in Vietnamese by default: the period, the due date and the status, the dates as dd/mm/yyyy', () => {
    const vi = (o: unknown) => renderLines(explainObligation(o as never), 'vi').split('\n');
    const open = vi(find(eventsThrough('RecordBranchResolution'), 'admission-decision', '2024-05-01'));
    expect(open[0]).toMatch(/^Quyết định kết nạp: 60 ngày làm việc kể từ ngày 07\/03\/2024 \[.+; bộ quy tắc .+\]\.$/);
    expect(open[1]).toBe('Hạn chót: Thứ Ba, ngày 04/06/2024.');
    expect(open).toContain('Được tính là ngày làm việc (ngày làm bù chính thức): Thứ Bảy, ngày 04/05/2024.');
    expect(open[open.length - 1]).toBe('Tình trạng: đang trong thời hạn.');
    expect(vi(find(eventsThrough('RecordBranchResolution'), 'admission-decision', '2024-06-05')).pop()).toBe(
      'Tình trạng: quá hạn từ ngày 05/06/2024, chậm 1 ngày làm việc; đã chuyển Ủy ban Kiểm tra.',
    );
  });

  it('states met, met late and breached in words', () => {
    expect(explained(find(eventsThrough('RecordAdmissionDecision'), 'admission-decision') as never)).toContain(
      'Status: met on 2024-05-15, on time.',
    );
    expect(
      explained(find(eventsThrough('RecordAdmissionDecision', decidedOn('2024-06-06')), 'admission-decision') as never),
    ).toContain('met late on 2024-06-06, 2 working day(s)');
    expect(
      explained(find(eventsThrough('RecordBranchResolution'), 'admission-decision', '2024-06-05') as never),
    ).toContain('overdue since 2024-06-05, 1 working day(s) late; reported to the inspection committee');
    expect(
      explained(find(eventsThrough('RecordTraining'), 'certificate-validity', '2030-01-01') as never),
    ).not.toContain('inspection committee');
  });
});
