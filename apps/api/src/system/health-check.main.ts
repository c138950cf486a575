import { healthUrl, isHealthy } from './health-probe';

/** Docker's timeout for the check (HEALTHCHECK --timeout, docker-compose.yml) is longer: ours decides. */
const TIMEOUT_MS = 4000;

/**
 * The container's health check (the Dockerfile's HEALTHCHECK and the API services of
 * docker-compose.yml): exits 0 when this container's API answers `GET /health` with 200, 1 otherwise.
 * Node's own fetch, as the slim image has no curl.
 */
void isHealthy(healthUrl(process.env), TIMEOUT_MS).then((ok) => process.exit(ok ? 0 : 1));
