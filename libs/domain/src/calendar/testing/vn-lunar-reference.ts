import { fromDayNumber, type LocalDate } from '../../time/local-date';

/**
 * Test-only reference for lunar dates: Hồ Ngọc Đức's published conversion algorithm ("Âm lịch Việt
 * Nam"), the one Vietnamese calendars print, with the time zone as a parameter (UTC+7 for the
 * Vietnamese calendar, UTC+8 for the Chinese one). It checks `date-holidays` independently.
 */
const INT = Math.floor;
const DR = Math.PI / 180;
const EPOCH_JD = 2415021.076998695;
const SYNODIC = 29.530588853;

function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
}

function newMoon(k: number): number {
  const T = k / 1236.85;
  const [T2, T3] = [T * T, T * T * T];
  const jd1 =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * T2 -
    0.000000155 * T3 +
    0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * DR;
  const Mpr = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * DR;
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * DR;
  const c1 =
    (0.1734 - 0.000393 * T) * Math.sin(M) +
    0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mpr) +
    0.0161 * Math.sin(2 * Mpr) -
    0.0004 * Math.sin(3 * Mpr) +
    0.0104 * Math.sin(2 * F) -
    0.0051 * Math.sin(M + Mpr) -
    0.0074 * Math.sin(M - Mpr) +
    0.0004 * Math.sin(2 * F + M) -
    0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mpr) +
    0.001 * Math.sin(2 * F - Mpr) +
    0.0005 * Math.sin(2 * Mpr + M);
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * DR;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const DL =
    (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.00029 * Math.sin(3 * M);
  const L = (L0 + DL) * DR;
  return L - Math.PI * 2 * INT(L / (Math.PI * 2));
}

const sunSector = (day: number, tz: number): number => INT((sunLongitude(day - 0.5 - tz / 24) / Math.PI) * 6);
const newMoonDay = (k: number, tz: number): number => INT(newMoon(k) + 0.5 + tz / 24);

function lunarMonth11(year: number, tz: number): number {
  const k = INT((jdFromDate(31, 12, year) - 2415021) / SYNODIC);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - EPOCH_JD) / SYNODIC + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The solar date of lunar `day`/`month` (not a leap month) of lunar `year`, at UTC+`tz`. */
export function lunarToSolar(day: number, month: number, year: number, tz = 7): LocalDate {
  const [a11, b11] =
    month < 11
      ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)]
      : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)];
  const k = INT(0.5 + (a11 - EPOCH_JD) / SYNODIC);
  let off = month - 11 < 0 ? month + 1 : month - 11;
  if (b11 - a11 > 365 && off >= leapMonthOffset(a11, tz)) off += 1;
  return fromDayNumber(newMoonDay(k + off, tz) + day - 1 - 2440588);
}
