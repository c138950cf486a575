import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AuthFailureLimiter,
  TokenService,
  UnitsReader,
  UserAccounts,
  signToken,
  type AuthenticatedActor,
  type Role,
} from '@ketnap/engine';
import { MemoryEventStore } from '@ketnap/event-store';
import type { ApiRequest } from '../request/api-request';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { isCanonicalPath, isPublicPath } from './request-paths';
import { Public, Requires } from './requires.decorator';

const secret = 'guard-test-secret-0123456789abcdef';

class Routes {
  @Requires('plans:write') adopt() {}
  @Requires() anyone() {}
  @Public() open() {}
  undeclared() {}
}

const contextFor = (handler: keyof Routes, actor?: AuthenticatedActor) => {
  const request = { actor } as Record<string, unknown>;
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
};

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector());
  const actor = (role: Role, units: string[] = ['lang-gia']): AuthenticatedActor => ({ sub: 's', role, units });

  it('admits a role holding the permissions of the route', () => {
    expect(guard.canActivate(contextFor('adopt', actor('admin', [])))).toBe(true);
    expect(guard.canActivate(contextFor('anyone', actor('viewer')))).toBe(true);
  });

  it('refuses a role without them, and a route that declares no permission to everyone', () => {
    expect(() => guard.canActivate(contextFor('adopt', actor('office')))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => guard.canActivate(contextFor('undeclared', actor('admin', [])))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('refuses a request no token authenticated on every route not marked public', () => {
    expect(() => guard.canActivate(contextFor('anyone'))).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(guard.canActivate(contextFor('open'))).toBe(true);
  });

  it('lets a token of a role scoped to units do nothing when it names none', () => {
    for (const role of ['office', 'secretary', 'mass-org', 'viewer'] as const) {
      expect(() => guard.canActivate(contextFor('anyone', actor(role, [])))).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('names none') }),
      );
    }
    expect(guard.canActivate(contextFor('anyone', actor('inspector', [])))).toBe(true);
  });
});

describe('Authenticator', () => {
  const store = new MemoryEventStore();
  const authenticator = new Authenticator(
    new TokenService({ authSecret: secret, dataDir: '/nonexistent', authMaxTtlSeconds: 3600 } as never),
    new AuthFailureLimiter(),
    new UserAccounts(store, new UnitsReader(store)),
  );
  const request = (authorization?: string) =>
    ({ ip: '10.0.0.9', headers: authorization ? { authorization } : {}, socket: {} }) as unknown as ApiRequest;

  it('sets the actor from a valid bearer token, refuses a missing or bad one with 401', async () => {
    const token = await signToken(new TextEncoder().encode(secret), { sub: 's', role: 'admin', units: [] }, 60);
    const req = request(`Bearer ${token}`);
    await authenticator.authenticate(req);
    expect(req.actor).toEqual({ sub: 's', role: 'admin', units: [] });
    await expect(authenticator.authenticate(request())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticator.authenticate(request('Bearer x.y.z'))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(authenticator.authenticate(request(`Basic ${token}`))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('request paths (API.md "Access")', () => {
  it('serves only the health check, the metrics, the docs, the login and the console without a token, as written', () => {
    expect(
      [
        '/health',
        '/metrics',
        '/docs',
        '/docs-json',
        '/docs/swagger-ui.css',
        '/api/v1/auth/login',
        '/',
        '/console/app.js',
      ].every(isPublicPath),
    ).toBe(true);
    const variants = [
      '/HEALTH',
      '/health/',
      '//health',
      '/api/v1/units',
      '/docs/../api/v1/units',
      '/docs/%2e%2e/api',
      '/api/health',
      '/api/v1/auth/login/',
      '/api/v1/AUTH/login',
      '/api/v1/auth/./login',
      '/api/v1/auth',
      '//',
      '/console',
      '/console/../api/v1/units',
      '/console/%2e%2e/api/v1/units',
      '/console//app.js',
      '/CONSOLE/app.js',
      '',
    ];
    expect(variants.filter(isPublicPath)).toEqual([]);
  });

  it('takes a path with an empty or dot segment, a backslash or an encoded slash or dot for no route', () => {
    expect(['/api/v1/units', '/api/v1/units/', '/api/v1/dossiers/3f0c/history'].every(isCanonicalPath)).toBe(true);
    const odd = [
      '//api/v1/units',
      '/api/v1/./units',
      '/api/v1/../v1/units',
      '/api/v1/units/.',
      '/api/v1%2Funits',
      '/api/v1/units%2f',
      '/api\\v1',
      '/api/v1/%2e%2e/units',
      'api/v1',
    ];
    expect(odd.filter(isCanonicalPath)).toEqual([]);
  });
});
