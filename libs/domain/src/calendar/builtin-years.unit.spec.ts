import { dayOfWeek } from '../time/local-date';
import { BUILTIN_YEARS } from './builtin-years';

const year = (y: number) => {
  const data = BUILTIN_YEARS.find((d) => d.year === y);
  if (!data) throw new Error(`no built-in ${y}`);
  return data;
};
const datesOf = (y: number, kind: 'off' | 'working', optional = false): string[] =>
  year(y)
    .days.filter((d) => d.kind === kind && (d.optional === true) === optional)
    .map((d) => d.date);

/** A notice number ("5015/TB-LĐTBXH", "80-NQ/TW") or a Labour Code article. */
const NOTICE_NUMBER = /\d+(?:-\p{Lu}+)?\/\p{Lu}[\p{Lu}-]*|BLLĐ 2019 Art\. \d+/gu;

describe('built-in year files, transcribed from /work/shared/data/vn-days-off-2024-2026.md', () => {
  it('ships 2024, 2025 and 2026 in date order, each entry citing a source listed in its file', () => {
    expect(BUILTIN_YEARS.map((d) => d.year)).toEqual([2024, 2025, 2026]);
    for (const data of BUILTIN_YEARS) {
      const dates = data.days.map((d) => d.date);
      expect(dates).toEqual([...dates].sort());
      const listed = data.sources.join(' | ');
      const uncited = data.days.filter((d) => {
        const numbers = d.source.match(NOTICE_NUMBER) ?? [];
        return numbers.length === 0
          ? !data.sources.some((s) => d.source.includes(s))
          : numbers.some((n) => !listed.includes(n));
      });
      expect(uncited).toEqual([]);
    }
  });

  it('2024: weekdays off and the make-up Saturday 4/5', () => {
    expect(datesOf(2024, 'off')).toEqual([
      '2024-01-01',
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ]);
    expect(datesOf(2024, 'working')).toEqual(['2024-05-04']);
  });

  it('2025: weekdays off and the make-up Saturday 26/4', () => {
    expect(datesOf(2025, 'off')).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(datesOf(2025, 'working')).toEqual(['2025-04-26']);
  });

  it('2026: weekdays off, make-up Saturdays 10/1 and 22/8, and 24/11 as an optional unconfirmed day off', () => {
    expect(datesOf(2026, 'off')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(datesOf(2026, 'working')).toEqual(['2026-01-10', '2026-08-22']);
    expect(year(2026).days.filter((d) => d.optional)).toEqual([
      expect.objectContaining({ date: '2026-11-24', confidence: 'unconfirmed' }),
    ]);
  });

  it('lists days off on weekdays and make-up days on Saturdays only', () => {
    const misplaced = BUILTIN_YEARS.flatMap((data) => data.days).filter((d) =>
      d.kind === 'working' ? dayOfWeek(d.date) !== 6 : dayOfWeek(d.date) === 0 || dayOfWeek(d.date) === 6,
    );
    expect(misplaced).toEqual([]);
  });

  it('marks only 2026-11-24 unconfirmed', () => {
    const unconfirmed = BUILTIN_YEARS.flatMap((d) => d.days).filter((d) => d.confidence !== 'confirmed');
    expect(unconfirmed.map((d) => d.date)).toEqual(['2026-11-24']);
  });
});
