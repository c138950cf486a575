import { AuthFailureLimiter, LoginFailureLimiter, RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('answers the hit after the 20th within a minute with the seconds to wait, per key', () => {
    let now = 1_000_000;
    const limiter = new AuthFailureLimiter({ maxHits: 20, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 20; i++, now += 1000) expect(limiter.hit('10.0.0.1')).toBeUndefined();
    expect(limiter.hit('10.0.0.1')).toBe(40);
    expect(limiter.hit('10.0.0.2')).toBeUndefined();
    now += 40_000;
    expect(limiter.hit('10.0.0.1')).toBeUndefined();
  });

  it('does not count a refused hit, so a client that keeps trying waits no longer than the window', () => {
    let now = 0;
    const limiter = new RateLimiter({ maxHits: 2, windowMs: 10_000 }, () => now);
    limiter.hit('a');
    limiter.hit('a');
    for (let i = 0; i < 5; i++, now += 1000) expect(limiter.hit('a')).toBeGreaterThan(0);
    now = 10_001;
    expect(limiter.hit('a')).toBeUndefined();
  });
});

describe('LoginFailureLimiter', () => {
  it('refuses a username after 5 failures and an address after 20, without counting what it only looks at', () => {
    let now = 0;
    const clock = () => now;
    const limiter = new LoginFailureLimiter(
      new RateLimiter({ maxHits: 5, windowMs: 300_000 }, clock),
      new RateLimiter({ maxHits: 20, windowMs: 300_000 }, clock),
    );
    for (let i = 0; i < 5; i++, now += 1000) {
      expect(limiter.waitOf('lan', '10.0.0.1')).toBeUndefined();
      expect(limiter.failed('lan', '10.0.0.1')).toBeUndefined();
    }
    expect(limiter.waitOf('lan', '10.0.0.2')).toBe(295);
    expect(limiter.waitOf('lan', '10.0.0.2')).toBe(295);
    expect(limiter.waitOf('mai', '10.0.0.1')).toBeUndefined();
    for (let i = 0; i < 15; i++) expect(limiter.failed(`user-${i}`, '10.0.0.1')).toBeUndefined();
    expect(limiter.waitOf('mai', '10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.waitOf('mai', '10.0.0.3')).toBeUndefined();
    now += 300_000;
    expect(limiter.waitOf('lan', '10.0.0.1')).toBeUndefined();
  });
});
