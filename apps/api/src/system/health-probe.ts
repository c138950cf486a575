/**
 * The address of this container's own `/health`: its `PORT`, on the loopback address unless
 * `KETNAP_HOST` narrowed the API to one address. Read straight from the environment: the probe runs
 * every few seconds and must not load the app to find two values.
 */
export function healthUrl(env: NodeJS.ProcessEnv): string {
  const port = env.PORT || '3000';
  const listensEverywhere = !env.KETNAP_HOST || env.KETNAP_HOST === '0.0.0.0' || env.KETNAP_HOST === '::';
  const host = listensEverywhere ? '127.0.0.1' : (env.KETNAP_HOST as string);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/health`;
}

/** Whether `/health` answered 200 within `timeoutMs` (503: the store does not answer; no answer: down). */
export async function isHealthy(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
