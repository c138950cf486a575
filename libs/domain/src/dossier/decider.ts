import { decide } from './decide';
import { evolve } from './evolve';
import { initialState } from './state';

/** The dossier as one decider `{ decide, evolve, initialState }` (Emmett style). */
export const dossierDecider = { decide, evolve, initialState } as const;
