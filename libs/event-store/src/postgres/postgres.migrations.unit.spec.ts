import { createHash } from 'node:crypto';
import { PG_EVENT_STORE_MIGRATIONS } from './postgres.migrations';

/**
 * The sha256 of each released step's text. A schema that ran a step never runs it again, so an edit
 * would reach new databases only: a change is a new step. A new step adds its line here.
 */
const RELEASED: Record<number, string> = {
  1: '09b3ef18e567ad70f5631804b6967cc3e843f2206a12cb2b727d59091ec8ad74',
  2: 'fb809aa6e7c2b2668445b3c96a49bb45cb67292770b7d7402aa0776420825e10',
  3: 'b3c1206cdfee3fdae8f99c57063cf29958fcbb61e39c9c4072b5938bd3f5f378',
  4: '514b7b3f3a8a0f227830d24cd2554763f542c946979945eef210bbdeaf064e3c',
  5: '3c3fac863d93359f3adfbb4d7e938431257fcdbcb5e7741f674eac5dd3685ecc',
  6: '89a41468cb0013af8370904c1356da7f0fb60e64144f1e2ba2abf8b2c4e9b0b7',
  7: '2903207f1de6c48a47c34df37e2176f36f2a9537ef24ceb4e7447d29216527e7',
  8: 'b153be859c87e86fbe84534be02b281854a55f4cbd60ffeeb192b91e38797594',
};

describe('PostgreSQL event store migrations', () => {
  it('are numbered 1, 2, 3, … in order, each released step with the text it was released with', () => {
    expect(PG_EVENT_STORE_MIGRATIONS.map((m) => m.version)).toEqual(PG_EVENT_STORE_MIGRATIONS.map((_, i) => i + 1));
    const texts = Object.fromEntries(
      PG_EVENT_STORE_MIGRATIONS.map((m) => [m.version, createHash('sha256').update(m.up).digest('hex')]),
    );
    expect(texts).toEqual(RELEASED);
  });
});
