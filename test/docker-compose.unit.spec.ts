import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '@ketnap/engine';
import { execForm, repositoryStages, type Stage } from './support/dockerfile';

interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
  ports?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
}

// docker-compose.yml is for users (no Docker engine runs here): keep it honest. Compose reads `<<` merge keys.
const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = Object.entries(compose.services);
const WORKER_MAIN = 'dist/apps/worker/src/main.js';
/** The ketnap services: built from the repository's Dockerfile. */
const appServices = services.filter(([, s]) => s.build !== undefined).map(([name]) => name);
const isWorker = (name: string) => compose.services[name].command?.includes(WORKER_MAIN) ?? false;
/** An API service runs the image's command (the API); a worker overrides it. */
const apiServices = appServices.filter((name) => !isWorker(name));
const workerServices = appServices.filter(isWorker);
/** `default` for the services `docker compose up` starts; otherwise the profile that adds them. */
const variantOf = (name: string): string => compose.services[name].profiles?.[0] ?? 'default';
const envOf = (name: string): Record<string, string> => compose.services[name].environment ?? {};
const replicasOf = (names: string[]) => names.reduce((sum, n) => sum + (compose.services[n].deploy?.replicas ?? 1), 0);
/** A value as compose gives it when the variable `${NAME:-default}` falls back to is unset. */
const withDefaults = (value: string) => value.replace(/\$\{(\w+):-([^}]*)\}/g, '$2');
const hostOf = (url: string) => new URL(withDefaults(url)).hostname;
const dependenciesOf = (name: string) => Object.keys(compose.services[name].depends_on ?? {}).sort();

describe('docker-compose.yml', () => {
  it('brings up the topology of DESIGN.md §8: PostgreSQL by default, EventStoreDB in its profile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'api',
        'api-eventstoredb',
        'eventstoredb',
        'lb',
        'lb-eventstoredb',
        'postgres',
        'redis',
        'worker',
        'worker-eventstoredb',
      ].sort(),
    );
    const byVariant = (variant: string) =>
      services
        .filter(([name]) => variantOf(name) === variant)
        .map(([name]) => name)
        .sort();
    expect(byVariant('default')).toEqual(['api', 'lb', 'postgres', 'redis', 'worker']);
    expect(byVariant('eventstoredb')).toEqual([
      'api-eventstoredb',
      'eventstoredb',
      'lb-eventstoredb',
      'worker-eventstoredb',
    ]);
  });

  it('gives every service an image or a build whose Dockerfile exists', () => {
    for (const [name, service] of services) {
      expect({ name, ok: Boolean(service.image || service.build) }).toEqual({ name, ok: true });
      if (service.build) {
        const context = typeof service.build === 'string' ? service.build : service.build.context;
        expect(existsSync(join(root, context, 'Dockerfile'))).toBe(true);
      }
    }
  });

  it('sets on the ketnap services only variables that ketnap reads', () => {
    expect(appServices.length).toBeGreaterThan(0);
    for (const name of appServices) {
      const variables = Object.keys(envOf(name));
      expect(variables.length).toBeGreaterThan(0);
      expect({ name, unknown: variables.filter((v) => !(v in CONFIG_VARIABLES)) }).toEqual({ name, unknown: [] });
    }
  });

  it('sets values the configuration loader accepts', () => {
    for (const name of appServices) {
      const env = Object.fromEntries(
        Object.entries(envOf(name)).map(([k, v]) => [
          k,
          withDefaults(String(v))
            .replace(/\$\{AUTH_SECRET:\?[^}]*\}/, 'x'.repeat(32))
            .replace(/\$\{KETNAP_MASTER_KEY:\?[^}]*\}/, 'ab'.repeat(32)),
        ]),
      );
      expect(() => loadConfig(env)).not.toThrow();
    }
  });

  it('runs two API replicas with the worker off and two workers, in each variant', () => {
    for (const variant of ['default', 'eventstoredb']) {
      const apis = apiServices.filter((n) => variantOf(n) === variant);
      const workers = workerServices.filter((n) => variantOf(n) === variant);
      expect({ variant, apis: replicasOf(apis), workers: replicasOf(workers) }).toEqual({
        variant,
        apis: 2,
        workers: 2,
      });
    }
    for (const name of apiServices)
      expect({ name, worker: envOf(name).KETNAP_WORKER }).toEqual({ name, worker: 'off' });
    for (const name of workerServices) expect(['on', undefined]).toContain(envOf(name).KETNAP_WORKER);
    expect(existsSync(join(root, 'apps/worker/src/main.ts'))).toBe(true);
  });

  it('puts the default variant on PostgreSQL and Redis, the other on EventStoreDB and Redis', () => {
    for (const name of appServices) {
      const env = envOf(name);
      const store = variantOf(name) === 'default' ? 'postgres' : 'eventstoredb';
      expect({ name, store: env.KETNAP_EVENT_STORE }).toEqual({ name, store });
      const storeHost = hostOf(store === 'postgres' ? env.DATABASE_URL : env.EVENTSTORE_URL);
      expect({ name, storeHost }).toEqual({ name, storeHost: store });
      expect(dependenciesOf(name)).toContain(store);
      expect(hostOf(env.REDIS_URL)).toBe('redis');
    }
    for (const name of workerServices) expect(dependenciesOf(name)).toContain('redis');
    // The variants share one Redis: their timers must not meet.
    const prefixes = ['default', 'eventstoredb'].map(
      (variant) => envOf(appServices.find((n) => variantOf(n) === variant) as string).KETNAP_REDIS_PREFIX ?? 'bull',
    );
    expect(new Set(prefixes).size).toBe(2);
  });

  it('keeps the EventStoreDB variant in its profile, an insecure single node with a health check', () => {
    for (const [name, service] of services) {
      const mentions = JSON.stringify(service).includes('eventstoredb');
      if (mentions) expect({ name, profiles: service.profiles }).toEqual({ name, profiles: ['eventstoredb'] });
    }
    const node = compose.services.eventstoredb;
    expect(node.environment?.EVENTSTORE_INSECURE).toBe('true');
    expect(node.environment?.EVENTSTORE_CLUSTER_SIZE).toBe('1');
    expect(node.healthcheck?.test?.join(' ')).toContain('/health/live');
  });

  it('starts a service only after what it depends on is healthy, never on a service of another profile', () => {
    for (const [name, service] of services) {
      expect({ name, list: Array.isArray(service.depends_on) }).toEqual({ name, list: false });
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        const dependency = compose.services[target];
        expect({ name, target, condition }).toEqual({ name, target, condition: 'service_healthy' });
        expect({ target, checked: Boolean(dependency?.healthcheck?.test && !dependency.healthcheck.disable) }).toEqual({
          target,
          checked: true,
        });
        expect(['default', variantOf(name)]).toContain(variantOf(target));
      }
    }
  });

  it('checks the databases with their own tools and the API with the image’s check of /health', () => {
    const check = (name: string) => compose.services[name].healthcheck?.test?.join(' ');
    expect(check('postgres')).toMatch(/\bpg_isready\b/);
    expect(check('redis')).toMatch(/\bredis-cli ping\b/);
    const image = (repositoryStages().at(-1) as Stage).instructions.filter((i) => i.keyword === 'HEALTHCHECK');
    const imageCheck = execForm((image.at(-1)?.args ?? '').replace(/^.*?\bCMD\s+/, ''));
    for (const name of apiServices) expect(compose.services[name].healthcheck?.test).toEqual(['CMD', ...imageCheck]);
  });

  it('publishes only the load balancers, which spread requests over their own variant’s API replicas', () => {
    const published = services.filter(([, s]) => (s.ports ?? []).length > 0).map(([name]) => name);
    expect(published.sort()).toEqual(['lb', 'lb-eventstoredb']);
    for (const database of ['postgres', 'redis', 'eventstoredb'])
      expect(compose.services[database].ports).toBeUndefined();
    for (const name of published) {
      const upstream = envOf(name).API_SERVICE;
      expect(apiServices).toContain(upstream);
      expect(variantOf(upstream)).toBe(variantOf(name));
      expect(dependenciesOf(name)).toEqual([upstream]);
      const [template] = (compose.services[name].volumes ?? []).map((v) => v.split(':')[0]);
      expect(readFileSync(join(root, template), 'utf8')).toMatch(/server \$\{API_SERVICE\}:3000 resolve\b/);
    }
    // Behind one proxy the API believes its X-Forwarded-For, or every client shares its address.
    for (const name of apiServices) expect(envOf(name).KETNAP_TRUST_PROXY).toBe('1');
  });

  it('shares one AUTH_SECRET, required from the environment, across every ketnap service', () => {
    const secrets = new Set(appServices.map((name) => envOf(name).AUTH_SECRET));
    expect([...secrets]).toHaveLength(1);
    expect([...secrets][0]).toMatch(/^\$\{AUTH_SECRET:\?[^}]+\}$/);
  });

  it('shares one KETNAP_MASTER_KEY, required from the environment: a key generated per container would wrap keys others cannot open', () => {
    const keys = new Set(appServices.map((name) => envOf(name).KETNAP_MASTER_KEY));
    expect([...keys]).toHaveLength(1);
    expect([...keys][0]).toMatch(/^\$\{KETNAP_MASTER_KEY:\?[^}]+\}$/);
  });

  it('keeps PostgreSQL data on a named volume', () => {
    const mounts = compose.services.postgres.volumes ?? [];
    const data = mounts.find((m) => m.endsWith(':/var/lib/postgresql/data'));
    expect(data).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain((data as string).split(':')[0]);
  });
});
