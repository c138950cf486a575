export {
  UNKNOWN_EVENT,
  isDossierEvent,
  isInspectionCaseEvent,
  isUserEvent,
  isStepEvent,
  type DecodedEvent,
  type DomainEvent,
  type DomainEventType,
  type UnknownEvent,
} from './domain-event';
export { EVENT_SCHEMAS, schemaVersionOf, type EventSchema, type Upcaster } from './event-schemas';
export { EventSchemaError, decodeEvent, type Decoded, type StoredEvent } from './decode-event';
export { fieldOf, fieldsOf, withData } from './event-data';
export { cutRecord, recordedOf } from './recorded';
