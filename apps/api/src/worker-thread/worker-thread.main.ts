import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import {
  CLOCK_JUMP,
  ConfigError,
  ConsumerRegistry,
  RequestError,
  createWorkerApp,
  type ClockJumpPort,
  type KetnapConfig,
} from '@ketnap/engine';
import type { CarriedError, FromWorker, ToWorker } from './worker-messages';

/** How often the thread tells the API how far its log consumers are (for `/health` and `/metrics`). */
const REPORT_MS = 50;

function carried(error: unknown): CarriedError {
  if (error instanceof RequestError) return { message: error.message, kind: error.kind, code: error.code };
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
  const app = await createWorkerApp(workerData.config as KetnapConfig);
  const consumers = app.get(ConsumerRegistry);
  const clock = app.get<ClockJumpPort>(CLOCK_JUMP);
  let reported = '';
  const report = setInterval(() => {
    const positions = consumers.positions();
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
