import 'reflect-metadata';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import {
  CLOCK_JUMP,
  ConfigError,
  ConsumerRegistry,
  RequestError,
  SettledCollector,
  type RequestKey,
  createWorkerApp,
  type ClockJumpPort,
  type KetnapConfig,
} from '@ketnap/engine';
import type { CarriedError, FromWorker, ToWorker } from './worker-messages';

/** How often the thread tells the API how far its log consumers are (for `/health` and `/metrics`). */
const REPORT_MS = 50;

/**
 * The worker thread's niceness: when requests and the worker want more CPU than there is, requests
 * come first and the read models catch up as soon as the load eases (`/health` shows the lag).
 */
const WORKER_NICENESS = 10;

/**
 * Lowers this thread's scheduling priority, not the process's: Linux schedules threads apart and
 * `setpriority` takes a thread id. Elsewhere (no `/proc/thread-self`) the thread keeps the process's.
 */
function yieldToRequests(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, WORKER_NICENESS);
  } catch {
    // not Linux, or not allowed: same priority as the API
  }
}

function carried(error: unknown): CarriedError {
  if (error instanceof RequestError) {
    const { message, kind, messageKey, messageParams: params, errors } = error;
    return { message, kind, key: messageKey as RequestKey, params, errors };
  }
  if (error instanceof ConfigError)
    return { message: error.message, config: { variable: error.variable, reason: error.reason } };
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

/**
 * The worker of `npm start`, in a thread of the API's process: the read models, the deadline saga and
 * the checkpoints run on the other core, so a page of the log never holds up a request.
 */
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);

async function run(): Promise<void> {
  yieldToRequests();
  const app = await createWorkerApp(workerData.config as KetnapConfig);
  const consumers = app.get(ConsumerRegistry);
  const clock = app.get<ClockJumpPort>(CLOCK_JUMP);
  const collector = new SettledCollector();
  let reported = '';
  const report = setInterval(() => {
    const positions = consumers.positions();
    collector.observe(positions, Date.now());
    const text = JSON.stringify(positions);
    if (text !== reported) send({ type: 'positions', positions });
    reported = text;
  }, REPORT_MS);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'clock') {
      clock.set(new Date(message.now)).then(
        (result) => send({ type: 'clock', id: message.id, result }),
        (error: unknown) => send({ type: 'clock', id: message.id, error: carried(error) }),
      );
    } else {
      clearInterval(report);
      void app.close().then(() => port.close());
    }
  });
  send({ type: 'ready' });
}

run().catch((error: unknown) => {
  send({ type: 'failed', error: carried(error) });
  port.close();
});
