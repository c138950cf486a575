import type { LoggerService, LogLevel } from '@nestjs/common';
import type { KetnapConfig, LogFormat, LogLevelName } from '../config/config';

const SEVERITY: Record<LogLevelName, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Nest's own start-up chatter (a line per module and per route): shown at `debug` only. */
const START_UP_DETAIL = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Vietnam keeps UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const STACK = /^.+\n\s+at .+/s;

/** Extra fields of a structured line (a request's method, route, status, …); never personal data. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface KetnapLoggerOptions {
  format: LogFormat;
  level: LogLevelName;
  /** Where lines go; default stdout, errors and warnings to stderr. */
  write?: (line: string, level: LogLevelName) => void;
  now?: () => Date;
}

/** `dd/mm/yyyy HH:mm:ss` in Vietnam time, whatever the machine's time zone. */
export function vietnamTime(instant: Date): string {
  const t = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 19)}`;
}

const defaultWrite = (line: string, level: LogLevelName) =>
  (SEVERITY[level] <= SEVERITY.warn ? process.stderr : process.stdout).write(`${line}\n`);

/**
 * The one logger of the API, the worker (process or thread) and the CLI's Nest contexts: JSON lines
 * with ISO timestamps for a log collector, or readable lines (`dd/mm/yyyy HH:mm:ss`, Vietnam time) for
 * a person at a terminal (`KETNAP_LOG_FORMAT`, `KETNAP_LOG_LEVEL`).
 */
export class KetnapLogger implements LoggerService {
  private least: number;
  private readonly write: (line: string, level: LogLevelName) => void;
  private readonly now: () => Date;

  constructor(private readonly options: KetnapLoggerOptions) {
    this.least = SEVERITY[options.level];
    this.write = options.write ?? defaultWrite;
    this.now = options.now ?? (() => new Date());
  }

  static of(config: Pick<KetnapConfig, 'logFormat' | 'logLevel'>): KetnapLogger {
    return new KetnapLogger({ format: config.logFormat, level: config.logLevel });
  }

  isEnabled(level: LogLevelName): boolean {
    return SEVERITY[level] <= this.least;
  }

  /** One line with fields of its own: JSON keys, or on a terminal `key=value` for those the message does not show. */
  entry(level: LogLevelName, context: string, message: string, fields: LogFields = {}, stack?: string): void {
    if (!this.isEnabled(level)) return;
    const now = this.now();
    if (this.options.format === 'json') {
      this.write(JSON.stringify({ time: now.toISOString(), level, context, msg: message, ...fields, stack }), level);
      return;
    }
    const extra = Object.entries(fields)
      .filter(([, value]) => value !== undefined && !message.includes(String(value)))
      .map(([key, value]) => ` ${key}=${String(value)}`)
      .join('');
    const tail = stack ? `\n${stack}` : '';
    this.write(`${vietnamTime(now)} ${level.toUpperCase().padEnd(5)} [${context}] ${message}${extra}${tail}`, level);
  }

  log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    this.print(START_UP_DETAIL.has(context) ? 'debug' : 'info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.print('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.print('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.print('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.print('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.print('debug', message, params);
  }

  /** Nest's `logger: ['error', 'warn']` option: the least severe of the levels named. */
  setLogLevels(levels: LogLevel[]): void {
    const named = levels.map((level): LogLevelName => {
      if (level === 'fatal') return 'error';
      if (level === 'log') return 'info';
      return level === 'verbose' ? 'debug' : level;
    });
    this.least = Math.max(0, ...named.map((level) => SEVERITY[level]));
  }

  private print(level: LogLevelName, message: unknown, params: unknown[]): void {
    if (!this.isEnabled(level)) return;
    const rest = [...params];
    const context =
      typeof rest.at(-1) === 'string' && (rest.length > 1 || !STACK.test(rest[0] as string)) ? rest.pop() : '';
    let stack = rest.find((param): param is string => typeof param === 'string' && STACK.test(param));
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      stack ??= message.stack;
    } else {
      text = typeof message === 'string' ? message : (JSON.stringify(message) ?? String(message));
    }
    this.entry(level, (context as string) || 'ketnap', text, {}, stack);
  }
}

function contextOf(params: unknown[]): string {
  const last = params.at(-1);
  return typeof last === 'string' ? last : '';
}
