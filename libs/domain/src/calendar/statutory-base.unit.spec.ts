import { dayOfWeek } from '../time/local-date';
import { lunarHolidays, statutoryDaysOff, vietnamHolidays } from './statutory-base';
import { lunarToSolar } from './testing/vn-lunar-reference';

const hd = vietnamHolidays();

/**
 * Tết (lunar 1/1) and Hùng Kings (lunar 10/3) in the Vietnamese calendar (UTC+7). 2030 is a year where
 * the Vietnamese and Chinese calendars differ: the new moon of 2 February 2030 falls at about 23:07
 * in Hanoi but 00:07 on 3 February in Beijing, so Tết Canh Tuất is 2030-02-02 in Vietnam and
 * Chinese New Year is 2030-02-03 (python-holidays lists the same exception).
 */
const VIETNAMESE_LUNAR: Record<number, [string, string]> = {
  2024: ['2024-02-10', '2024-04-18'],
  2025: ['2025-01-29', '2025-04-07'],
  2026: ['2026-02-17', '2026-04-26'],
  2027: ['2027-02-06', '2027-04-16'],
  2028: ['2028-01-26', '2028-04-04'],
  2029: ['2029-02-13', '2029-04-23'],
  2030: ['2030-02-02', '2030-04-12'],
};

describe("date-holidays' Vietnamese lunar dates", () => {
  it.each(Object.entries(VIETNAMESE_LUNAR))(
    '%s: Tết and Giỗ Tổ Hùng Vương match the Vietnamese calendar',
    (y, [tet, hung]) => {
      expect(lunarHolidays(Number(y), hd)).toEqual({ lunarNewYear: tet, hungKings: hung });
    },
  );

  it('uses UTC+7, not the Chinese calendar: Tết 2030 is 2 February, Chinese New Year 3 February', () => {
    expect(lunarToSolar(1, 1, 2030, 7)).toBe('2030-02-02');
    expect(lunarToSolar(1, 1, 2030, 8)).toBe('2030-02-03');
    expect(lunarToSolar(1, 1, 2007, 7)).toBe('2007-02-17');
    expect(lunarToSolar(1, 1, 2007, 8)).toBe('2007-02-18');
    expect(lunarHolidays(2007, hd).lunarNewYear).toBe('2007-02-17');
  });

  it('agrees with the reference algorithm (UTC+7) for every year 2024–2049', () => {
    const disagreements: unknown[] = [];
    for (let y = 2024; y <= 2049; y += 1) {
      const reference = { lunarNewYear: lunarToSolar(1, 1, y), hungKings: lunarToSolar(10, 3, y) };
      const computed = lunarHolidays(y, hd);
      if (computed.lunarNewYear !== reference.lunarNewYear || computed.hungKings !== reference.hungKings) {
        disagreements.push({ y, computed, reference });
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('statutory base (no data file)', () => {
  const datesOf = (year: number): string[] => statutoryDaysOff(year, hd).map((d) => d.date);

  it('2027: 1/1, a 5-day Tết, Hùng Kings, 30/4, 1/5, 1/9–2/9, and a weekday in lieu of each weekend holiday', () => {
    expect(datesOf(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-01',
      '2027-09-02',
    ]);
    const lieu = statutoryDaysOff(2027, hd).filter((d) => d.source === 'BLLĐ 2019 Art. 111(3)');
    expect(lieu.map((d) => d.date)).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it('chains days in lieu past other holidays: 30/4/2028 on a Sunday gives Tuesday 2/5, and 1/1 on a Saturday gives Monday 3/1', () => {
    expect(datesOf(2028)).toEqual(expect.arrayContaining(['2028-01-03', '2028-04-30', '2028-05-01', '2028-05-02']));
    expect(datesOf(2028)).not.toContain('2028-01-04');
  });

  it('takes 1/9 as the day adjacent to 2/9, moved to 3/9 when 1/9 is a Sunday (as the 2024 notice did)', () => {
    expect(dayOfWeek('2030-09-01')).toBe(0);
    expect(datesOf(2030)).toEqual(expect.arrayContaining(['2030-09-02', '2030-09-03']));
    expect(datesOf(2030)).not.toContain('2030-09-04');
  });

  it('gives Tết as exactly five consecutive days starting the day before lunar 1/1', () => {
    for (const [y, [tet]] of Object.entries(VIETNAMESE_LUNAR)) {
      const tetDays = statutoryDaysOff(Number(y), hd).filter((d) => d.occasion.startsWith('Tết Âm lịch'));
      expect(tetDays).toHaveLength(5);
      expect(tetDays[1].date).toBe(tet);
    }
  });
});
