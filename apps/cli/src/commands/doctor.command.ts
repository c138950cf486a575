import { existsSync, readFileSync, readdirSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  BUILTIN_YEARS,
  errorMessageOf,
  isLocalizable,
  legalDateOf,
  parseYearData,
  type MessageKey,
  type MessageParams,
} from '@ketnap/domain';
import {
  REDIS_CHECK_MS,
  authSecretPath,
  loadCalendar,
  loadRuleSets,
  sqlitePath,
  type KetnapConfig,
} from '@ketnap/engine';
import { pingRedis } from '@ketnap/scheduling';
import { SqliteEventStore } from '@ketnap/event-store';
import { cliLocale, say } from '../cli-text';
import { cliConfig } from '../cli-config';

type Status = 'ok' | 'warn' | 'fail';
interface Check {
  status: Status;
  key: MessageKey;
  params?: MessageParams;
}

const LOW_DISK_BYTES = 1024 ** 3;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

async function storeCheck(config: KetnapConfig): Promise<Check> {
  if (config.eventStore === 'memory') return { status: 'warn', key: 'cli.doctor.storeMemory' };
  const path = sqlitePath(config);
  if (!existsSync(path)) return { status: 'warn', key: 'cli.doctor.storeMissing', params: { path } };
  try {
    const store = new SqliteEventStore({ path, readonly: true });
    try {
      return { status: 'ok', key: 'cli.doctor.storeOk', params: { path, events: await store.headPosition() } };
    } finally {
      await store.close();
    }
  } catch (error) {
    return { status: 'fail', key: 'cli.doctor.storeBad', params: { path, reason: errorText(error) } };
  }
}

async function redisCheck(config: KetnapConfig): Promise<Check> {
  if (!config.redisUrl) return { status: 'ok', key: 'cli.doctor.redisUnset' };
  const url = config.redisUrl.replace(/\/\/[^@/]*@/, '//…@');
  try {
    await pingRedis(config.redisUrl, REDIS_CHECK_MS);
    return { status: 'ok', key: 'cli.doctor.redisOk', params: { url } };
  } catch (error) {
    return { status: 'fail', key: 'cli.doctor.redisBad', params: { url, reason: errorText(error) } };
  }
}

function calendarCheck(config: KetnapConfig, now: Date): Check {
  try {
    loadCalendar(config);
  } catch (error) {
    return { status: 'fail', key: 'cli.doctor.configBad', params: { detail: errorText(error) } };
  }
  const years = new Set(BUILTIN_YEARS.map((y) => y.year));
  if (existsSync(config.calendarDir))
    for (const file of readdirSync(config.calendarDir).filter((f) => f.endsWith('.json')))
      years.add(parseYearData(JSON.parse(readFileSync(join(config.calendarDir, file), 'utf8')), file).year);
  const year = Number(legalDateOf(now).slice(0, 4));
  const covered = [...years].sort((a, b) => a - b).map(String);
  const missing = [year, year + 1].filter((y) => !years.has(y)).map(String);
  return missing.length === 0
    ? { status: 'ok', key: 'cli.doctor.calendarOk', params: { years: covered } }
    : {
        status: 'warn',
        key: 'cli.doctor.calendarMissing',
        params: { years: covered, missing: missing.join(', '), dir: config.calendarDir },
      };
}

/** The rule sets in force, and which come from the operator's folder; a bad file fails, named. */
function rulesCheck(config: KetnapConfig): Check {
  try {
    const rules = loadRuleSets(config);
    const sets = rules.sets.map((s) => s.id);
    const operator = [...rules.operatorFiles.values()].map((file) => file.slice(config.rulesDir.length + 1));
    return operator.length === 0
      ? { status: 'ok', key: 'cli.doctor.rulesBuiltIn', params: { sets, dir: config.rulesDir } }
      : { status: 'ok', key: 'cli.doctor.rulesOperator', params: { sets, dir: config.rulesDir, operator } };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = isLocalizable(cause) ? errorMessageOf(cause, cliLocale()) : errorText(error);
    return { status: 'fail', key: 'cli.doctor.rulesBad', params: { detail } };
  }
}

function diskCheck(config: KetnapConfig): Check {
  if (!existsSync(config.dataDir))
    return { status: 'warn', key: 'cli.doctor.diskUnknown', params: { dir: config.dataDir } };
  const fs = statfsSync(config.dataDir);
  const free = fs.bavail * fs.bsize;
  const params = { free: Math.floor((free / 1024 ** 3) * 10) / 10, dir: config.dataDir };
  return free < LOW_DISK_BYTES
    ? { status: 'warn', key: 'cli.doctor.diskLow', params }
    : { status: 'ok', key: 'cli.doctor.diskOk', params };
}

function secretCheck(config: KetnapConfig): Check {
  if (config.authSecret) return { status: 'ok', key: 'cli.doctor.secretEnv' };
  const file = authSecretPath(config);
  if (!existsSync(file)) return { status: 'warn', key: 'cli.doctor.secretMissing', params: { file } };
  const mode = statSync(file).mode & 0o777;
  return mode & 0o077
    ? { status: 'fail', key: 'cli.doctor.secretMode', params: { file, mode: `0${mode.toString(8)}` } }
    : { status: 'ok', key: 'cli.doctor.secretOk', params: { file } };
}

/**
 * `ketnap doctor`: checks the configuration, the store (read-only), Redis when `REDIS_URL` is set,
 * the working-day calendar's years, the rule sets in force (and which the operator's folder gives), free
 * disk and the secret, and prints per check OK, WARN or FAIL
 * with what to fix. Changes nothing. Exit 0 when nothing failed, 1 otherwise.
 */
export function registerDoctor(program: Command, out: (line: string) => void): void {
  program
    .command('doctor')
    .description('check the configuration, store, Redis, calendar, rule sets, disk and secret, and say what to fix')
    .action(async () => {
      const label = { ok: say('cli.doctor.ok'), warn: say('cli.doctor.warn'), fail: say('cli.doctor.fail') };
      const width = Math.max(...Object.values(label).map((l) => l.length));
      const print = (name: MessageKey, check: Check) =>
        out(`${label[check.status].padEnd(width)}  ${say(name)}: ${say(check.key, check.params)}`);
      let config: KetnapConfig;
      try {
        config = cliConfig();
      } catch (error) {
        print('cli.doctor.config', {
          status: 'fail',
          key: 'cli.doctor.configBad',
          params: { detail: errorText(error) },
        });
        throw new Error(say('cli.doctor.summaryFail', { failures: 1 }));
      }
      const checks: Array<[MessageKey, Check]> = [
        [
          'cli.doctor.config',
          config.demoClockFile
            ? {
                status: 'warn',
                key: 'cli.doctor.demoClock',
                params: { now: config.startAt!.toISOString(), file: config.demoClockFile },
              }
            : {
                status: 'ok',
                key: 'cli.doctor.configOk',
                params: { store: config.eventStore, dataDir: config.dataDir },
              },
        ],
        ['cli.doctor.store', await storeCheck(config)],
        ['cli.doctor.redis', await redisCheck(config)],
        [
          'cli.doctor.calendar',
          calendarCheck(config, config.clock === 'manual' && config.startAt ? config.startAt : new Date()),
        ],
        ['cli.doctor.rules', rulesCheck(config)],
        ['cli.doctor.disk', diskCheck(config)],
        ['cli.doctor.secret', secretCheck(config)],
      ];
      for (const [name, check] of checks) print(name, check);
      const failures = checks.filter(([, c]) => c.status === 'fail').length;
      const warnings = checks.filter(([, c]) => c.status === 'warn').length;
      if (failures > 0) throw new Error(say('cli.doctor.summaryFail', { failures }));
      out(say('cli.doctor.summaryOk', { warnings }));
    });
}
