import { loadConfig } from './config';

const SECRET = 's'.repeat(16);

describe('the token configuration', () => {
  it('caps bearer tokens at 30 days unless AUTH_MAX_TTL says otherwise, and has no previous secret', () => {
    expect(loadConfig({})).toMatchObject({ authMaxTtlSeconds: 30 * 86_400 });
    expect(loadConfig({}).authSecretPrevious).toBeUndefined();
    expect(loadConfig({ AUTH_MAX_TTL: '8h' })).toMatchObject({ authMaxTtlSeconds: 28_800 });
  });

  it('takes the secret a rotation replaced', () =>
    expect(loadConfig({ AUTH_SECRET_PREVIOUS: 'p'.repeat(32) })).toMatchObject({ authSecretPrevious: 'p'.repeat(32) }));

  it.each([
    [{ AUTH_MAX_TTL: '30 days' }, 'AUTH_MAX_TTL: must be a lifetime such as 30d'],
    [{ AUTH_MAX_TTL: '0' }, 'AUTH_MAX_TTL: must be a lifetime'],
    [{ AUTH_SECRET_PREVIOUS: 'p'.repeat(31) }, 'AUTH_SECRET_PREVIOUS: must be at least 32 characters'],
  ])('refuses %j', (env, message) => expect(() => loadConfig(env)).toThrow(message));
});

describe('the webhook URL', () => {
  it.each([
    'https://hooks.example.vn/ketnap',
    'http://127.0.0.1:8080/hooks',
    'http://127.10.0.3/hooks',
    'http://localhost:9000/',
    'http://[::1]:9000/',
  ])('accepts %s', (url) =>
    expect(loadConfig({ KETNAP_WEBHOOK_URL: url, KETNAP_WEBHOOK_SECRET: SECRET })).toMatchObject({ webhookUrl: url }),
  );

  it.each([
    'http://hooks.example.vn/ketnap',
    'http://10.0.0.7/hooks',
    'http://127.0.0.1.example.vn/',
    'http://localhost.example.vn/',
  ])('refuses %s in clear, naming KETNAP_WEBHOOK_URL', (url) =>
    expect(() => loadConfig({ KETNAP_WEBHOOK_URL: url, KETNAP_WEBHOOK_SECRET: SECRET })).toThrow(
      'KETNAP_WEBHOOK_URL: must be https://',
    ),
  );
});

describe('the proxy and expensive-read settings', () => {
  it('believes no proxy and allows 10 expensive reads a minute by default', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, expensiveReadsPerMinute: 10 });
  });

  it('takes a hop count, or named ranges, addresses and CIDRs', () => {
    expect(loadConfig({ KETNAP_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ KETNAP_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
    expect(loadConfig({ KETNAP_EXPENSIVE_READS_PER_MINUTE: '3' }).expensiveReadsPerMinute).toBe(3);
  });

  it('keeps 4,096 dossiers folded in memory unless told otherwise', () => {
    expect(loadConfig({}).dossierCache).toBe(4096);
    expect(loadConfig({ KETNAP_DOSSIER_CACHE: '0' }).dossierCache).toBe(0);
  });

  it('gives each read-model connection a 2 MiB page cache unless told otherwise, in the server and the ketnap command alike', () => {
    expect(loadConfig({}).readModelCacheMiB).toBe(2);
    expect(loadConfig({ KETNAP_READ_MODEL_CACHE_MIB: '64' }).readModelCacheMiB).toBe(64);
  });

  it.each([
    [{ KETNAP_TRUST_PROXY: 'true' }, 'KETNAP_TRUST_PROXY: must be a hop count'],
    [{ KETNAP_TRUST_PROXY: '0' }, 'KETNAP_TRUST_PROXY: must be a hop count'],
    [{ KETNAP_TRUST_PROXY: '10.0.0.0/33' }, 'KETNAP_TRUST_PROXY'],
    [{ KETNAP_TRUST_PROXY: 'proxy.example.vn' }, 'KETNAP_TRUST_PROXY'],
    [{ KETNAP_EXPENSIVE_READS_PER_MINUTE: '0' }, 'KETNAP_EXPENSIVE_READS_PER_MINUTE: must be a whole number from 1'],
    [{ KETNAP_DOSSIER_CACHE: '-1' }, 'KETNAP_DOSSIER_CACHE: must be a whole number of dossiers'],
    [{ KETNAP_DOSSIER_CACHE: 'lots' }, 'KETNAP_DOSSIER_CACHE: must be a whole number of dossiers'],
    [{ KETNAP_READ_MODEL_CACHE_MIB: '0' }, 'KETNAP_READ_MODEL_CACHE_MIB: must be a whole number of MiB from 1'],
    [{ KETNAP_READ_MODEL_CACHE_MIB: '8M' }, 'KETNAP_READ_MODEL_CACHE_MIB: must be a whole number of MiB from 1'],
  ])('refuses %j', (env, message) => expect(() => loadConfig(env)).toThrow(message));
});

describe('log configuration', () => {
  it('writes JSON lines unless stdout is a terminal, at the info level; both can be set', () => {
    expect(loadConfig({}, false)).toMatchObject({ logFormat: 'json', logLevel: 'info' });
    expect(loadConfig({}, true)).toMatchObject({ logFormat: 'pretty', logLevel: 'info' });
    expect(loadConfig({ KETNAP_LOG_FORMAT: 'json', KETNAP_LOG_LEVEL: 'debug' }, true)).toMatchObject({
      logFormat: 'json',
      logLevel: 'debug',
    });
  });

  it.each([
    [{ KETNAP_LOG_FORMAT: 'xml' }, 'KETNAP_LOG_FORMAT: must be one of json, pretty'],
    [{ KETNAP_LOG_LEVEL: 'trace' }, 'KETNAP_LOG_LEVEL: must be one of error, warn, info, debug'],
  ])('refuses %j', (env, message) => expect(() => loadConfig(env)).toThrow(message));
});

describe('the listening address', () => {
  it('listens on every IPv4 address by default (other PCs of the office reach it), or where KETNAP_HOST says', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ KETNAP_HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ KETNAP_HOST: '::' }).host).toBe('::');
    expect(loadConfig({ KETNAP_HOST: 'localhost' }).host).toBe('localhost');
  });

  it('refuses a host that is neither an IP address nor localhost, naming KETNAP_HOST', () => {
    expect(() => loadConfig({ KETNAP_HOST: 'office-pc' })).toThrow(
      'KETNAP_HOST: must be an IP address or localhost (got "office-pc")',
    );
  });
});

describe('the event store', () => {
  it('takes PostgreSQL with the DATABASE_URL it needs', () => {
    const env = { KETNAP_EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://ketnap@db:5432/ketnap' };
    expect(loadConfig(env)).toMatchObject({ eventStore: 'postgres', databaseUrl: 'postgres://ketnap@db:5432/ketnap' });
    expect(() => loadConfig({ KETNAP_EVENT_STORE: 'postgres' })).toThrow(
      'DATABASE_URL: is required when KETNAP_EVENT_STORE=postgres',
    );
  });
});
