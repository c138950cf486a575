import {
  checkPrefix,
  commandStreamOf,
  esdbEventIdOf,
  isLogStream,
  logStreamPrefix,
  streamIdOf,
  streamNameOf,
} from './esdb-names';

describe('ketnap streams in EventStoreDB', () => {
  it('puts a stream under the prefix and takes its id back', () => {
    expect(streamNameOf('ketnap', 'dossier-7f3a')).toBe('ketnap-dossier-7f3a');
    expect(streamIdOf('ketnap', 'ketnap-dossier-7f3a')).toBe('dossier-7f3a');
    expect(streamIdOf('ketnap', '$stats-127.0.0.1:2113')).toBe('$stats-127.0.0.1:2113');
  });

  it("filters the log to the prefix's event streams: no command record, system stream or other deployment", () => {
    expect(logStreamPrefix('ketnap')).toBe('ketnap-');
    const names = [
      'ketnap-dossier-1',
      'ketnap-inspection-case-2',
      commandStreamOf('ketnap', 'key-1'),
      '$stats-127.0.0.1:2113',
      '$$ketnap-dossier-1',
      '$et-DossierOpened',
      'ketnap_test_1-dossier-1',
      'ketnapx-dossier-1',
      'other-dossier-1',
    ];
    expect(names.filter((name) => isLogStream('ketnap', name))).toEqual([
      'ketnap-dossier-1',
      'ketnap-inspection-case-2',
    ]);
    expect(commandStreamOf('ketnap', 'key-1')).toBe('ketnap.commands-key-1');
  });

  it('takes a prefix of letters, digits and _ only, so that no two prefixes overlap', () => {
    expect(checkPrefix('ketnap_test_42')).toBe('ketnap_test_42');
    for (const bad of ['', 'ketnap-', 'a.b', '$ketnap', 'ketnap test', 'x'.repeat(65)]) {
      expect(() => checkPrefix(bad)).toThrow(/letters, digits or '_'/);
    }
  });

  it('keeps a lower-case UUID as the EventStoreDB event id and maps any other id to a stable UUID', () => {
    const uuid = '0b6c1c36-2f7e-4a53-9f7e-3b1f8f1b9a10';
    expect(esdbEventIdOf(uuid)).toBe(uuid);
    const mapped = esdbEventIdOf('dossier-1_admission-ceremony_2024-03-07');
    expect(mapped).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventIdOf('dossier-1_admission-ceremony_2024-03-07')).toBe(mapped);
    expect(esdbEventIdOf(uuid.toUpperCase())).not.toBe(uuid.toUpperCase());
    expect(esdbEventIdOf('e-a2')).not.toBe(mapped);
  });
});
