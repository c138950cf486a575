/** A committee's plan for a year: the same targets each quarter for each branch. */
export function planBody(committeeId: string, branches: LoadOptions['branches']): unknown {
  return {
    committeeId,
    units: branches.map((b) => ({
      unitId: b.unitId,
      quarters: [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 3, admissions: 2 })),
    })),
  };
}

/** What the soak hands its load generator (as JSON in KETNAP_SOAK_LOAD). */
export interface LoadOptions {
  baseUrl: string;
  /** This run's mark in every Idempotency-Key. */
  run: string;
  clients: number;
  durationMs: number;
  /** Mean pause of a client between two requests. */
  thinkMs: number;
  /** Where the load generator writes its {@link LoadResult}. */
  out: string;
  committeeId: string;
  branches: Array<{ unitId: string; officialMembers: number }>;
  /** Plans one client adopts during the run, each once that fraction of the run has passed. */
  plans: Array<{ year: number; atFraction: number }>;
  tokens: { office: string; inspector: string; admin: string };
  /** The tokens' subjects (a command id is the Idempotency-Key scoped to its sender). */
  subs: { office: string; inspector: string; admin: string };
}

/** A write the API answered with a 2xx: it must be in the store, once. */
export type AcknowledgedWrite = { sub: string; key: string } & (
  | { kind: 'nomination' | 'step'; dossierId: string; appended: string[] }
  | { kind: 'plan'; year: number }
  | { kind: 'acknowledgement'; caseId: string }
);

/** A write given up after resending it for a while (network errors or 5xx). */
export interface UnfinishedWrite {
  client: number;
  path: string;
  sub: string;
  key: string;
  lastStatus: number | 'network';
}

/** What the load generator saw. */
export interface LoadResult {
  /** Answers by status (`network`: no answer), every request counted, resends included. */
  statuses: Record<string, number>;
  /** Each request's latency in ms. */
  latencies: { read: number[]; write: number[] };
  acknowledged: AcknowledgedWrite[];
  unfinished: UnfinishedWrite[];
  /** Writes answered with a 3xx or 4xx. */
  refused: Array<{ path: string; status: number; code?: string }>;
}
