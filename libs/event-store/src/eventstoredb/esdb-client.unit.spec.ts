import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { filteredReadRequest } from './esdb-client';

describe('a filtered read of $all', () => {
  it('asks the server for events of streams with the prefix, forwards after a position', () => {
    const request = filteredReadRequest({
      fromPosition: { commit: 300n, prepare: 250n },
      direction: 'forwards',
      maxCount: 502,
      prefixes: ['ketnap-'],
    });
    const options = request.getOptions()!;
    expect(options.getReadDirection()).toBe(ReadReq.Options.ReadDirection.FORWARDS);
    expect(options.getCount()).toBe('502');
    expect(options.getAll()!.getPosition()!.toObject()).toEqual({ commitPosition: '300', preparePosition: '250' });
    expect(options.hasNoFilter()).toBe(false);
    expect(options.hasSubscription()).toBe(false);
    expect(options.getResolveLinks()).toBe(false);
    const filter = options.getFilter()!;
    expect(filter.getStreamIdentifier()!.getPrefixList()).toEqual(['ketnap-']);
    expect(filter.hasEventType()).toBe(false);
    expect(filter.hasCount()).toBe(true);
  });

  it('reads backwards from the end for the head', () => {
    const options = filteredReadRequest({
      fromPosition: 'end',
      direction: 'backwards',
      maxCount: 1,
      prefixes: ['k-'],
    }).getOptions()!;
    expect(options.getReadDirection()).toBe(ReadReq.Options.ReadDirection.BACKWARDS);
    expect(options.getAll()!.hasEnd()).toBe(true);
    expect(
      filteredReadRequest({ fromPosition: 'start', direction: 'forwards', maxCount: 1, prefixes: [] })
        .getOptions()!
        .getAll()!
        .hasStart(),
    ).toBe(true);
  });
});
