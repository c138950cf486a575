import type { Decoded } from '@ketnap/domain';
import type { EventEnvelope } from './event-store.port';

/**
 * An envelope as every consumer of events receives it: its type and data read by the domain's one
 * decoder (`decodeEvent`, upcasters by type and schema version), every other field as stored.
 */
export type DecodedEnvelope = Decoded<EventEnvelope>;
