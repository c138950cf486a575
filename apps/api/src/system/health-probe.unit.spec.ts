import { healthUrl } from './health-probe';

describe('healthUrl', () => {
  it("asks the container's loopback address on the default port when nothing narrows it", () => {
    expect(healthUrl({})).toBe('http://127.0.0.1:3000/health');
    expect(healthUrl({ PORT: '8080', KETNAP_HOST: '0.0.0.0' })).toBe('http://127.0.0.1:8080/health');
    expect(healthUrl({ KETNAP_HOST: '::' })).toBe('http://127.0.0.1:3000/health');
  });

  it('asks the one address KETNAP_HOST narrowed the API to, IPv6 in brackets', () => {
    expect(healthUrl({ KETNAP_HOST: '10.0.0.5', PORT: '3100' })).toBe('http://10.0.0.5:3100/health');
    expect(healthUrl({ KETNAP_HOST: '::1' })).toBe('http://[::1]:3000/health');
  });
});
