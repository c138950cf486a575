import type { PlanErrorCode } from '../plan/plan-error';
import type { MessageText } from './message-text';

type PlanLabelKey = `${'plan' | 'parent-kinds'}.${string}`;

/** Messages of the plan and unit-catalog refusals (`PlanError`), by code and variant. */
export const PLAN_MESSAGES = {
  PLAN_FORMAT_INVALID: {
    vi: 'Không đọc được bảng chỉ tiêu đã công bố.',
    en: 'The published plan table cannot be read.',
  },
  'PLAN_FORMAT_INVALID.not-a-number': {
    vi: 'dòng {line}, cột {column}: "{text}" không phải là số (chỉ gồm chữ số, hoặc - cho số 0)',
    en: 'line {line}, column {column}: "{text}" is not a number (digits, or - for zero)',
  },
  'PLAN_FORMAT_INVALID.quarter-missing': {
    vi: 'tiêu đề bảng ở dòng {line}: không có cột cho quý {quarters} (cần có Quý I … Quý IV)',
    en: 'table header at line {line}: no column for quarter {quarters} (expected Quý I … Quý IV)',
  },
  'PLAN_FORMAT_INVALID.quarter-columns': {
    vi: 'tiêu đề bảng ở dòng {line}: quý {quarter} phải có cột Giới thiệu rồi đến cột Kết nạp',
    en: 'table header at line {line}: quarter {quarter} must have the columns Giới thiệu then Kết nạp',
  },
  'PLAN_FORMAT_INVALID.row-kind': {
    vi: 'dòng {line}: không phải dòng đơn vị (có số thứ tự) cũng không phải dòng "Tổng cộng" của {table}',
    en: 'line {line}: neither a unit row (numbered) nor the "Tổng cộng" row of {table}',
  },
  'PLAN_FORMAT_INVALID.no-rows': {
    vi: 'không tìm thấy dòng đơn vị nào: cần các dòng có số thứ tự dưới tiêu đề "Số TT"',
    en: 'no unit rows found: expected numbered rows under a "Số TT" header',
  },
  'PLAN_FORMAT_INVALID.no-name': {
    vi: 'dòng {line}: dòng số {number} của {table} không có tên đơn vị',
    en: 'line {line}: row {number} of {table} has no unit name',
  },
  'PLAN_FORMAT_INVALID.duplicate-name': {
    vi: '"{name}" xuất hiện hai lần ({before} và {where}); mỗi đơn vị chỉ có một dòng',
    en: '"{name}" appears twice ({before} and {where}); each unit has one row',
  },
  'plan.table-row': { vi: '{table} dòng {row}', en: '{table} row {row}' },
  'UNKNOWN_UNIT.parent': {
    vi: 'đơn vị cấp trên của {kind} phải là {parentKinds}; {parentId} không phù hợp: {why}',
    en: 'the parent of a {kind} must be a {parentKinds}; {parentId} does not fit: {why}',
  },
  'parent-kinds.branch': { vi: 'đảng ủy', en: 'party-committee' },
  'parent-kinds.mass-org': { vi: 'đảng ủy', en: 'party-committee' },
  'parent-kinds.inspection-committee': {
    vi: 'đảng ủy hoặc cấp ủy cấp trên',
    en: 'party-committee or a higher-committee',
  },
  'parent-kinds.party-committee': { vi: 'cấp ủy cấp trên', en: 'higher-committee' },
  'parent-kinds.higher-committee': { vi: 'cấp ủy cấp trên', en: 'higher-committee' },
  'UNKNOWN_UNIT.authority': {
    vi: 'cấp ủy có thẩm quyền phải là chính đảng ủy này hoặc một cấp ủy cấp trên; {unitId} không phù hợp: {why}',
    en: 'the competent authority must be the committee itself or a higher-committee; {unitId} does not fit: {why}',
  },
  'UNKNOWN_UNIT.no-committee': {
    vi: 'không có đảng ủy nào mang mã {committeeId}: hãy ghi nhận đảng ủy trước (PUT /units/{unitId})',
    en: 'no party committee with the id {committeeId}: record the committee first (PUT /units/{unitId})',
  },
  'UNKNOWN_UNIT.no-names': {
    vi: 'không có đơn vị nào tên {names}: hãy ghi nhận các đơn vị trước, hoặc nhập kèm createUnits',
    en: 'no unit with the name {names}: record the units first, or import with createUnits',
  },
  'UNKNOWN_UNIT.plan-ids': {
    vi: 'không có đơn vị đúng loại nào mang mã {unitIds}: đơn vị chủ quản phải là một đảng ủy và mỗi dòng là một chi bộ hoặc một tổ chức đoàn thể; hãy ghi nhận các đơn vị trước (PUT /units/{unitId})',
    en: 'no unit of a fitting kind with the id {unitIds}: the committee must be a party committee and each row a branch or a mass organisation; record the units first (PUT /units/{unitId})',
  },
  AMBIGUOUS_UNIT_NAMES: {
    vi: 'nhiều đơn vị có cùng tên {names}: hãy đổi tên để mỗi tên là duy nhất',
    en: 'several units have the name {names}: rename them so each name is unique',
  },
  UNIT_PARENT_INVALID: {
    vi: 'Đơn vị cấp trên không phù hợp với đơn vị này.',
    en: 'The parent unit does not fit this unit.',
  },
  'UNIT_PARENT_INVALID.loop': {
    vi: 'đơn vị {unitId} không thể nhận {parentId} làm đơn vị cấp trên: các đơn vị sẽ tạo thành vòng lặp',
    en: 'unit {unitId} cannot have {parentId} as its parent: the units would form a loop',
  },
  'UNIT_PARENT_INVALID.stranded': {
    vi: 'đơn vị {unitId} không thể chuyển thành {kind}: {children} sẽ trực thuộc một đơn vị không đúng loại',
    en: 'unit {unitId} cannot become a {kind}: {children} would hang under a unit of the wrong kind',
  },
  COMMITTEE_REQUIRED: {
    vi: 'Hệ thống có nhiều đảng ủy ({committees}): hãy dùng đường dẫn của một đảng ủy (/committees/{committeeId}/…).',
    en: 'this deployment holds several party committees ({committees}): use the route of one (/committees/{committeeId}/…)',
  },
} as const satisfies Record<
  Exclude<PlanErrorCode, 'UNKNOWN_UNIT'> | `${PlanErrorCode}.${string}` | PlanLabelKey,
  MessageText
>;
