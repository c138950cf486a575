export * from './config/config';
export { KETNAP_CONFIG } from './config/config.token';
export * from './clock/clock';
export { ConsumerRegistry, type LogConsumer } from './consumers/consumer-registry';
export { createEventStore, sqlitePath } from './store/event-store.provider';
export { EngineModule } from './engine.module';
export { runMain } from './run-main';
export { closeOnSignals } from './close-on-signals';
