import { dropE2eStores } from './e2e-store';

// Runs before each e2e test file: the PostgreSQL databases and Redis prefixes its apps got are dropped after it
// (a DROP DATABASE takes seconds on a loaded machine).
afterAll(dropE2eStores, 60_000);
