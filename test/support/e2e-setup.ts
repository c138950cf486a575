import { dropE2eStores } from './e2e-store';

// Runs before each e2e test file: the PostgreSQL databases and Redis prefixes its apps got are dropped after it.
afterAll(dropE2eStores);
