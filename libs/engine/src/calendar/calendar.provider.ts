import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { createVietnamCalendar, parseYearData, type WorkingDayCalendar, type YearData } from '@ketnap/domain';
import { ConfigError, type KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';

/** Symbol token of the engine's {@link WorkingDayCalendar}. */
export const CALENDAR = Symbol('CALENDAR');

/**
 * The Vietnamese working-day calendar: the built-in years plus every `*.json` year file in
 * `KETNAP_CALENDAR_DIR`, which replaces the built-in file of the same year. A bad file stops the start
 * with its name.
 */
export function loadCalendar(config: Pick<KetnapConfig, 'calendarDir' | 'optionalDaysOff'>): WorkingDayCalendar {
  const years: YearData[] = [];
  if (existsSync(config.calendarDir)) {
    for (const file of readdirSync(config.calendarDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const path = join(config.calendarDir, file);
      try {
        years.push(parseYearData(JSON.parse(readFileSync(path, 'utf8')), path));
      } catch (error) {
        throw new ConfigError(
          'KETNAP_CALENDAR_DIR',
          `${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  try {
    return createVietnamCalendar({ years, enableOptional: config.optionalDaysOff });
  } catch (error) {
    throw new ConfigError('KETNAP_OPTIONAL_DAYS_OFF', error instanceof Error ? error.message : String(error));
  }
}

export const calendarProvider: Provider = { provide: CALENDAR, inject: [KETNAP_CONFIG], useFactory: loadCalendar };
