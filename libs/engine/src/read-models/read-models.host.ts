import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { ProjectionDatabase, ProjectionRunner, type Projection } from '@ketnap/projections';
import { KETNAP_CONFIG } from '../config/config.token';
import type { KetnapConfig } from '../config/config';
import { ConsumerRegistry } from '../consumers/consumer-registry';
import { PROJECTIONS } from './read-models.tokens';

const POLL_MS = 100;

/**
 * Keeps the read models up to date: one {@link ProjectionRunner} per registered projection when the
 * worker is on (a lease keeps each projection in one process), each announced to the
 * {@link ConsumerRegistry} as `projection:<name>` so `/health` and `/metrics` show its lag. With the
 * worker off it only reports the positions another process reached.
 */
@Injectable()
export class ReadModelsHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('read-models');
  private runners: ProjectionRunner[] = [];
  /** Without the worker: refreshes the positions another process reached (see `followOthers`). */
  private following: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    private readonly pdb: ProjectionDatabase,
    private readonly consumers: ConsumerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const names = this.projections.map((p) => p.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`projection ${twice} is registered twice`);
    if (!this.config.worker) return this.followOthers();
    for (const projection of this.projections) {
      const runner = new ProjectionRunner(this.store, this.pdb, projection, {
        pollIntervalMs: POLL_MS,
        onError: (error) =>
          this.logger.error(`projection ${projection.name}: ${error instanceof Error ? error.message : String(error)}`),
      });
      this.runners.push(runner);
      this.consumers.register({ name: `projection:${projection.name}`, position: () => runner.position() });
      runner.start();
    }
  }

  /**
   * Without the worker, `/health` and `/metrics` show the positions the worker's process reached, read
   * from the projection database now and then (they ask for a number, not a query).
   */
  private async followOthers(): Promise<void> {
    const refresh = async () => this.consumers.report(await this.activePositions());
    await refresh();
    this.following = setInterval(
      () =>
        void refresh().catch((error: unknown) =>
          this.logger.warn(`read-model positions: ${error instanceof Error ? error.message : String(error)}`),
        ),
      POLL_MS * 10,
    );
    this.following.unref();
  }

  /** The position each projection's active generation reached, by consumer name. */
  private async activePositions(): Promise<Record<string, number>> {
    const positions: Record<string, number> = {};
    for (const p of this.projections)
      positions[`projection:${p.name}`] = (await this.pdb.active(p.name))?.position ?? 0;
    return positions;
  }

  /** Resolves once every read model has applied the log up to `position` (default: the head now). */
  async caughtUp(position?: number): Promise<void> {
    const target = position ?? (await this.store.headPosition());
    if (this.runners.length > 0) {
      await Promise.all(this.runners.map((r) => r.caughtUp(target)));
      return;
    }
    for (;;) {
      const positions = await this.activePositions();
      this.consumers.report(positions);
      if (Object.values(positions).every((position) => position >= target)) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.following);
    await Promise.all(this.runners.map((r) => r.stop()));
    for (const p of this.projections) this.consumers.unregister(`projection:${p.name}`);
    this.runners = [];
  }
}
