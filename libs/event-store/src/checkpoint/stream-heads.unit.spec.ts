import { LOG_START } from '../event-store.port';
import { TamperedLog } from '../testing/tampered-log';
import { BrokenChainError, collectStreamHeads } from './stream-heads';

const APPENDS: Array<[string, number]> = [
  ['dossier-a', 3],
  ['units', 2],
  ['dossier-b', 1],
  ['dossier-a', 2],
];

describe('the stream heads of a checkpoint', () => {
  it('are the last event of every stream, sorted by stream id, at the log position read up to', async () => {
    const log = await TamperedLog.record(APPENDS);
    const heads = await collectStreamHeads(log);
    const last = (id: string) => log.stream(id).at(-1)!;
    expect(heads).toEqual({
      position: 8,
      streams: ['dossier-a', 'dossier-b', 'units'].map((id) => ({
        streamId: id,
        version: last(id).streamVersion,
        hash: last(id).hash,
      })),
    });
    expect(await collectStreamHeads(new TamperedLog([]))).toEqual({ position: 0, streams: [] });
  });

  it('taken from a previous checkpoint read only the log after it, and equal a full walk', async () => {
    const log = await TamperedLog.record(APPENDS);
    const previous = await collectStreamHeads(log);
    log.append('dossier-b', { more: 1 });
    log.append('inspection-case-1', { opened: true });
    log.append('dossier-a', { more: 2 });
    log.reads.length = 0;
    const incremental = await collectStreamHeads(log, previous);
    expect(log.reads[0]).toBe('8');
    expect(incremental).toEqual(await collectStreamHeads(log));
    expect(incremental.position).toBe(11);
    expect(await collectStreamHeads(log, incremental)).toEqual(incremental);
  });

  it('taken from a previous checkpoint on a store not read in position order (PostgreSQL) walk the whole log', async () => {
    const log = await TamperedLog.record(APPENDS);
    const previous = await collectStreamHeads(log);
    log.append('dossier-b', { more: 1 });
    log.reads.length = 0;
    const postgresLike = { name: 'postgres', readAll: log.readAll.bind(log) };
    const heads = await collectStreamHeads(postgresLike, previous);
    expect(log.reads[0]).toBe(LOG_START);
    expect(heads).toEqual(await collectStreamHeads(log));
    expect(heads.position).toBe(9);
  });

  it('refuse to sign a log whose new events do not link to the heads they start from', async () => {
    const log = await TamperedLog.record(APPENDS);
    const previous = await collectStreamHeads(log);
    log.edit('dossier-a', 5, { forged: true }, { rechain: false });
    await expect(collectStreamHeads(log)).rejects.toThrow(BrokenChainError);
    log.edit('dossier-a', 5, { forged: true }, { rechain: true });
    const stale = {
      ...previous,
      streams: previous.streams.map((h) => (h.streamId === 'units' ? { ...h, hash: '0'.repeat(64) } : h)),
    };
    log.append('units', { renamed: true });
    await expect(collectStreamHeads(log, stale)).rejects.toThrow(/broken at units version 3 \(prevHash does not match/);
  });
});
