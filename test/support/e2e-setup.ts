import { dropE2eStores } from './e2e-store';

// Runs before each e2e test file: the PostgreSQL databases and Redis prefixes its apps got are dropped after it
// (a DROP DATABASE takes seconds on a loaded machine).
afterAll(dropE2eStores, 60_000);

// An app starts in a child process, on PostgreSQL after a CREATE DATABASE: more than jest's 5 s on a
// loaded machine. A file that needs longer says so itself.
jest.setTimeout(30_000);
