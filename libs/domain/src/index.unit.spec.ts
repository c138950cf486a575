import * as domain from '.';

describe('the public barrel of @ketnap/domain', () => {
  it('exposes the decider, the obligations and their data', () => {
    const {
      decide,
      evolve,
      initialState,
      obligationsOf,
      explainObligation,
      stageOn,
      eventLegalDate,
      eventRuleSet,
      createVietnamCalendar,
    } = domain;
    expect(
      [
        decide,
        evolve,
        initialState,
        obligationsOf,
        explainObligation,
        stageOn,
        eventLegalDate,
        eventRuleSet,
        createVietnamCalendar,
      ].every((f) => typeof f === 'function'),
    ).toBe(true);
    expect(domain.dossierDecider).toEqual({ decide, evolve, initialState });
    expect(domain.STEP_COMMANDS.correction).toBe('CorrectStep');
    expect(domain.RULE_SETS.map((s) => s.id)).toEqual(['qd24-2021', 'qd232-2025', 'qd294-2025']);
    expect(domain.STAGES).toHaveLength(13);
    expect(domain.OBLIGATION_CODES).toHaveLength(7);
  });

  it('runs a nomination end to end through the barrel', () => {
    const calendar = domain.createVietnamCalendar();
    const units = new Map<string, domain.OrgUnit>([
      ['b', { unitId: 'b', name: 'Chi bộ B', kind: 'branch' }],
      ['m', { unitId: 'm', name: 'Đoàn TN', kind: 'mass-org' }],
    ]);
    const ctx = {
      now: domain.startOfLegalDate('2024-01-02'),
      actor: { sub: 'a', role: 'office', unitIds: [] },
      calendar,
      units: (id: string) => units.get(id),
    };
    const command = {
      type: 'NominateCandidate' as const,
      data: {
        candidate: {
          fullName: 'A',
          birthDate: '2000-01-01',
          gender: 'male' as const,
          ethnicity: 'Kinh',
          educationLevel: 'university' as const,
        },
        branchId: 'b',
        nominatedBy: 'm',
        nominatedOn: '2024-01-02',
      },
    };
    const [event] = domain.decide(command, domain.initialState(), ctx);
    const state = domain.evolve(domain.initialState(), { ...event, eventId: 'x' });
    expect([domain.eventLegalDate(event), domain.eventRuleSet(event), state.stage]).toEqual([
      '2024-01-02',
      'qd24-2021',
      'nominated',
    ]);
  });
});
