import type {
  AppendOptions,
  AppendResult,
  EventEnvelope,
  EventStore,
  LogCheckpoint,
  LogPage,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  Subscription,
  SubscriptionOptions,
  VerifyResult,
} from '../event-store.port';
import { PollingSubscription } from '../polling-subscription';
import { isSealedPersonal, openPersonal } from './personal-cipher';
import type { DataKey, Keyring, SubjectKey } from './personal-keyring';

/** The subject whose key seals a stream's personal parts (a dossier's id), or undefined for none. */
export type SubjectOfStream = (streamId: string) => string | undefined;

/**
 * The event store with the personal part of events encrypted at rest (DESIGN.md §9): on append, the
 * `data.personal` of an event on a subject's stream is sealed with that subject's data key before the
 * store seals the event, so the hash chain covers the ciphertext and `verify` needs no key; on every
 * read, it is opened again. Once the subject's key is destroyed (erasure) it reads `null`, and the
 * event's data says `personalErased: true`. A personal part stored in plain text (written before
 * encryption) is read as it is. `importEvents` and `verify` go to the store unchanged: a copy moves
 * the ciphertext, with the key table beside it.
 */
export class PersonalDataStore implements EventStore {
  readonly name: string;

  constructor(
    /** The store underneath, which holds the sealed parts. */
    readonly inner: EventStore,
    private readonly keyring: Pick<Keyring, 'seal' | 'keysOf' | 'forget'>,
    private readonly subjectOf: SubjectOfStream,
    /**
     * The type of the event recorded with an erasure: a reader meeting it forgets the subject's key it
     * holds in memory, so a process that did not destroy the key stops opening at once, not when its
     * cache expires.
     */
    private readonly erasureType?: string,
  ) {
    this.name = inner.name;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const subject = this.subjectOf(streamId);
    if (subject === undefined || !events.some(hasPersonal)) return this.inner.append(streamId, events, options);
    const sealed: NewEvent[] = [];
    for (const event of events) {
      const { data } = event;
      // After an erasure nothing personal is written again: `seal` answers null, the part is left out.
      if (isRecord(data) && hasPersonal(event)) {
        sealed.push({ ...event, data: { ...data, personal: await this.keyring.seal(subject, data.personal) } });
      } else sealed.push(event);
    }
    return this.inner.append(streamId, sealed, options);
  }

  importEvents(events: EventEnvelope[]): Promise<void> {
    return this.inner.importEvents(events);
  }

  commandResult(commandId: string): Promise<AppendResult | null> {
    return this.inner.commandResult(commandId);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]> {
    return this.opened(await this.inner.readStream(streamId, options));
  }

  streamVersion(streamId: string): Promise<number | null> {
    return this.inner.streamVersion(streamId);
  }

  async readAll(options?: ReadAllOptions): Promise<LogPage> {
    const page = await this.inner.readAll(options);
    return { ...page, events: await this.opened(page.events) };
  }

  compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
    return this.inner.compareCheckpoints(a, b);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  /** Pages read through this store, personal parts opened. */
  subscribe(options: SubscriptionOptions): Subscription {
    return new PollingSubscription(this, options);
  }

  verify(streamId?: string): Promise<VerifyResult> {
    return this.inner.verify(streamId);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * The events with their sealed personal parts opened, the keys of a page looked up at once. The
   * envelopes a read of the store underneath returns are built for that read alone: they are opened
   * in place, without a copy of each.
   */
  private async opened(events: EventEnvelope[]): Promise<EventEnvelope[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const subject = this.subjectOf(event.streamId);
      if (subject !== undefined && event.type === this.erasureType) this.keyring.forget(subject);
      const personal = personalOf(event);
      if (subject !== undefined && personal !== undefined && personal !== null) subjects.add(subject);
    }
    if (subjects.size === 0) return events;
    const keys = await this.keyring.keysOf([...subjects]);
    for (const { streamId, data } of events) {
      if (!isRecord(data) || data.personal === undefined || data.personal === null) continue;
      const sealed = isSealedPersonal(data.personal) ? data.personal : undefined;
      const key: SubjectKey | undefined = keys.get(this.subjectOf(streamId)!);
      // Erased: a sealed part cannot be opened any more, and one stored in plain text before encryption
      // (which the append-only log cannot drop) is not handed out either.
      if (key === null || (key === undefined && sealed !== undefined)) {
        data.personal = null;
        data.personalErased = true;
      } else if (key !== undefined && sealed !== undefined) openOnRead(data, key, sealed);
    }
    return events;
  }
}

/** Where `data` opened on read keeps what opens its personal part until it is first read. */
const SEALED = Symbol('sealed personal part');

interface Sealed {
  key: DataKey;
  sealed: string;
}

/**
 * The getter of every `personal` opened on read: one function for all, so that every opened `data` of
 * a type shares its hidden class (a getter made per object gives each its own, allocated where the
 * garbage collector keeps long-lived objects).
 */
function openOnFirstRead(this: Record<PropertyKey, unknown>): unknown {
  const { key, sealed } = this[SEALED] as Sealed;
  const personal = openPersonal(key.key, key.subjectId, sealed);
  Object.defineProperty(this, 'personal', { value: personal, enumerable: true, configurable: true, writable: true });
  return personal;
}

/**
 * Makes `data`'s sealed personal part open when `personal` is first read, with the key the page was
 * read with: a reader that never looks at most events' personal parts (a rebuild: helpers' names,
 * opinions) spares their decryption, the most of what reading a sealed log costs. Once read it is a
 * plain property like the others.
 */
function openOnRead(data: Record<string, unknown>, key: DataKey, sealed: string): void {
  Object.defineProperty(data, SEALED, { value: { key, sealed } satisfies Sealed });
  Object.defineProperty(data, 'personal', { enumerable: true, configurable: true, get: openOnFirstRead });
}

/**
 * The log as stored, personal parts sealed: what hashes cover. A walk that recomputes hashes (a signed
 * checkpoint, a verification against one) reads this, not the opened events.
 */
export const storedLog = (store: EventStore): EventStore => (store instanceof PersonalDataStore ? store.inner : store);

/** Event data is an object for every domain event; this store looks only at its `personal` key. */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasPersonal = ({ data }: NewEvent): boolean =>
  isRecord(data) && data.personal !== undefined && data.personal !== null;

const personalOf = ({ data }: EventEnvelope): unknown => (isRecord(data) ? data.personal : undefined);
