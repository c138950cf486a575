import type { MessageText } from './message-text';

/**
 * What a plan import assumed or noticed (the plan's `warnings`), in the words of the published tables
 * (biểu, Quý, Giới thiệu, Kết nạp, Tổng cộng). A table is named by `plan.table`; years, line and row
 * numbers are given as text (a year is not written `2.024`), counts as numbers.
 */
export const PLAN_WARNING_MESSAGES = {
  'plan.table': { vi: 'biểu {index} ({kind})', en: 'table {index} ({kind})' },
  'plan.kind-branches': { vi: 'khối chi bộ', en: 'branches' },
  'plan.kind-coordination': { vi: 'MTTQ và các đoàn thể', en: 'coordination' },
  'plan.untitled-table': {
    vi: 'biểu {index} (dòng {line}): tiêu đề không cho biết đây là biểu khối chi bộ hay biểu MTTQ và các đoàn thể; đọc là biểu {kind}',
    en: 'table {index} (line {line}): its title does not say whether it is the branch block or the mass organisations; read as {kind}',
  },
  'plan.unclear-title': {
    vi: 'biểu {index} "{title}" (dòng {line}): tiêu đề không cho biết đây là biểu khối chi bộ hay biểu MTTQ và các đoàn thể; đọc là biểu {kind}',
    en: 'table {index} "{title}" (line {line}): its title does not say whether it is the branch block or the mass organisations; read as {kind}',
  },
  'plan.line-ignored': { vi: 'bỏ qua dòng {line}: "{text}"', en: 'line {line} ignored: "{text}"' },
  'plan.no-header': {
    vi: '{table}: không có dòng tiêu đề; đọc các cột theo thứ tự của biểu đã công bố (Quý I … Quý IV, rồi Cộng)',
    en: '{table}: no header row; read the columns in the published order (Quý I … Quý IV, then Cộng)',
  },
  'plan.row-blank-cells': {
    vi: '{table}, dòng số {number} "{name}": ô trống được đọc là 0 ({columns})',
    en: '{table}, row {number} "{name}": blank cells read as 0 ({columns})',
  },
  'plan.totals-blank-cells': {
    vi: '{table}, dòng Tổng cộng: ô trống được đọc là 0 ({columns})',
    en: '{table}, totals row: blank cells read as 0 ({columns})',
  },
  'plan.row-total-mismatch': {
    vi: '{table}, dòng số {number} "{name}": cột {column} ghi {said} nhưng cộng các quý được {sum}; lấy số liệu các quý',
    en: '{table}, row {number} "{name}": {column} says {said} but its quarters add up to {sum}; the quarters are used',
  },
  'plan.totals-mismatch': {
    vi: '{table}, dòng Tổng cộng: cột {column} ghi {said} nhưng cộng các dòng được {sum}',
    en: '{table}, totals row: {column} says {said} but the rows add up to {sum}',
  },
  'plan.title-year': {
    vi: '{table}: tiêu đề ghi năm {titleYear}, được nhập làm kế hoạch năm {year}',
    en: '{table}: the title says {titleYear}, imported as the plan for {year}',
  },
  'plan.missing-quarters': {
    vi: 'đơn vị {unitId}: không có số liệu Quý {quarters}; đọc là 0',
    en: 'unit {unitId}: no figures for Quý {quarters}; read as 0',
  },
  'plan.units-created': {
    vi: 'đã tạo {count} đơn vị chưa có trong danh mục: {branches} chi bộ, {massOrgs} tổ chức đoàn thể',
    en: 'created {count} units missing from the catalog: {branches} branches, {massOrgs} mass organisations',
  },
  'plan.units-created-with-committee': {
    vi: 'đã tạo {count} đơn vị chưa có trong danh mục: đảng ủy {name} ({unitId}) là đơn vị cấp trên, {branches} chi bộ, {massOrgs} tổ chức đoàn thể',
    en: 'created {count} units missing from the catalog: the party committee {name} ({unitId}), their parent, {branches} branches, {massOrgs} mass organisations',
  },
  'plan.blocks-inferred': {
    vi: 'khối của các chi bộ vừa tạo được suy ra từ tên ({markers} → khối cơ quan, còn lại khối nông thôn): khối cơ quan: {agency}; khối nông thôn: {rural}',
    en: 'block of the created branches inferred from their names ({markers} → agency, others rural): agency: {agency}; rural: {rural}',
  },
  'plan.no-units': { vi: 'không có', en: 'none' },
  'plan.mass-orgs-created': {
    vi: 'đã tạo các tổ chức đoàn thể: {units}',
    en: 'created mass organisations: {units}',
  },
  'plan.default-committee-name': {
    vi: 'đảng ủy đang mang tên mặc định "{name}": hãy đặt tên thật bằng PUT /api/v1/units/{unitId} (hoặc đặt tên khi nhập: committeeName, --committee-name trong CLI)',
    en: 'the committee has the default name "{name}": give its real name with PUT /api/v1/units/{unitId} (or name it at import: committeeName, --committee-name in the CLI)',
  },
  'plan.committee-members-unset': {
    vi: 'chưa đặt committeeMembers của {unitId}: chưa thể kiểm tra nghị quyết của đảng ủy theo tỷ lệ 2/3 cho đến khi đặt (PUT /api/v1/units/{unitId})',
    en: 'committeeMembers of {unitId} is not set: the committee resolutions cannot be checked against 2/3 until it is (PUT /api/v1/units/{unitId})',
  },
  'plan.official-members-unset': {
    vi: '{count} chi bộ chưa có officialMembers: chưa thể kiểm tra nghị quyết của các chi bộ này theo tỷ lệ 2/3 cho đến khi có ({unitIds})',
    en: '{count} branches have no officialMembers: their resolutions cannot be checked against 2/3 until they do ({unitIds})',
  },
  'plan.no-minimums': {
    vi: 'chưa có chỉ tiêu kết nạp tối thiểu (minTotal, minRural, minAgency; --min-total, --min-rural, --min-agency trong CLI): báo cáo không có gì để so sánh',
    en: 'no minimum admissions (minTotal, minRural, minAgency; --min-total, --min-rural, --min-agency in the CLI): the report has none to compare with',
  },
  /**
   * A warning stored as English text by a release before warnings were catalogue messages
   * (`PlanAdopted` schema version 1): shown as it was written, said to be English in Vietnamese.
   */
  'plan.recorded-warning': { vi: '{text} (ghi nhận bằng tiếng Anh)', en: '{text}' },
} as const satisfies Record<`plan.${string}`, MessageText>;
