import { renderLines } from '../messages/catalogue';
import { explainDueDate } from './explain-due-date';
import { createVietnamCalendar } from './vn-calendar';

describe('explainDueDate', () => {
  const calendar = createVietnamCalendar();
  const english = (from: string, days: number) =>
    renderLines(explainDueDate(calendar.addWorkingDays(from, days)), 'en');

  it('explains the worked example: due date, the holidays skipped with sources, weekends counted, the make-up Saturday', () => {
    expect(english('2024-03-07', 60).split('\n')).toEqual([
      'Due date: Tuesday 2024-06-04.',
      'Skipped 4 holidays and official days off:',
      '- Thursday 2024-04-18: Giỗ Tổ Hùng Vương (10/3 lunar) [BLLĐ 2019 Art. 112]',
      '- Monday 2024-04-29: Day off swapped with Sat 4/5 (30/4–1/5 break, Sat 27/4 – Wed 1/5) [Văn bản 2450/VPCP-KGVX 12/4/2024 (approving 1511/BLĐTBXH-CATLĐ 11/4/2024)]',
      '- Tuesday 2024-04-30: Ngày Chiến thắng [BLLĐ 2019 Art. 112]',
      '- Wednesday 2024-05-01: Quốc tế Lao động [BLLĐ 2019 Art. 112]',
      'Skipped 25 weekend days.',
      'Counted as working days (official make-up working days): Saturday 2024-05-04.',
    ]);
  });

  it('explains the same in Vietnamese, the default language, with the dates as dd/mm/yyyy', () => {
    expect(renderLines(explainDueDate(calendar.addWorkingDays('2024-03-07', 60)), 'vi').split('\n')).toEqual([
      'Hạn chót: Thứ Ba, ngày 04/06/2024.',
      'Đã bỏ qua 4 ngày nghỉ lễ và ngày nghỉ chính thức:',
      '- Thứ Năm, ngày 18/04/2024: Giỗ Tổ Hùng Vương (10/3 lunar) [căn cứ: BLLĐ 2019 Art. 112]',
      '- Thứ Hai, ngày 29/04/2024: Day off swapped with Sat 4/5 (30/4–1/5 break, Sat 27/4 – Wed 1/5) [căn cứ: Văn bản 2450/VPCP-KGVX 12/4/2024 (approving 1511/BLĐTBXH-CATLĐ 11/4/2024)]',
      '- Thứ Ba, ngày 30/04/2024: Ngày Chiến thắng [căn cứ: BLLĐ 2019 Art. 112]',
      '- Thứ Tư, ngày 01/05/2024: Quốc tế Lao động [căn cứ: BLLĐ 2019 Art. 112]',
      'Đã bỏ qua 25 ngày nghỉ cuối tuần.',
      'Được tính là ngày làm việc (ngày làm bù chính thức): Thứ Bảy, ngày 04/05/2024.',
    ]);
  });

  it('says when no holiday was skipped and does not list weekends one by one', () => {
    const text = english('2024-06-04', 30);
    expect(text).toBe(
      'Due date: Tuesday 2024-07-16.\nNo holiday or official day off in the period.\nSkipped 12 weekend days.',
    );
    expect(renderLines(explainDueDate(calendar.addWorkingDays('2024-06-04', 30)), 'vi')).toBe(
      'Hạn chót: Thứ Ba, ngày 16/07/2024.\n' +
        'Không có ngày nghỉ lễ hay ngày nghỉ chính thức nào trong thời hạn.\n' +
        'Đã bỏ qua 12 ngày nghỉ cuối tuần.',
    );
  });

  it('lists holidays that fall on a weekend and carries the warning of a year without a data file', () => {
    const text = english('2027-02-04', 1);
    expect(text).toContain('Skipped 7 holidays and official days off:');
    expect(text).toContain(
      '- Saturday 2027-02-06: Tết Âm lịch (mùng 1) [BLLĐ 2019 Art. 112(1); statutory base computed with date-holidays (VN)]',
    );
    expect(text).toContain(
      '- Thursday 2027-02-11: Day off in lieu of Tết Âm lịch (mùng 2) (2027-02-07, a weekend day) [BLLĐ 2019 Art. 111(3)]',
    );
    expect(text).toContain('Skipped 0 weekend days.');
    expect(text).toMatch(/Warning: 2027: no official data file; statutory holidays only \(date-holidays\)\.$/);
  });
});
