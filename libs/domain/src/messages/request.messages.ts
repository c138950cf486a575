import type { MessageText } from './message-text';

/**
 * Codes of the refusals the HTTP edge and the application raise themselves (`ProblemException`,
 * `RequestError`, the statuses of plain HTTP errors), besides the domain's rule, plan and case codes.
 */
export const REQUEST_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'INVALID_HEADER',
  'FILTER_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PLAN_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'CONFLICT',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'AUDIT_CHAIN_BROKEN',
  'WORKER_OFF',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE',
  'CLOCK_BACKWARDS',
  'TOO_MANY_REQUESTS',
  'TOO_MANY_FAILED_AUTHENTICATIONS',
  'INTERNAL_ERROR',
  'READ_MODEL_NOT_READY',
  'SERVICE_UNAVAILABLE',
] as const;

export type RequestCode = (typeof REQUEST_CODES)[number];

/** How a conflict names the resource that changed (`đơn vị lang-gia`). */
type ResourceKey = `resource.${string}`;

/** Messages of the HTTP edge's and the application's refusals. */
export const REQUEST_MESSAGES = {
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  VALIDATION_FAILED: { vi: 'Yêu cầu không hợp lệ: {fields}.', en: 'invalid request: {fields}' },
  'VALIDATION_FAILED.empty-table': { vi: 'Bảng chỉ tiêu đang trống.', en: 'the table is empty' },
  'VALIDATION_FAILED.cursor': {
    vi: 'Giá trị cursor không phải do danh sách này trả về.',
    en: 'cursor is not one this list gave',
  },
  'VALIDATION_FAILED.instant': { vi: 'now không phải là một thời điểm hợp lệ.', en: 'now is not a valid instant' },
  MALFORMED_JSON: { vi: 'Nội dung yêu cầu không phải JSON hợp lệ.', en: 'the body is not valid JSON' },
  INVALID_HEADER: { vi: 'Header {header} {reason}.', en: '{header} {reason}' },
  FILTER_UNAVAILABLE: {
    vi: 'Bộ lọc overdue=true cần bảng theo dõi thời hạn, nhưng máy chủ này không chạy bảng đó.',
    en: 'overdue=true needs the deadlines board, which this server does not run',
  },
  UNAUTHENTICATED: {
    vi: 'Hãy gửi header Authorization: Bearer <token>.',
    en: 'send the header Authorization: Bearer <token>',
  },
  'UNAUTHENTICATED.bearer': {
    vi: 'Header Authorization phải có dạng "Bearer <token>".',
    en: 'the Authorization header must be "Bearer <token>"',
  },
  'UNAUTHENTICATED.not-jwt': {
    vi: 'Token không phải là một JWT đúng định dạng.',
    en: 'the token is not a well-formed JWT',
  },
  'UNAUTHENTICATED.not-hs256': { vi: 'Token phải được ký bằng HS256.', en: 'the token must be signed with HS256' },
  'UNAUTHENTICATED.crit': {
    vi: 'Token có tham số tiêu đề bắt buộc (crit) mà máy chủ này không hiểu.',
    en: 'the token has critical header parameters this server does not understand',
  },
  'UNAUTHENTICATED.wrong-secret': {
    vi: 'Token không được ký bằng khóa bí mật của máy chủ này.',
    en: "the token is not signed with this server's secret",
  },
  'UNAUTHENTICATED.no-sub': { vi: 'Token không có chủ thể (sub).', en: 'the token has no subject (sub)' },
  'UNAUTHENTICATED.role': {
    vi: 'Vai trò (role) trong token phải là một trong các giá trị: {roles}.',
    en: "the token's role must be one of {roles}",
  },
  'UNAUTHENTICATED.units': {
    vi: 'Trường units trong token phải là danh sách mã đơn vị.',
    en: "the token's units must be a list of unit ids",
  },
  'UNAUTHENTICATED.name': { vi: 'Trường name trong token phải là chuỗi ký tự.', en: "the token's name must be text" },
  'UNAUTHENTICATED.no-exp': { vi: 'Token không có thời hạn (exp).', en: 'the token has no expiry (exp)' },
  'UNAUTHENTICATED.expired': { vi: 'Token đã hết hạn; hãy xin cấp token mới.', en: 'the token has expired' },
  'UNAUTHENTICATED.not-yet': { vi: 'Token chưa đến lúc có hiệu lực (nbf).', en: 'the token is not valid yet (nbf)' },
  'UNAUTHENTICATED.future-iat': {
    vi: 'Token có thời điểm cấp ở tương lai (iat).',
    en: 'the token is issued in the future (iat)',
  },
  'UNAUTHENTICATED.lifetime': {
    vi: 'Thời hạn của token ({lifetime} giây) vượt quá AUTH_MAX_TTL ({max} giây).',
    en: "the token's lifetime ({lifetime} s) exceeds AUTH_MAX_TTL ({max} s)",
  },
  'UNAUTHENTICATED.login': {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'wrong username or password',
  },
  'UNAUTHENTICATED.disabled': {
    vi: 'Tài khoản của token này đã bị khóa; hãy liên hệ quản trị viên.',
    en: "this token's user is disabled; ask an administrator",
  },
  FORBIDDEN: {
    vi: 'Vai trò {role} không được làm việc này (cần quyền {permissions}).',
    en: 'the role {role} may not do this (needs {permissions})',
  },
  'FORBIDDEN.no-units': {
    vi: 'Token có vai trò {role} phải nêu các đơn vị mà nó đại diện (claim units); token này không nêu đơn vị nào.',
    en: 'a {role} token must name the units it acts for (the units claim); this one names none',
  },
  'FORBIDDEN.no-permission-declared': {
    vi: 'Đường dẫn này không cho ai truy cập: nó không khai báo quyền nào.',
    en: 'this route admits no one: it declares no permission',
  },
  'FORBIDDEN.inspection-role': {
    vi: 'Vai trò {role} không được xử lý vụ việc kiểm tra.',
    en: 'the role {role} may not work inspection cases',
  },
  'FORBIDDEN.units-record-steps': {
    vi: 'Các đơn vị của token này không cho phép ghi nhận các bước của hồ sơ này.',
    en: 'the units of this token do not allow it to record steps of this dossier',
  },
  'FORBIDDEN.units-nominate': {
    vi: 'Các đơn vị của token này không cho phép giới thiệu quần chúng cho đơn vị này.',
    en: 'the units of this token do not allow it to nominate for this unit',
  },
  'FORBIDDEN.units-move': {
    vi: 'Các đơn vị của token này không cho phép chuyển hồ sơ này sang đơn vị đó.',
    en: 'the units of this token do not allow it to move this dossier to that unit',
  },
  'FORBIDDEN.units-read-dossier': {
    vi: 'Các đơn vị của token này không cho phép xem hồ sơ này.',
    en: 'the units of this token do not allow it to read this dossier',
  },
  'FORBIDDEN.units-read-case': {
    vi: 'Các đơn vị của token này không cho phép xem vụ việc kiểm tra này.',
    en: 'the units of this token do not allow it to read this case',
  },
  'FORBIDDEN.units-work-case': {
    vi: 'Các đơn vị của token này không cho phép xử lý vụ việc kiểm tra này.',
    en: 'the units of this token do not allow it to work this case',
  },
  NOT_FOUND: { vi: 'Không tìm thấy nội dung được yêu cầu.', en: 'Nothing was found here.' },
  'NOT_FOUND.path': {
    vi: 'Không có đường dẫn nào như vậy (hãy viết đường dẫn như trong API.md).',
    en: 'no route has this path (write it as API.md does)',
  },
  'NOT_FOUND.unit': { vi: 'Không có đơn vị {unitId}.', en: 'no unit {unitId}' },
  'NOT_FOUND.committee': {
    vi: 'Không có đảng ủy hay cấp ủy cấp trên nào mang mã {committeeId}.',
    en: 'no party committee or higher committee with the id {committeeId}',
  },
  'NOT_FOUND.plan': {
    vi: 'Chưa có kế hoạch chỉ tiêu nào được thông qua cho năm {year}.',
    en: 'no plan adopted for {year}',
  },
  'NOT_FOUND.quota-issue': {
    vi: 'Báo cáo chỉ tiêu quý {quarter} năm {year} của {committeeId} chưa được phát hành.',
    en: 'no quota report of {committeeId} issued for quarter {quarter} of {year}',
  },
  'NOT_FOUND.inspection-case': { vi: 'Không có vụ việc kiểm tra {id}.', en: 'no inspection case {id}' },
  'NOT_FOUND.checkpoint': { vi: 'Không có mốc kiểm toán {id}.', en: 'no audit checkpoint {id}' },
  'NOT_FOUND.manual-clock': {
    vi: 'Máy chủ dùng đồng hồ hệ thống (đặt KETNAP_CLOCK=manual để dùng đường dẫn này).',
    en: 'the clock is the system clock (KETNAP_CLOCK=manual enables this route)',
  },
  PLAN_NOT_FOUND: {
    vi: 'Chưa có kế hoạch chỉ tiêu nào được thông qua cho năm {year}.',
    en: 'no plan adopted for {year}',
  },
  METHOD_NOT_ALLOWED: {
    vi: 'Đường dẫn này không nhận phương thức HTTP này.',
    en: 'This route does not accept this HTTP method.',
  },
  NOT_ACCEPTABLE: {
    vi: 'Không có định dạng trả lời nào khớp với header Accept.',
    en: 'No format of the answer matches the Accept header.',
  },
  CONFLICT: {
    vi: 'Yêu cầu xung đột với trạng thái hiện tại; hãy tải lại và thử lại.',
    en: 'The request conflicts with the current state; reload and try again.',
  },
  VERSION_CONFLICT: {
    vi: 'Dữ liệu vừa được thay đổi bởi một yêu cầu khác; hãy tải lại và thử lại.',
    en: 'It was changed by another request meanwhile; reload and try again.',
  },
  'VERSION_CONFLICT.stream': {
    vi: 'Luồng {streamId} đang ở phiên bản {actual}, không phải {expected}; hãy tải lại và thử lại.',
    en: 'stream {streamId}: expected version {expected}, but it is at version {actual}; reload and try again',
  },
  'VERSION_CONFLICT.stream-missing': {
    vi: 'Luồng {streamId} chưa được tạo, không phải ở phiên bản {expected}; hãy tải lại và thử lại.',
    en: 'stream {streamId}: expected version {expected}, but it is not created yet; reload and try again',
  },
  'VERSION_CONFLICT.at-version': {
    vi: '{resource} đang ở phiên bản {actual}, không phải {expected}: hãy tải lại rồi thử lại.',
    en: '{resource} is at version {actual}, not {expected}: reload it and try again',
  },
  'VERSION_CONFLICT.not-yet': {
    vi: '{resource} chưa tồn tại, không phải ở phiên bản {expected}: hãy tải lại rồi thử lại.',
    en: '{resource} does not exist yet, not at version {expected}: reload it and try again',
  },
  'resource.unit': { vi: 'Đơn vị {id}', en: 'unit {id}' },
  'resource.dossier': { vi: 'Hồ sơ {id}', en: 'dossier {id}' },
  'resource.plan': { vi: 'Kế hoạch chỉ tiêu năm {year}', en: 'the plan for {year}' },
  'resource.inspection-case': { vi: 'Vụ việc kiểm tra {id}', en: 'inspection case {id}' },
  'resource.user': { vi: 'Người dùng {id}', en: 'user {id}' },
  'resource.stream': { vi: 'Luồng {id}', en: '{id}' },
  IDEMPOTENCY_KEY_REUSED: {
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới.',
    en: 'this Idempotency-Key was already used for another request; use a new key for a new request',
  },
  AUDIT_CHAIN_BROKEN: {
    vi: 'Nhật ký bị hỏng tại {streamId}, phiên bản {version} ({reason}); không ký mốc kiểm toán nào. Hãy chạy kiểm tra nhật ký (audit verify) và khôi phục nhật ký.',
    en: 'the log is broken at {streamId} version {version} ({reason}); nothing was signed: run the audit verify and restore the log',
  },
  WORKER_OFF: {
    vi: 'Đồng hồ chỉ chuyển được trong tiến trình có chạy worker (KETNAP_WORKER=on).',
    en: 'the clock moves only in a process that runs the worker (KETNAP_WORKER=on)',
  },
  PAYLOAD_TOO_LARGE: { vi: 'Nội dung yêu cầu quá lớn.', en: 'The body of the request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Hãy gửi nội dung yêu cầu dưới dạng application/json.',
    en: 'send the body as application/json',
  },
  UNPROCESSABLE: {
    vi: 'Không thể thực hiện yêu cầu này.',
    en: 'The request cannot be carried out.',
  },
  CLOCK_BACKWARDS: {
    vi: 'Đồng hồ không bao giờ lùi lại: hiện là {now}, yêu cầu chuyển về {asked}.',
    en: 'the clock never moves back: it is {now}, asked for {asked}',
  },
  TOO_MANY_REQUESTS: {
    vi: 'Quá nhiều yêu cầu; hãy thử lại sau.',
    en: 'Too many requests; retry later.',
  },
  'TOO_MANY_REQUESTS.expensive-reads': {
    vi: 'Token này đã gửi quá nhiều yêu cầu đọc tốn tài nguyên (tối đa {max} lần mỗi phút); hãy thử lại sau {wait} giây.',
    en: 'too many expensive reads by this token (at most {max} a minute); retry in {wait} s',
  },
  TOO_MANY_FAILED_AUTHENTICATIONS: {
    vi: 'Địa chỉ này đã xác thực thất bại quá nhiều lần; hãy thử lại sau {wait} giây.',
    en: 'too many failed authentications from this address; retry in {wait} s',
  },
  'TOO_MANY_FAILED_AUTHENTICATIONS.login': {
    vi: 'Đã đăng nhập sai quá nhiều lần; hãy thử lại sau {wait} giây.',
    en: 'too many failed logins; retry in {wait} s',
  },
  INTERNAL_ERROR: {
    vi: 'Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi vào nhật ký.',
    en: 'an unexpected error occurred; it was logged',
  },
  READ_MODEL_NOT_READY: {
    vi: 'Dữ liệu tổng hợp {projection} chưa được dựng xong; hãy thử lại sau giây lát.',
    en: 'read model {projection} is not built yet; retry in a moment',
  },
  SERVICE_UNAVAILABLE: {
    vi: 'Máy chủ tạm thời chưa phục vụ được; hãy thử lại sau giây lát.',
    en: 'The server cannot answer now; retry in a moment.',
  },
} as const satisfies Record<RequestCode | `${RequestCode}.${string}` | ResourceKey, MessageText>;
