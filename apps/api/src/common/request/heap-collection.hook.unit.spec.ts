import Fastify from 'fastify';
import { RequestHeapCollector } from '@ketnap/engine';
import { registerHeapCollection } from './heap-collection.hook';

describe('registerHeapCollection', () => {
  const MIB = 2 ** 20;

  it('collects once a route that grew the heap past the limit has answered, not after one that did not', async () => {
    let used = 100 * MIB;
    const collected: string[] = [];
    let route = '';
    const fastify = Fastify();
    registerHeapCollection(
      fastify,
      new RequestHeapCollector(
        () => collected.push(route),
        () => used,
        16 * MIB,
      ),
    );
    fastify.get('/heavy', async () => {
      route = 'heavy';
      used += 40 * MIB;
      return { ok: true };
    });
    fastify.get('/light', async () => {
      route = 'light';
      used += MIB;
      return { ok: true };
    });
    expect((await fastify.inject({ method: 'GET', url: '/light' })).statusCode).toBe(200);
    expect((await fastify.inject({ method: 'GET', url: '/heavy' })).statusCode).toBe(200);
    expect((await fastify.inject({ method: 'GET', url: '/heavy' })).statusCode).toBe(200);
    expect(collected).toEqual(['heavy', 'heavy']);
    await fastify.close();
  });
});
