export { deadlinesProjection, DEADLINES_PROJECTION, type DeadlinesProjectionOptions } from './deadlines.projection';
export {
  DeadlinesBoard,
  reminderId,
  type DeadlineFilter,
  type DeadlineKey,
  type DeadlineView,
  type ReminderDue,
} from './deadlines.board';
export { inspectionCasesProjection, INSPECTION_CASES_PROJECTION } from './inspection-cases.projection';
export { InspectionCasesBoard, type InspectionCaseRow } from './inspection-cases.board';
