export type { SkippedDay, WorkingDayCalendar, WorkingDayCount } from './calendar.port';
export { createVietnamCalendar, type VietnamCalendarOptions } from './vn-calendar';
export { explainDueDate } from './explain-due-date';
export { parseYearData, type DayConfidence, type DayEntry, type YearData } from './year-data';
export { BUILTIN_YEARS } from './builtin-years';
