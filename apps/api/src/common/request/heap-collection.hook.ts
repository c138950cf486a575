import type { FastifyInstance } from 'fastify';
import { RequestHeapCollector } from '@ketnap/engine';

/**
 * Collects the heap once a request that grew it a lot has been answered (see {@link RequestHeapCollector}):
 * after its answer is out, so the answer waits for nothing and its own copies go too.
 */
export function registerHeapCollection(fastify: FastifyInstance, collector = new RequestHeapCollector()): void {
  fastify.addHook('onRequest', (_req, reply, done) => {
    const usedAtStart = collector.started();
    reply.raw.once('close', () => collector.ended(usedAtStart));
    done();
  });
}
