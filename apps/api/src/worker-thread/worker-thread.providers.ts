import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CLOCK, CLOCK_JUMP, ConsumerRegistry, type Clock } from '@ketnap/engine';
import { WorkerLink } from './worker-link';

/** Reports the thread's consumers once the app runs; stops the thread when the app closes. */
@Injectable()
class WorkerThreadLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly link: WorkerLink,
    private readonly consumers: ConsumerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.link.report(this.consumers);
  }

  onApplicationShutdown(): Promise<void> {
    return this.link.stop();
  }
}

/**
 * The API's bindings to the worker's thread: its clock jump (provided by the API's own module, so it
 * is the one the clock route gets) and its lifecycle.
 */
export const workerThreadProviders = (link: WorkerLink): Provider[] => [
  { provide: WorkerLink, useValue: link },
  { provide: CLOCK_JUMP, inject: [CLOCK], useFactory: (clock: Clock) => link.clockJump(clock) },
  WorkerThreadLifecycle,
];
