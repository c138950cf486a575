import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isHealthy } from './health-probe';

/** A stand-in API whose `/health` answers `status`, and what the probe concludes from it. */
async function probeAgainst(status: number): Promise<boolean> {
  const server: Server = createServer((req, res) => {
    res.statusCode = req.url === '/health' ? status : 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await isHealthy(`http://127.0.0.1:${port}/health`, 2000);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('isHealthy (the container health check)', () => {
  it('is healthy when /health answers 200', async () => {
    expect(await probeAgainst(200)).toBe(true);
  });

  it('is unhealthy when /health answers 503 (the store does not answer)', async () => {
    expect(await probeAgainst(503)).toBe(false);
  });

  it('is unhealthy when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    expect(await isHealthy(`http://127.0.0.1:${port}/health`, 2000)).toBe(false);
  });

  it('is unhealthy when /health does not answer within the timeout', async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await isHealthy(`http://127.0.0.1:${port}/health`, 200)).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
