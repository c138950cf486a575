import { createVietnamCalendar } from './vn-calendar';

const holidaysOf = (skipped: { date: string; source?: string }[]): string[] =>
  skipped.filter((d) => d.source).map((d) => d.date);

describe('Vietnamese working-day calendar (official data 2024–2026)', () => {
  const calendar = createVietnamCalendar();

  it('gives the DOMAIN.md §3 worked example: 60 working days from Thursday 2024-03-07 is Tuesday 2024-06-04', () => {
    const due = calendar.addWorkingDays('2024-03-07', 60);
    expect(due.date).toBe('2024-06-04');
    expect(holidaysOf(due.skippedDays)).toEqual(['2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01']);
    expect(due.skippedDays.find((d) => d.date === '2024-04-18')).toEqual({
      date: '2024-04-18',
      reason: 'Giỗ Tổ Hùng Vương (10/3 lunar)',
      source: 'BLLĐ 2019 Art. 112',
    });
    expect(due.makeUpDays).toEqual(['2024-05-04']);
    expect(due.skippedDays.map((d) => d.date)).not.toContain('2024-05-04');
    expect(due.warnings).toEqual([]);
    expect(calendar.workingDaysBetween('2024-03-07', '2024-06-04')).toBe(60);
  });

  it('extends the worked example by 30 working days to Tuesday 2024-07-16', () => {
    expect(calendar.addWorkingDays('2024-06-04', 30).date).toBe('2024-07-16');
  });

  it('lists weekends as skipped days named by weekday, without a source', () => {
    const due = calendar.addWorkingDays('2024-03-07', 2);
    expect(due.date).toBe('2024-03-11');
    expect(due.skippedDays).toEqual([
      { date: '2024-03-09', reason: 'Saturday' },
      { date: '2024-03-10', reason: 'Sunday' },
    ]);
  });

  it('counts across New Year and Tết Ất Tỵ 2025 (27–31 January) from 2024-12-20', () => {
    const due = calendar.addWorkingDays('2024-12-20', 30);
    expect(due.date).toBe('2025-02-10');
    expect(holidaysOf(due.skippedDays)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    expect(due.skippedDays.find((d) => d.date === '2025-01-29')?.source).toContain('6150/TB-BLĐTBXH');
  });

  it('counts across Tết Bính Ngọ 2026 (16–20 February) from late January', () => {
    const due = calendar.addWorkingDays('2026-01-30', 20);
    expect(due.date).toBe('2026-03-06');
    expect(holidaysOf(due.skippedDays)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('can land exactly on a make-up Saturday, which is then the due date', () => {
    const newYear = calendar.addWorkingDays('2025-12-31', 6);
    expect(newYear.date).toBe('2026-01-10');
    expect(newYear.makeUpDays).toEqual(['2026-01-10']);
    expect(holidaysOf(newYear.skippedDays)).toEqual(['2026-01-01', '2026-01-02']);
    expect(calendar.addWorkingDays('2025-04-18', 6).date).toBe('2025-04-26');
    expect(calendar.addWorkingDays('2025-04-18', 7).date).toBe('2025-04-28');
  });

  it('treats a make-up Saturday as working and an ordinary Saturday as not', () => {
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-29')).toBe(false);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
    expect(calendar.describe('2025-04-26')).toEqual({
      date: '2025-04-26',
      working: true,
      reason: 'Make-up working day in exchange for Fri 2/5 (make-up Saturdays count as working days)',
      source: 'Thông báo 6150/TB-BLĐTBXH 03/12/2024; Văn bản 8726/VPCP-KGVX 26/11/2024',
    });
  });

  it('describes ordinary days, weekends and holidays', () => {
    expect(calendar.describe('2024-06-04')).toEqual({
      date: '2024-06-04',
      working: true,
      reason: 'Working day (Tuesday)',
    });
    expect(calendar.describe('2024-06-08')).toEqual({ date: '2024-06-08', working: false, reason: 'Saturday' });
    expect(calendar.describe('2026-04-27')).toMatchObject({ working: false, source: 'BLLĐ 2019 Art. 111(3)' });
  });

  it('returns `from` itself for 0 working days and counts negative spans backwards', () => {
    expect(calendar.addWorkingDays('2024-04-27', 0)).toEqual({
      date: '2024-04-27',
      skippedDays: [],
      makeUpDays: [],
      warnings: [],
    });
    expect(calendar.workingDaysBetween('2024-06-04', '2024-03-07')).toBe(-60);
    expect(calendar.workingDaysBetween('2024-05-03', '2024-05-03')).toBe(0);
  });

  it('rejects invalid dates and counts with a RangeError', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2024-13-01', 1)).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('07/03/2024', '2024-06-04')).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('2024-03-07', '2024-6-4')).toThrow(RangeError);
    expect(() => calendar.describe('')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2024-03-07', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2024-03-07', 1.5)).toThrow(RangeError);
  });
});

describe('Ngày Văn hóa Việt Nam, 2026-11-24 (optional, unconfirmed)', () => {
  it('is a working day by default, with a warning on results that cross it', () => {
    const calendar = createVietnamCalendar();
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
    const due = calendar.addWorkingDays('2026-11-23', 1);
    expect(due.date).toBe('2026-11-24');
    expect(due.warnings).toEqual([
      expect.stringContaining('2026-11-24 Ngày Văn hóa Việt Nam: counted as a working day'),
    ]);
  });

  it('is a day off when the operator enables it', () => {
    const calendar = createVietnamCalendar({ enableOptional: ['2026-11-24'] });
    expect(calendar.isWorkingDay('2026-11-24')).toBe(false);
    const due = calendar.addWorkingDays('2026-11-23', 1);
    expect(due.date).toBe('2026-11-25');
    expect(due.skippedDays).toEqual([expect.objectContaining({ date: '2026-11-24', reason: 'Ngày Văn hóa Việt Nam' })]);
    expect(due.warnings).toEqual([expect.stringContaining("counted as a day off on the operator's option")]);
  });

  it('refuses to enable a date that is not an optional entry', () => {
    expect(() => createVietnamCalendar({ enableOptional: ['2026-11-25'] })).toThrow(/not an optional day/);
    expect(() => createVietnamCalendar({ enableOptional: ['2026-01-01'] })).toThrow(RangeError);
    expect(() => createVietnamCalendar({ enableOptional: ['24/11/2026'] })).toThrow(RangeError);
  });
});
