import type { OrgUnit } from './org-unit';
import { planFromInput } from './plan-from-input';
import { renderMessage } from '../messages/catalogue';
import type { MessageRef } from '../messages/message-text';

/** The warnings as an English reader reads them. */
const english = (warnings: readonly MessageRef[]): string[] => warnings.map((w) => renderMessage(w, 'en'));

const catalog: OrgUnit[] = [
  { unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' },
  { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', block: 'rural' },
  { unitId: 'hoi-phu-nu', name: 'Hội Phụ nữ', kind: 'mass-org' },
];

describe('planFromInput (a plan sent as JSON)', () => {
  it('completes the quarters in order, sums them, places mass orgs in the coordination table and says what it filled in', () => {
    const plan = planFromInput(
      2025,
      {
        committeeId: 'dong-tien',
        units: [
          {
            unitId: 'lang-gia',
            quarters: [
              { quarter: 3, nominations: 1, admissions: 2 },
              { quarter: 1, nominations: 2, admissions: 0 },
            ],
          },
          {
            unitId: 'hoi-phu-nu',
            quarters: [1, 2, 3, 4].map((quarter) => ({ quarter: quarter as 1, nominations: 1, admissions: 0 })),
          },
        ],
        minimums: { total: 6 },
      },
      catalog,
    );
    expect(plan.units[0]).toEqual({
      unitId: 'lang-gia',
      name: 'Làng Gia',
      table: 'branches',
      quarters: [
        { quarter: 1, nominations: 2, admissions: 0 },
        { quarter: 2, nominations: 0, admissions: 0 },
        { quarter: 3, nominations: 1, admissions: 2 },
        { quarter: 4, nominations: 0, admissions: 0 },
      ],
      total: { nominations: 3, admissions: 2 },
    });
    expect(plan.units[1]).toMatchObject({ table: 'coordination', total: { nominations: 4, admissions: 0 } });
    expect(plan).toMatchObject({ year: 2025, committeeId: 'dong-tien', source: 'json', minimums: { total: 6 } });
    expect(english(plan.warnings)).toEqual(['unit lang-gia: no figures for Quý II, IV; read as 0']);
  });

  it('refuses ids the catalog does not hold, committee included, listing each once', () => {
    const input = {
      committeeId: 'xa-khac',
      units: [
        { unitId: 'lang-moi', quarters: [] },
        { unitId: 'lang-moi', quarters: [] },
      ],
    };
    expect(() => planFromInput(2025, input, catalog)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT', details: { unitIds: ['xa-khac', 'lang-moi'] } }),
    );
  });

  it('refuses units of the wrong kind: a committee that is not a party committee, a row that is neither a branch nor a mass organisation', () => {
    const input = {
      committeeId: 'lang-gia',
      units: [
        { unitId: 'dong-tien', quarters: [] },
        { unitId: 'hoi-phu-nu', quarters: [] },
      ],
    };
    expect(() => planFromInput(2025, input, catalog)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT', details: { unitIds: ['lang-gia', 'dong-tien'] } }),
    );
  });
});
