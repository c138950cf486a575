import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { WORKER_DOSSIER_CACHE, createWorkerApp } from './worker-app';

describe('the worker app', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ketnap-worker-app-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [undefined, WORKER_DOSSIER_CACHE],
    ['100000', WORKER_DOSSIER_CACHE],
    ['10', 10],
    ['0', 0],
  ])('keeps at most 64 dossiers folded (KETNAP_DOSSIER_CACHE=%s: %d)', async (cache, expected) => {
    expect(WORKER_DOSSIER_CACHE).toBe(64);
    const config = loadConfig({
      KETNAP_EVENT_STORE: 'memory',
      KETNAP_DATA_DIR: dir,
      KETNAP_LOG_LEVEL: 'error',
      ...(cache !== undefined && { KETNAP_DOSSIER_CACHE: cache }),
    });
    const app = await createWorkerApp(config);
    try {
      expect(app.get<KetnapConfig>(KETNAP_CONFIG).dossierCache).toBe(expected);
      expect(app.get<KetnapConfig>(KETNAP_CONFIG).worker).toBe(true);
    } finally {
      await app.close();
    }
  });
});
