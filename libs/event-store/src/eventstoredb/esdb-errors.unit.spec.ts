import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  NoStreamError,
  NotFoundError,
  NotLeaderError,
  PersistentSubscriptionDoesNotExistError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import { EventStoreDbError, isStreamNotFound, isWrongExpectedVersion, storeErrorOf } from './esdb-errors';

/** The gRPC error a follower answers a write with, as the client reads it. */
const notLeader = () =>
  new NotLeaderError({
    message: 'Leader info available',
    metadata: { getMap: () => ({ 'leader-endpoint-host': 'node-1', 'leader-endpoint-port': '2113' }) },
  } as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
const appending = { doing: 'appending to dossier-1', append: { streamId: 'dossier-1', expected: 3 } };
const wrongVersion = (current: bigint | 'no_stream') =>
  new WrongExpectedVersionError(undefined, { streamName: 'ketnap-dossier-1', expected: 2n, current });

describe('EventStoreDB client errors as the port errors', () => {
  it('turns a lost version race into a ConcurrencyError naming the actual version', () => {
    const error = storeErrorOf(wrongVersion(4n), appending);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({
      streamId: 'dossier-1',
      expected: 3,
      actual: 5,
      message: expect.stringContaining('at version 5'),
    });
    expect(storeErrorOf(wrongVersion('no_stream'), appending)).toMatchObject({ actual: null });
    expect(isWrongExpectedVersion(wrongVersion(0n))).toBe(true);
  });

  it('leaves a version error outside an append as it is', () => {
    const error = wrongVersion(4n);
    expect(storeErrorOf(error, { doing: 'recording command k' })).toBe(error);
  });

  it('turns an append over the size limit into an InvalidAppendError', () => {
    const error = storeErrorOf(MaxAppendSizeExceededError.fromMaxAppendSize(1024), appending);
    expect(error).toBeInstanceOf(InvalidAppendError);
    expect((error as Error).message).toMatch(/appending to dossier-1: the events are larger than EventStoreDB accepts/);
  });

  it('says what to check when access is denied', () => {
    const error = storeErrorOf(new AccessDeniedError(undefined, 'Access denied'), { doing: 'reading the log ($all)' });
    expect(error).toBeInstanceOf(EventStoreDbError);
    expect(error).toMatchObject({ reason: 'access-denied', message: expect.stringMatching(/user in EVENTSTORE_URL/) });
    expect((error as Error).cause).toBeInstanceOf(AccessDeniedError);
  });

  it.each([
    ['an unreachable server', new UnavailableError(undefined, 'No connection established')],
    ['a deadline exceeded', new DeadlineExceededError(undefined, 'Deadline exceeded')],
    ['a timeout', new TimeoutError(undefined, 'timed out')],
    ['a cancelled call', new CancelledError(undefined, 'cancelled')],
    ['a follower answering a write', notLeader()],
  ])('reports %s as unavailable, naming EVENTSTORE_URL', (_what, clientError) => {
    const error = storeErrorOf(clientError, { doing: 'reading dossier-1' });
    expect(error).toBeInstanceOf(EventStoreDbError);
    expect(error).toMatchObject({
      reason: 'unavailable',
      message: expect.stringMatching(/while reading dossier-1.*EVENTSTORE_URL/),
    });
  });

  it('reports a stream deleted behind ketnap, and a server too old', () => {
    expect(storeErrorOf(StreamDeletedError.fromStreamName('ketnap-dossier-1'), appending)).toMatchObject({
      name: 'EventStoreDbError',
      reason: 'stream-deleted',
    });
    expect(storeErrorOf(new UnsupportedError('filtered reads', '20.6'), appending)).toMatchObject({
      reason: 'unsupported',
    });
  });

  it.each([
    ['NoStreamError', new NoStreamError(undefined, 'no stream')],
    ['NotFoundError', new NotFoundError(undefined, 'not found')],
    ['InvalidArgumentError', new InvalidArgumentError('bad argument')],
    ['InvalidTransactionError', new InvalidTransactionError(undefined, 'invalid transaction')],
    [
      'PersistentSubscriptionDoesNotExistError',
      new PersistentSubscriptionDoesNotExistError(undefined, { streamName: 's' }),
    ],
  ])('passes %s, which none of its calls expects, through as it is', (_name, clientError) => {
    expect(storeErrorOf(clientError, appending)).toBe(clientError);
  });

  it('knows a missing stream, and passes any other error through', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'ketnap-dossier-1'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
    const unknown = new UnknownError(undefined, 'boom');
    expect(storeErrorOf(unknown, appending)).toBe(unknown);
    const plain = new TypeError('bad');
    expect(storeErrorOf(plain, appending)).toBe(plain);
  });
});
