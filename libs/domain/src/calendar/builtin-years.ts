import vn2024 from './data/vn-2024.json';
import vn2025 from './data/vn-2025.json';
import vn2026 from './data/vn-2026.json';
import { parseYearData, type YearData } from './year-data';

/**
 * The verified official calendars shipped with ketnap (2024–2026), one JSON file per year under
 * `data/`, transcribed from the notices each entry cites. An operator's file for the same year
 * replaces the built-in one (`createVietnamCalendar({ years })`).
 */
export const BUILTIN_YEARS: readonly YearData[] = [vn2024, vn2025, vn2026].map((raw) =>
  parseYearData(raw, 'built-in data/vn-YYYY.json'),
);
