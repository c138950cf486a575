/** Symbol token of the {@link InspectionCasesBoard} (the inspection cases read model's queries). */
export const INSPECTION_CASES_BOARD = Symbol('INSPECTION_CASES_BOARD');
