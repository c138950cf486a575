import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@ketnap/engine';

export const REQUIRED_PERMISSIONS = 'ketnap:requires';

/**
 * The permissions an `/api/v1` route needs (all of them); `@Requires()` with none admits any valid
 * token. A route without `@Requires` is refused to everyone (403), so a forgotten one fails closed.
 */
export const Requires = (...permissions: Permission[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSIONS, permissions);
