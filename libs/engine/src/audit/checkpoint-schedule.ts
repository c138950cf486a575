import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { AuditCheckpoints } from './audit-checkpoints';

/**
 * The worker's audit checkpoints: one every `KETNAP_CHECKPOINT_INTERVAL` while the log moves, none
 * while it stands still. Nothing starts while `KETNAP_WORKER=off` or the interval is `off`.
 */
@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.checkpointIntervalMs;
    if (!this.config.worker || every === undefined) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Takes a checkpoint unless the newest one is at the log's head already; true when it took one. */
  async tick(): Promise<boolean> {
    try {
      if ((await this.store.headPosition()) === this.checkpoints.newestPosition()) return false;
      const taken = await this.checkpoints.take();
      this.logger.log(
        `checkpoint ${taken.id} signed at position ${taken.position} (${taken.streamCount} streams): ${taken.file}`,
      );
      return true;
    } catch (error) {
      this.logger.error(`no checkpoint taken: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
}
