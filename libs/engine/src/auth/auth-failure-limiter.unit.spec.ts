import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  it('answers the failure after the 20th within a minute with the seconds to wait, per client', () => {
    let now = 1_000_000;
    const limiter = new AuthFailureLimiter({ maxFailures: 20, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 20; i++, now += 1000) expect(limiter.fail('10.0.0.1')).toBeUndefined();
    expect(limiter.fail('10.0.0.1')).toBe(40);
    expect(limiter.fail('10.0.0.2')).toBeUndefined();
    now += 40_000;
    expect(limiter.fail('10.0.0.1')).toBeUndefined();
  });
});
