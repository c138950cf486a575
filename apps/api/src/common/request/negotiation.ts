/**
 * The media type of `offered` the client prefers by its `Accept` header (quality, then the order
 * offered); the first offered when the client names none of them or sends no header.
 */
export function preferredType(accept: string | undefined, offered: readonly string[]): string {
  if (!accept) return offered[0];
  const ranges = accept.split(',').map((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { range: range.trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
  });
  const quality = (type: string) => {
    const [main] = type.split('/');
    const matches = ranges.filter(({ range }) => range === type || range === `${main}/*` || range === '*/*');
    return matches.length === 0 ? 0 : Math.max(...matches.map((m) => m.q));
  };
  let best = offered[0];
  let bestQ = -1;
  for (const type of offered) {
    const q = quality(type);
    if (q > bestQ) [best, bestQ] = [type, q];
  }
  return bestQ > 0 ? best : offered[0];
}
