import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import {
  ConfigError,
  ManualClock,
  RequestError,
  type Clock,
  type ClockJump,
  type ClockJumpPort,
  type ConsumerRegistry,
  type KetnapConfig,
} from '@ketnap/engine';
import type { FromWorker, ToWorker } from './worker-messages';

/** How long a stopping worker may take to finish its page and close before it is ended. */
const STOP_MS = 10_000;

/**
 * The API's side of the worker's thread (`npm start`): starts it and waits until it runs, reports its
 * consumers' positions to the API's registry, moves the manual clock through it (the sweep runs
 * there, then this thread's clock follows), and stops it when the app closes. A thread that fails
 * ends the process: its supervisor starts it again.
 */
export class WorkerLink {
  private calls = 0;
  private readonly pending = new Map<number, { resolve: (jump: ClockJump) => void; reject: (error: Error) => void }>();
  private positions: Record<string, number> = {};
  /** Until the thread runs, its failure fails the start instead of ending the process. */
  private starting = true;
  private stopping = false;

  private constructor(
    private readonly worker: Worker,
    private readonly config: KetnapConfig,
  ) {
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => {
      if (this.starting) return;
      Logger.error(`the worker's thread failed: ${error.stack ?? error.message}`, 'ketnap');
      process.exit(1);
    });
    worker.on('exit', (code) => {
      if (this.stopping || this.starting) return;
      Logger.error(`the worker's thread ended (code ${code})`, 'ketnap');
      process.exit(1);
    });
  }

  /**
   * Starts the worker's thread and resolves once its read models, saga and sweep run.
   * @throws ConfigError for bad configuration the worker found, any other start failure as an Error.
   */
  static start(config: KetnapConfig): Promise<WorkerLink> {
    const entry = join(__dirname, `worker-thread.main${extname(__filename)}`);
    const worker = new Worker(entry, { workerData: { config } });
    const link = new WorkerLink(worker, config);
    return new Promise((resolve, reject) => {
      const started = (message: FromWorker) => {
        if (message.type !== 'ready' && message.type !== 'failed') return;
        worker.off('message', started);
        link.starting = false;
        if (message.type === 'ready') return resolve(link);
        link.stopping = true;
        const { error } = message;
        reject(
          error.config
            ? new ConfigError(error.config.variable, error.config.reason)
            : Object.assign(new Error(error.message), { stack: error.stack }),
        );
      };
      worker.on('message', started);
      worker.once('error', (error) => link.starting && reject(error));
    });
  }

  /** The clock jump of the API's thread: the worker's thread moves its clock and sweeps, then `clock` follows. */
  clockJump(clock: Clock): ClockJumpPort {
    const send = (now: Date) => this.call({ type: 'clock', id: ++this.calls, now: now.toISOString() });
    return {
      enabled: this.config.clock === 'manual',
      async set(now: Date): Promise<ClockJump> {
        const jump = await send(now);
        if (clock instanceof ManualClock) clock.set(new Date(jump.now));
        return jump;
      },
    };
  }

  /** Reports the positions of the worker's consumers to the API's registry, as they come. */
  report(consumers: ConsumerRegistry): void {
    consumers.report(this.positions);
    this.worker.on(
      'message',
      (message: FromWorker) => message.type === 'positions' && consumers.report(message.positions),
    );
  }

  /** Asks the thread to finish and close; ends it after a while if it does not. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.post({ type: 'stop' });
    const timeout = setTimeout(() => void this.worker.terminate(), STOP_MS);
    await exited;
    clearTimeout(timeout);
  }

  private call(message: Extract<ToWorker, { type: 'clock' }>): Promise<ClockJump> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.post(message);
    });
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'positions') this.positions = message.positions;
    if (message.type !== 'clock') return;
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (!waiting) return;
    const { result, error } = message;
    if (result) return waiting.resolve(result);
    waiting.reject(
      error?.kind && error.key
        ? new RequestError(error.kind, error.key, error.params, error.errors)
        : new Error(error?.message),
    );
  }
}
