export { parseSheet, sheetFormatOf, type Sheet, type SheetFormat, type SheetRecord } from './spreadsheet';
export { commandFields, type FieldKind, type FieldSpec } from './command-fields';
export {
  importSteps,
  legalDateFieldOf,
  readImportSheet,
  type ImportDossier,
  type ImportOptions,
  type ImportRow,
  type ImportSheet,
} from './import-rows';
export { checkImportDossier, isLegacyDossier, type ImportVerdict } from './check-import';
