// Jest global setup: probes PostgreSQL and Redis once, so service tests can be skipped (with the reason
// printed) or, under KETNAP_REQUIRE_SERVICES=1, fail.
const { Socket } = require('node:net');

const targets = {
  postgres: process.env.KETNAP_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  redis: process.env.KETNAP_TEST_REDIS_URL || 'redis://127.0.0.1:6379',
};

function reachable(url, timeoutMs = 1500) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port), hostname, () => done(true));
  });
}

module.exports = async () => {
  for (const [name, url] of Object.entries(targets)) {
    process.env[`KETNAP_TEST_${name.toUpperCase()}_URL`] = url;
    process.env[`KETNAP_TEST_${name.toUpperCase()}_UP`] = (await reachable(url)) ? '1' : '0';
  }
};
