import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Permission } from '@ketnap/engine';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PROBLEMS } from '../openapi/problems';

export const REQUIRED_PERMISSIONS = 'ketnap:requires';
export const PUBLIC_ROUTE = 'ketnap:public';

/**
 * The permissions a route needs (all of them); `@Requires()` with none admits any valid token. A route
 * without `@Requires` or `@Public` is refused to everyone (403), so a forgotten one fails closed. The
 * OpenAPI document shows them as `x-ketnap-permissions`, with the problems of authentication (401, 429)
 * and of permission (403).
 */
export const Requires = (...permissions: Permission[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiExtension('x-ketnap-permissions', permissions),
    ApiProblems(PROBLEMS.unauthenticated, PROBLEMS.forbidden, PROBLEMS.tooManyFailedAuthentications),
  );

/** A route anyone may call without a token (`/health`, `/metrics`); the OpenAPI document shows `x-ketnap-public`. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-ketnap-public', true));

/**
 * How the actor's units apply to a route (API.md "Access"), as the OpenAPI document states it in
 * `x-ketnap-scope`; the engine enforces it:
 * - `resource`: the route names one dossier or case (or a body names a unit): 403 outside the units;
 * - `filtered`: a list or report, narrowed to what the units reach;
 * - `none`: the same for every unit (the unit catalog, plans, the audit of the whole store).
 */
export type RouteScope = 'resource' | 'filtered' | 'none';
export const ScopedTo = (scope: RouteScope): MethodDecorator & ClassDecorator => ApiExtension('x-ketnap-scope', scope);
