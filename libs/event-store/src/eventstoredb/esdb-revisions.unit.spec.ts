import { InvalidAppendError } from '../errors';
import { expectedRevisionOf, expectedVersionOf, revisionOfVersion, versionOfRevision } from './esdb-revisions';

describe('ketnap versions and EventStoreDB revisions', () => {
  it('maps an expected version to the revision EventStoreDB expects', () => {
    expect(expectedRevisionOf('no-stream')).toBe('no_stream');
    expect(expectedRevisionOf('any')).toBe('any');
    expect(expectedRevisionOf(0)).toBe('no_stream');
    expect(expectedRevisionOf(1)).toBe(0n);
    expect(expectedRevisionOf(25)).toBe(24n);
  });

  it('refuses an expected version that is no count of events', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => expectedRevisionOf(bad)).toThrow(InvalidAppendError);
    }
  });

  it('maps back: an expected revision, a stream revision, a version to read from', () => {
    expect(expectedVersionOf('no_stream')).toBe('no-stream');
    expect(expectedVersionOf('any')).toBe('any');
    expect(expectedVersionOf(24n)).toBe(25);
    for (const version of [1, 2, 25]) expect(expectedVersionOf(expectedRevisionOf(version) as bigint)).toBe(version);
    expect(versionOfRevision('no_stream')).toBeNull();
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
    expect(revisionOfVersion(1)).toBe(0n);
    expect(revisionOfVersion(42)).toBe(41n);
    expect(() => revisionOfVersion(0)).toThrow(RangeError);
    expect(() => versionOfRevision(2n ** 60n)).toThrow(RangeError);
  });
});
