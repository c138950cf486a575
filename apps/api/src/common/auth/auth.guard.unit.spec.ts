import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthFailureLimiter, TokenService, signToken, type Role } from '@ketnap/engine';
import { AuthGuard } from './auth.guard';
import { Requires } from './requires.decorator';

const secret = 'guard-test-secret-0123456789abcdef';

class Routes {
  @Requires('plans:write') adopt() {}
  @Requires() anyone() {}
  undeclared() {}
}

const contextFor = (handler: keyof Routes, authorization?: string, path = '/api/v1/plans/2024') => {
  const request = { path, ip: '10.0.0.9', headers: authorization ? { authorization } : {}, socket: {} } as Record<string, unknown>;
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
};

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector(), new TokenService({ authSecret: secret, dataDir: '/nonexistent' } as never), new AuthFailureLimiter());
  const bearer = async (role: Role) => `Bearer ${await signToken(new TextEncoder().encode(secret), { sub: 's', role, units: [] }, 60)}`;

  it('admits a role holding the permissions and sets the actor on the request', async () => {
    const { context, request } = contextFor('adopt', await bearer('admin'));
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ sub: 's', role: 'admin', units: [] });
  });

  it('refuses a role without them with 403, and a route that declares no permission to everyone', async () => {
    await expect(guard.canActivate(contextFor('adopt', await bearer('office')).context)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.canActivate(contextFor('undeclared', await bearer('admin')).context)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.canActivate(contextFor('anyone', await bearer('viewer')).context)).resolves.toBe(true);
  });

  it('leaves routes outside /api/v1 alone', async () => {
    await expect(guard.canActivate(contextFor('undeclared', undefined, '/health').context)).resolves.toBe(true);
  });
});
