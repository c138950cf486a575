import { KetnapLogger, vietnamTime } from './ketnap-logger';
import type { LogFormat, LogLevelName } from '../config/config';

const AT = new Date('2026-12-06T05:01:08.250Z');

function logger(format: LogFormat, level: LogLevelName = 'info') {
  const lines: string[] = [];
  return { lines, log: new KetnapLogger({ format, level, now: () => AT, write: (line) => lines.push(line) }) };
}

describe('KetnapLogger', () => {
  it('writes JSON lines with an ISO timestamp, the level, the context and the message', () => {
    const { lines, log } = logger('json');
    log.log('ketnap listening on port 3000', 'ketnap');
    log.warn('slow', 'http');
    log.entry('warn', 'http', 'GET /api/v1/dossiers/:id 200', { method: 'GET', status: 200, ms: 1200.5 });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: '2026-12-06T05:01:08.250Z', level: 'info', context: 'ketnap', msg: 'ketnap listening on port 3000' },
      { time: '2026-12-06T05:01:08.250Z', level: 'warn', context: 'http', msg: 'slow' },
      {
        time: '2026-12-06T05:01:08.250Z',
        level: 'warn',
        context: 'http',
        msg: 'GET /api/v1/dossiers/:id 200',
        method: 'GET',
        status: 200,
        ms: 1200.5,
      },
    ]);
  });

  it('writes readable lines on a terminal: dd/mm/yyyy HH:mm:ss in Vietnam time (UTC+7)', () => {
    const { lines, log } = logger('pretty');
    log.log('sweep: 0 due dossier(s)', 'Deadlines');
    log.entry('info', 'http', 'GET /health 200', { status: 200, requestId: 'trace-42' });
    expect(lines).toEqual([
      '06/12/2026 12:01:08 INFO  [Deadlines] sweep: 0 due dossier(s)',
      '06/12/2026 12:01:08 INFO  [http] GET /health 200 requestId=trace-42',
    ]);
    expect(vietnamTime(new Date('2024-12-31T17:00:00Z'))).toBe('01/01/2025 00:00:00');
  });

  it("keeps Nest's per-module and per-route start-up lines for the debug level", () => {
    const quiet = logger('json');
    quiet.log.log('Mapped {/health, GET} route', 'RouterExplorer');
    quiet.log.log('HealthController {/api/v1}:', 'RoutesResolver');
    quiet.log.log('EngineModule dependencies initialized', 'InstanceLoader');
    expect(quiet.lines).toEqual([]);
    const verbose = logger('json', 'debug');
    verbose.log.log('Mapped {/health, GET} route', 'RouterExplorer');
    expect(verbose.lines.map((line) => JSON.parse(line).level)).toEqual(['debug']);
  });

  it('keeps an error stack, and honours the levels Nest is given', () => {
    const { lines, log } = logger('json');
    log.error('GET /x failed', 'Error: boom\n    at f (x.ts:1:2)', 'http');
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'error',
      context: 'http',
      stack: expect.stringContaining('boom'),
    });
    log.setLogLevels(['error']);
    log.warn('not shown');
    log.log('not shown');
    expect(lines).toHaveLength(1);
    log.setLogLevels(['error', 'warn', 'log', 'debug']);
    log.debug('shown');
    expect(lines).toHaveLength(2);
  });
});
