import type { CommandContext } from '../commands/command-context';
import { AccessDeniedError } from '../commands/refusals';
import { hasPermission, type Permission } from './permissions';

/** The unit catalog and the plans are written by the roles holding the permission (API.md "Roles"), or by the engine. */
export function authorizeCatalogWrite(context: CommandContext, permission: Permission): void {
  if (context.system || hasPermission(context.actor.role, permission)) return;
  throw new AccessDeniedError('FORBIDDEN', { role: context.actor.role, permissions: [permission] });
}
