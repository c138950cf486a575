import { TamperedLog } from './testing/tampered-log';
import { verifyWholeLog, walkLog } from './verify';

describe('walking the log', () => {
  it('lets the event loop run between pages, so a long walk does not stall a server', async () => {
    const log = await TamperedLog.record([['dossier-a', 5]]);
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    const ranBeforeEvent: boolean[] = [];
    await walkLog(log, { pageSize: 2, visit: () => void ranBeforeEvent.push(otherWorkRan) });
    expect(ranBeforeEvent).toEqual([false, false, true, true, true]);
  });

  it('continues from given heads after a position, and verifyWholeLog stops at the first broken link', async () => {
    const log = await TamperedLog.record([
      ['dossier-a', 2],
      ['dossier-b', 2],
    ]);
    const first = await walkLog(log);
    log.append('dossier-a', { more: true });
    const rest = await walkLog(log, { after: String(first.lastPosition), heads: new Map(first.heads) });
    expect({ events: rest.events, lastPosition: rest.lastPosition, a: rest.heads.get('dossier-a')?.version }).toEqual({
      events: 1,
      lastPosition: 5,
      a: 3,
    });
    log.edit('dossier-a', 1, { forged: true }, { rechain: false });
    expect(await verifyWholeLog(log)).toEqual({
      ok: false,
      streams: 0,
      events: 1,
      firstBroken: { streamId: 'dossier-a', streamVersion: 1, reason: 'the stored event does not match its hash' },
    });
  });

  it('counts a log through a broken link without checking links, and checks them by default', async () => {
    const log = await TamperedLog.record([
      ['dossier-a', 3],
      ['dossier-b', 2],
    ]);
    log.edit('dossier-a', 2, { forged: true }, { rechain: false });
    const seen: Array<string | undefined> = [];
    const counted = await walkLog(log, { checkLinks: false, visit: (_e, broken) => void seen.push(broken?.reason) });
    expect({ events: counted.events, streams: counted.heads.size }).toEqual({ events: 5, streams: 2 });
    expect(seen.every((reason) => reason === undefined)).toBe(true);
    const checked: Array<string | undefined> = [];
    await walkLog(log, { visit: (_e, broken) => void checked.push(broken?.reason) });
    expect(checked.filter((reason) => reason !== undefined)).toHaveLength(1);
  });
});
