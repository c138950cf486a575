import type { YearData } from './year-data';
import { createVietnamCalendar } from './vn-calendar';

const NO_2027 = '2027: no official data file; statutory holidays only (date-holidays)';

const file2027 = (days: YearData['days']): YearData => ({
  year: 2027,
  description: 'operator test file',
  sources: ['test notice'],
  days,
});
const off = (date: string, occasion = 'Tết Đinh Mùi'): YearData['days'][number] => ({
  date,
  kind: 'off',
  occasion,
  source: 'test notice',
});

describe('a year without a data file (2027)', () => {
  const calendar = createVietnamCalendar();

  it('warns on every result that touches the year, and only then', () => {
    expect(calendar.addWorkingDays('2026-12-28', 5).warnings).toContain(NO_2027);
    expect(calendar.addWorkingDays('2027-03-01', 1).warnings).toEqual([NO_2027]);
    expect(calendar.addWorkingDays('2026-12-01', 5).warnings).toEqual([]);
    expect(calendar.describe('2027-03-01').reason).toContain(NO_2027);
  });

  it('gives a 5-day Tết break (5–9 February: last day of the old year to mùng 4) plus two days in lieu of its weekend', () => {
    const days = ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
    expect(days.map((d) => calendar.isWorkingDay(d))).toEqual([true, false, false, false, false, false, true]);
    const due = calendar.addWorkingDays('2027-02-04', 1);
    expect(due.date).toBe('2027-02-12');
    expect(due.skippedDays).toHaveLength(7);
    expect(due.skippedDays[1]).toEqual({
      date: '2027-02-06',
      reason: 'Tết Âm lịch (mùng 1)',
      source: 'BLLĐ 2019 Art. 112(1); statutory base computed with date-holidays (VN)',
    });
  });
});

describe('operator year files', () => {
  it('a 2027 file replaces the statutory fallback and removes the warning', () => {
    const days = ['2027-02-03', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map((d) =>
      off(d),
    );
    const calendar = createVietnamCalendar({ years: [file2027(days)] });
    expect(calendar.isWorkingDay('2027-02-03')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-11')).toBe(true);
    expect(calendar.addWorkingDays('2027-02-02', 1)).toMatchObject({ date: '2027-02-11', warnings: [] });
  });

  it('a later file for the same year replaces the earlier one and the built-in one', () => {
    const first = file2027([off('2027-03-01')]);
    const second = file2027([off('2027-03-02')]);
    const calendar = createVietnamCalendar({ years: [first, second] });
    expect([calendar.isWorkingDay('2027-03-01'), calendar.isWorkingDay('2027-03-02')]).toEqual([true, false]);

    const replaced2024 = {
      year: 2024,
      description: 'replacement',
      sources: ['test notice'],
      days: [off('2024-05-02', 'extra day off')],
    };
    const replaced = createVietnamCalendar({ years: [replaced2024] });
    expect(replaced.isWorkingDay('2024-04-18')).toBe(true);
    expect(replaced.isWorkingDay('2024-05-04')).toBe(false);
    expect(replaced.addWorkingDays('2024-03-07', 60).date).toBe('2024-05-31');
  });

  it('rejects a malformed file with a RangeError naming the fault', () => {
    const bad = (days: unknown[]): YearData => ({ ...file2027([]), days: days as YearData['days'] });
    expect(() => createVietnamCalendar({ years: [bad([off('2028-01-03')])] })).toThrow(/2028-01-03 is not in 2027/);
    expect(() => createVietnamCalendar({ years: [bad([off('2027-03-01'), off('2027-03-01')])] })).toThrow(
      /listed twice/,
    );
    expect(() => createVietnamCalendar({ years: [bad([{ ...off('2027-03-01'), kind: 'holiday' }])] })).toThrow(/kind/);
    expect(() => createVietnamCalendar({ years: [bad([{ ...off('2027-03-01'), source: '' }])] })).toThrow(/source/);
    expect(() => createVietnamCalendar({ years: [{ ...file2027([]), year: 27 }] })).toThrow(RangeError);
  });
});
