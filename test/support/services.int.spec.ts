import { describeWithService } from './services';
import { Socket } from 'node:net';

// Proves the probe: when a service is reported up, a real connection to it succeeds.
for (const service of ['postgres', 'redis'] as const) {
  describeWithService(service, `${service} probe`, (url) => {
    it('accepts a TCP connection at the probed address', async () => {
      const { hostname, port } = new URL(url);
      const connected = await new Promise<boolean>((resolve) => {
        const s = new Socket();
        s.once('error', () => resolve(false));
        s.connect(Number(port), hostname, () => {
          s.destroy();
          resolve(true);
        });
      });
      expect(connected).toBe(true);
    });
  });
}
