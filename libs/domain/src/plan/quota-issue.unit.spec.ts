import { calendar } from '../testing';
import { quarterEnd, quotaIssueDay, quotaIssuesStreamId, quotaQuartersDue } from './quota-issue';

describe('quarterly quota report issue days', () => {
  it('ends each quarter on its last day', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd(2024, q as 1 | 2 | 3 | 4))).toEqual([
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
    ]);
  });

  it('issues on the first working day after the quarter (New Year and weekends skipped)', () => {
    expect(quotaIssueDay(2024, 1, calendar)).toBe('2024-04-01');
    expect(quotaIssueDay(2024, 4, calendar)).toBe('2025-01-02');
    expect(quotaIssueDay(2025, 2, calendar)).toBe('2025-07-01');
  });

  it('finds the quarters due by a day', () => {
    expect(quotaQuartersDue(2024, '2024-03-31', calendar)).toEqual([]);
    expect(quotaQuartersDue(2024, '2024-04-01', calendar)).toEqual([1]);
    expect(quotaQuartersDue(2024, '2025-01-01', calendar)).toEqual([1, 2, 3]);
    expect(quotaQuartersDue(2024, '2025-01-02', calendar)).toEqual([1, 2, 3, 4]);
  });

  it('keeps a stream per committee and year', () => {
    expect(quotaIssuesStreamId('dang-uy-xa-dong-tien', 2024)).toBe('quota-issues-dang-uy-xa-dong-tien-2024');
  });
});
