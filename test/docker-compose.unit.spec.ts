import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '@ketnap/engine';

// docker-compose.yml is for users (no Docker engine runs here): keep it honest.
const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    { image?: string; build?: string | { context: string }; environment?: Record<string, string> }
  >;
};
const appServices = ['api', 'worker'];

describe('docker-compose.yml', () => {
  it('brings up the topology of DESIGN.md §8', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'eventstoredb', 'postgres', 'redis', 'worker']);
  });

  it('gives every service an image or a build whose Dockerfile exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, ok: Boolean(service.image || service.build) }).toEqual({ name, ok: true });
      if (service.build) {
        const context = typeof service.build === 'string' ? service.build : service.build.context;
        expect(existsSync(join(root, context, 'Dockerfile'))).toBe(true);
      }
    }
  });

  it('sets on the ketnap services only variables that ketnap reads', () => {
    for (const name of appServices) {
      const variables = Object.keys(compose.services[name].environment ?? {});
      expect(variables.length).toBeGreaterThan(0);
      expect(variables.filter((v) => !(v in CONFIG_VARIABLES))).toEqual([]);
    }
  });

  it('sets values the configuration loader accepts', () => {
    for (const name of appServices) {
      const env = Object.fromEntries(
        Object.entries(compose.services[name].environment ?? {}).map(([k, v]) => [
          k,
          String(v)
            .replace(/\$\{(\w+):-([^}]*)\}/g, '$2')
            .replace(/\$\{AUTH_SECRET:\?[^}]*\}/, 'x'.repeat(32)),
        ]),
      );
      expect(() => loadConfig(env)).not.toThrow();
    }
  });
});
