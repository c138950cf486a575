import fc from 'fast-check';
import { daysBetween, fromDayNumber, toDayNumber } from '../time/local-date';
import { createVietnamCalendar } from './vn-calendar';

const calendar = createVietnamCalendar();
const dateIn2024to2027 = fc
  .integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2027-12-31') })
  .map(fromDayNumber);
const workingDays = fc.integer({ min: 0, max: 120 });

describe('working-day arithmetic (property-based, 2024–2027)', () => {
  it('lands on a working day after `from`, exactly n working days later', () => {
    fc.assert(
      fc.property(dateIn2024to2027, workingDays, (from, n) => {
        const due = calendar.addWorkingDays(from, n);
        if (n === 0) expect(due.date).toBe(from);
        else {
          expect(due.date > from).toBe(true);
          expect(calendar.isWorkingDay(due.date)).toBe(true);
        }
        expect(calendar.workingDaysBetween(from, due.date)).toBe(n);
        expect(calendar.workingDaysBetween(due.date, from)).toBe(0 - n);
      }),
      { numRuns: 300 },
    );
  });

  it('accounts for every day of the period: n working days plus the skipped days', () => {
    fc.assert(
      fc.property(dateIn2024to2027, workingDays, (from, n) => {
        const due = calendar.addWorkingDays(from, n);
        expect(daysBetween(from, due.date)).toBe(n + due.skippedDays.length);
        for (const s of due.skippedDays) {
          expect(s.date > from && s.date < due.date).toBe(true);
          expect(calendar.isWorkingDay(s.date)).toBe(false);
        }
        for (const m of due.makeUpDays) expect(calendar.isWorkingDay(m)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is additive: (a, c] = (a, b] + (b, c]', () => {
    fc.assert(
      fc.property(dateIn2024to2027, dateIn2024to2027, dateIn2024to2027, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, c)).toBe(
          calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(dateIn2024to2027, fc.integer({ min: 0, max: 119 }), (from, n) => {
        expect(calendar.addWorkingDays(from, n + 1).date > calendar.addWorkingDays(from, n).date).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
