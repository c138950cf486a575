import type { ObligationCode } from '../dossier/commands';
import type { MessageText } from './message-text';

/**
 * The explanation of a due date (`explainDueDate`) and of a deadline (`explainObligation`), one message
 * a line, in the words of the Labour Code and the notices (ngày làm việc, ngày nghỉ lễ, ngày làm bù).
 * Dates are legal dates (`dd/mm/yyyy` in Vietnamese); a holiday's name and its source are shown as the
 * calendar data writes them.
 */
export const CALENDAR_MESSAGES = {
  'weekday.sunday': { vi: 'Chủ nhật', en: 'Sunday' },
  'weekday.monday': { vi: 'Thứ Hai', en: 'Monday' },
  'weekday.tuesday': { vi: 'Thứ Ba', en: 'Tuesday' },
  'weekday.wednesday': { vi: 'Thứ Tư', en: 'Wednesday' },
  'weekday.thursday': { vi: 'Thứ Năm', en: 'Thursday' },
  'weekday.friday': { vi: 'Thứ Sáu', en: 'Friday' },
  'weekday.saturday': { vi: 'Thứ Bảy', en: 'Saturday' },
  'calendar.dated': { vi: '{weekday}, ngày {date}', en: '{weekday} {date}' },
  'calendar.due-date': { vi: 'Hạn chót: {date}.', en: 'Due date: {date}.' },
  'calendar.no-days-off': {
    vi: 'Không có ngày nghỉ lễ hay ngày nghỉ chính thức nào trong thời hạn.',
    en: 'No holiday or official day off in the period.',
  },
  'calendar.days-off-one': {
    vi: 'Đã bỏ qua {count} ngày nghỉ lễ hoặc ngày nghỉ chính thức:',
    en: 'Skipped {count} holiday or official day off:',
  },
  'calendar.days-off': {
    vi: 'Đã bỏ qua {count} ngày nghỉ lễ và ngày nghỉ chính thức:',
    en: 'Skipped {count} holidays and official days off:',
  },
  'calendar.day-off': { vi: '- {date}: {reason} [căn cứ: {source}]', en: '- {date}: {reason} [{source}]' },
  'calendar.weekend-days-one': {
    vi: 'Đã bỏ qua {count} ngày nghỉ cuối tuần.',
    en: 'Skipped {count} weekend day.',
  },
  'calendar.weekend-days': {
    vi: 'Đã bỏ qua {count} ngày nghỉ cuối tuần.',
    en: 'Skipped {count} weekend days.',
  },
  'calendar.make-up-days': {
    vi: 'Được tính là ngày làm việc (ngày làm bù chính thức): {days}.',
    en: 'Counted as working days (official make-up working days): {days}.',
  },
  'calendar.warning': { vi: 'Cảnh báo: {warning}.', en: 'Warning: {warning}.' },
  'explain.admission-decision': {
    vi: 'Quyết định kết nạp',
    en: 'Admission decision (quyết định kết nạp)',
  },
  'explain.admission-ceremony': { vi: 'Lễ kết nạp', en: 'Admission ceremony (lễ kết nạp)' },
  'explain.recognition-review': {
    vi: 'Chi bộ xét công nhận đảng viên chính thức',
    en: 'Branch review for recognition (xét công nhận đảng viên chính thức)',
  },
  'explain.recognition-decision': {
    vi: 'Quyết định công nhận đảng viên chính thức',
    en: 'Recognition decision (quyết định công nhận đảng viên chính thức)',
  },
  'explain.certificate-validity': {
    vi: 'Thời hạn giá trị của giấy chứng nhận bồi dưỡng nhận thức về Đảng',
    en: 'Awareness-class certificate validity (giấy chứng nhận bồi dưỡng nhận thức về Đảng)',
  },
  'explain.dossier-freshness': {
    vi: 'Thời hạn giá trị của hồ sơ kết nạp',
    en: 'Dossier freshness (hồ sơ kết nạp)',
  },
  'explain.member-profile': {
    vi: 'Lý lịch đảng viên (nhắc việc)',
    en: "Party member's profile (lý lịch đảng viên), a reminder",
  },
  'explain.working-days': {
    vi: '{title}: {days} ngày làm việc kể từ ngày {startedOn} [{source}; bộ quy tắc {ruleSet}].',
    en: '{title}: {days} working days from {startedOn} [{source}; rule set {ruleSet}].',
  },
  'explain.working-days-extended': {
    vi: '{title}: {days} ngày làm việc kể từ ngày {startedOn} (kể cả {extendedBy} ngày gia hạn) [{source}; bộ quy tắc {ruleSet}].',
    en: '{title}: {days} working days from {startedOn} (including an extension of {extendedBy}) [{source}; rule set {ruleSet}].',
  },
  'explain.months': {
    vi: '{title}: {months} tháng kể từ ngày {startedOn}, đến ngày {dueOn} [{source}; bộ quy tắc {ruleSet}].',
    en: '{title}: {months} calendar months from {startedOn}, until {dueOn} [{source}; rule set {ruleSet}].',
  },
  'explain.months-warning': {
    vi: '{title}: {months} tháng kể từ ngày {startedOn}, đến ngày {dueOn} (chỉ cảnh báo, không chuyển Ủy ban Kiểm tra) [{source}; bộ quy tắc {ruleSet}].',
    en: '{title}: {months} calendar months from {startedOn}, until {dueOn} (a warning, not an escalation) [{source}; rule set {ruleSet}].',
  },
  'explain.reminders': { vi: 'Nhắc việc: {dates}.', en: 'Reminders: {dates}.' },
  'explain.status-open': { vi: 'Tình trạng: đang trong thời hạn.', en: 'Status: open.' },
  'explain.status-met': {
    vi: 'Tình trạng: đã thực hiện ngày {metOn}, đúng hạn.',
    en: 'Status: met on {metOn}, on time.',
  },
  'explain.status-met-late': {
    vi: 'Tình trạng: thực hiện muộn ngày {metOn}, sau hạn chót {days} ngày làm việc.',
    en: 'Status: met late on {metOn}, {days} working day(s) after the due date.',
  },
  'explain.status-breached': {
    vi: 'Tình trạng: quá hạn từ ngày {breachedOn}, chậm {days} ngày làm việc.',
    en: 'Status: overdue since {breachedOn}, {days} working day(s) late.',
  },
  'explain.status-breached-reported': {
    vi: 'Tình trạng: quá hạn từ ngày {breachedOn}, chậm {days} ngày làm việc; đã chuyển Ủy ban Kiểm tra.',
    en: 'Status: overdue since {breachedOn}, {days} working day(s) late; reported to the inspection committee.',
  },
  'explain.status-unknown': { vi: 'Tình trạng: không xác định.', en: 'Status: unknown.' },
  /**
   * An explanation stored as English text by a release before explanations were catalogue messages
   * (`InspectionCaseOpened` schema version 1): shown as it was written, said to be English in Vietnamese.
   */
  'explain.recorded': { vi: '{text}\n(ghi nhận bằng tiếng Anh)', en: '{text}' },
} as const satisfies Record<`${'weekday' | 'calendar'}.${string}` | `explain.${string}`, MessageText> &
  Record<`explain.${ObligationCode}`, MessageText>;
