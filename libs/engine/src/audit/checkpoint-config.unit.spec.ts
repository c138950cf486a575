import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config';

describe('the audit checkpoints configuration', () => {
  it('keeps checkpoints in <data dir>/checkpoints and takes one an hour by default', () => {
    expect(loadConfig({ KETNAP_DATA_DIR: '/srv/ketnap' })).toMatchObject({
      checkpointDir: join('/srv/ketnap', 'checkpoints'),
      checkpointIntervalMs: 3_600_000,
    });
  });

  it('reads a folder, a duration, or off', () => {
    expect(loadConfig({ KETNAP_CHECKPOINT_DIR: 'audit', KETNAP_CHECKPOINT_INTERVAL: '30m' })).toMatchObject({
      checkpointDir: resolve('audit'),
      checkpointIntervalMs: 1_800_000,
    });
    expect(loadConfig({ KETNAP_CHECKPOINT_INTERVAL: 'off' })).not.toHaveProperty('checkpointIntervalMs');
  });

  it.each(['5x', '0', '25d', 'never'])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ KETNAP_CHECKPOINT_INTERVAL: value })).toThrow(
      expect.objectContaining({ variable: 'KETNAP_CHECKPOINT_INTERVAL' }),
    );
  });
});
