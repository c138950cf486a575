import type { StateCache } from './command-pipeline';

/**
 * A {@link StateCache} of the `limit` streams used last (least recently used dropped first): a Map
 * keeps insertion order, so a hit moves the stream to the end.
 */
export class LruStateCache<S> implements StateCache<S> {
  private readonly states = new Map<string, { version: number; state: S }>();

  constructor(private readonly limit: number) {}

  get(streamId: string): { version: number; state: S } | undefined {
    const known = this.states.get(streamId);
    if (known) {
      this.states.delete(streamId);
      this.states.set(streamId, known);
    }
    return known;
  }

  set(streamId: string, version: number, state: S): void {
    const known = this.states.get(streamId);
    if (known && known.version >= version) return;
    this.states.delete(streamId);
    this.states.set(streamId, { version, state });
    if (this.states.size > this.limit) this.states.delete(this.states.keys().next().value as string);
  }
}
