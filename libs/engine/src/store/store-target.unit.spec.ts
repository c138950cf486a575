import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config';
import { StoreTargetError, isConfiguredStore, openTargetStore, parseStoreTarget, targetLabel } from './store-target';

describe('the target of a store copy', () => {
  it('reads a file path, sqlite:PATH, memory: and the servers’ URLs', () => {
    expect(parseStoreTarget('copy.db')).toEqual({ kind: 'sqlite', path: resolve('copy.db') });
    expect(parseStoreTarget('/srv/ketnap/copy.db')).toEqual({ kind: 'sqlite', path: '/srv/ketnap/copy.db' });
    expect(parseStoreTarget('sqlite:./copy.db')).toEqual({ kind: 'sqlite', path: resolve('copy.db') });
    expect(parseStoreTarget('sqlite:///srv/copy.db')).toEqual({ kind: 'sqlite', path: '/srv/copy.db' });
    expect(parseStoreTarget('memory:')).toEqual({ kind: 'memory' });
    const pg = 'postgres://ketnap:secret@db:5432/ketnap';
    expect(parseStoreTarget(pg)).toEqual({ kind: 'postgres', url: pg });
    expect(parseStoreTarget('postgresql://db/ketnap')).toMatchObject({ kind: 'postgres' });
    expect(parseStoreTarget('esdb://es:2113?tls=false')).toMatchObject({ kind: 'eventstoredb' });
  });

  it('refuses a scheme it does not know, and sqlite: without a path', () => {
    expect(() => parseStoreTarget('mysql://db/ketnap')).toThrow(StoreTargetError);
    expect(() => parseStoreTarget('mysql://db/ketnap')).toThrow('unknown kind of target mysql://');
    expect(() => parseStoreTarget('sqlite:')).toThrow('sqlite: needs a file path');
  });

  it('opens the adapter of each kind of target (a server is not reached before the first call)', async () => {
    const stores = [
      openTargetStore('postgres://ketnap:secret@db/ketnap'),
      openTargetStore('esdb://es:2113?tls=false'),
      openTargetStore('memory:'),
    ];
    expect(stores.map((store) => store.name)).toEqual(['postgres', 'eventstoredb', 'memory']);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('shows a server target without its password', () => {
    expect(targetLabel(parseStoreTarget('postgres://ketnap:secret@db:5432/ketnap'))).toBe(
      'postgres://ketnap:***@db:5432/ketnap',
    );
    expect(targetLabel(parseStoreTarget('esdb://es:2113?tls=false'))).toBe('esdb://es:2113?tls=false');
    expect(targetLabel(parseStoreTarget('sqlite:/srv/copy.db'))).toBe('/srv/copy.db');
  });

  it('knows the configured SQLite file under another spelling of its path', () => {
    const config = loadConfig({ KETNAP_DATA_DIR: '/srv/ketnap/data' });
    expect(isConfiguredStore(config, parseStoreTarget('/srv/ketnap/data/../data/ketnap.db'))).toBe(true);
    expect(isConfiguredStore(config, parseStoreTarget(join('/srv/ketnap', 'copy.db')))).toBe(false);
    expect(isConfiguredStore(config, parseStoreTarget('memory:'))).toBe(false);
  });
});
