import { commandIdOf } from './command-context';

describe('commandIdOf', () => {
  const context = (sub: string) => ({
    actor: { sub, role: 'admin', unitIds: [] },
    correlationId: 'c',
    idempotencyKey: 'k',
  });

  it('scopes the command id to the actor and the part of the request', () => {
    expect(commandIdOf(context('a'))).not.toBe(commandIdOf(context('b')));
    expect(commandIdOf(context('a'), 'units')).not.toBe(commandIdOf(context('a')));
    expect(commandIdOf({ ...context('a'), idempotencyKey: undefined })).toBeUndefined();
  });

  it("takes a saga's deterministic command id as it is", () => {
    expect(commandIdOf({ ...context('a'), commandId: 'saga/x' }, 'units')).toBe('saga/x');
  });
});
