import type { MessageText } from './message-text';

/**
 * Messages of one invalid field (`errors[].message` of a 400), shown beside the field's name: each
 * says what is wrong once (`bắt buộc`, `phải là số nguyên từ 0 đến 10.000`).
 */
export const FIELD_MESSAGES = {
  'field.required': { vi: 'bắt buộc', en: 'is required' },
  'field.not-allowed': {
    vi: 'không phải trường của yêu cầu này; hãy bỏ trường này',
    en: 'is not a field of this request',
  },
  'field.committee-path': {
    vi: 'phải là đảng ủy của đường dẫn ({value})',
    en: 'must be the committee of the path ({value})',
  },
  'field.only-with': { vi: 'chỉ dùng cùng {with}', en: 'only goes with {with}' },
  'field.unknown': { vi: 'không xác định', en: 'is unknown' },
  'field.invalid': { vi: 'không hợp lệ', en: 'is not valid' },
  'field.format': { vi: 'không đúng định dạng', en: 'has the wrong format' },
  'field.string': { vi: 'phải là chuỗi ký tự', en: 'must be a text' },
  'field.text': { vi: 'phải là chuỗi ký tự, không được để trống', en: 'must be a non-empty text' },
  'field.text-length': {
    vi: 'phải là chuỗi ký tự dài từ 1 đến {max} ký tự',
    en: 'must be a text of 1 to {max} characters',
  },
  'field.max-length': { vi: 'chỉ được dài tối đa {max} ký tự', en: 'must be at most {max} characters' },
  'field.date': {
    vi: 'phải là một ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2024-12-31)',
    en: 'must be a date YYYY-MM-DD',
  },
  'field.integer': { vi: 'phải là số nguyên', en: 'must be a whole number' },
  'field.integer-range': {
    vi: 'phải là số nguyên từ {min} đến {max}',
    en: 'must be a whole number from {min} to {max}',
  },
  'field.integer-min': { vi: 'phải là số nguyên từ {min} trở lên', en: 'must be a whole number of at least {min}' },
  'field.integer-max': { vi: 'phải là số nguyên không quá {max}', en: 'must be a whole number of at most {max}' },
  'field.number': { vi: 'phải là một số', en: 'must be a number' },
  'field.number-min': { vi: 'không được nhỏ hơn {min}', en: 'must be at least {min}' },
  'field.number-max': { vi: 'không được lớn hơn {max}', en: 'must be at most {max}' },
  'field.one-of': { vi: 'phải là một trong các giá trị: {values}', en: 'must be one of {values}' },
  'field.boolean': { vi: 'phải là true hoặc false', en: 'must be true or false' },
  'field.object': { vi: 'phải là một đối tượng JSON', en: 'must be an object' },
  'field.list': { vi: 'phải là danh sách', en: 'must be a list' },
  'field.non-empty-list': { vi: 'phải là danh sách có ít nhất một mục', en: 'must be a non-empty list' },
  'field.list-min': { vi: 'phải có ít nhất {min} mục', en: 'must have at least {min} items' },
  'field.list-max': { vi: 'chỉ được có tối đa {max} mục', en: 'must have at most {max} items' },
  'field.unique': { vi: 'có mục bị lặp lại', en: 'must not repeat an item' },
  'field.unique-unit': { vi: 'mỗi đơn vị chỉ được có một lần', en: 'each unit may appear once' },
  'field.webhook-url': { vi: 'phải là địa chỉ URL http(s)', en: 'must be an http(s) URL' },
  'field.unique-quarter': { vi: 'mỗi quý chỉ được có một lần', en: 'each quarter may appear once' },
  'field.unit-id': {
    vi: 'phải là mã đơn vị (chữ thường không dấu, chữ số và dấu gạch ngang)',
    en: 'must be a unit id (lowercase letters, digits and dashes)',
  },
  'field.username': {
    vi: 'phải là tên đăng nhập: 1 đến 64 chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang',
    en: 'must be a username: 1 to 64 lowercase letters, digits, dots, underscores or dashes',
  },
  'field.password': {
    vi: 'phải dài từ {min} đến {max} ký tự và không chỉ gồm dấu cách',
    en: 'must be {min} to {max} characters long, not only spaces',
  },
  'field.password-username': {
    vi: 'không được trùng với tên đăng nhập',
    en: 'must not be the username',
  },
  'field.period-order': { vi: 'không được trước ngày bắt đầu (from)', en: 'must not be before from' },
  'field.period-overlap': {
    vi: 'khoảng thời gian này trùng với {other}',
    en: 'this period overlaps {other}',
  },
  'field.periods-overlap': { vi: 'các khoảng thời gian không được trùng nhau', en: 'periods must not overlap' },
  'field.committee-only': {
    vi: 'chỉ đảng ủy (party-committee) mới có cấp ủy có thẩm quyền',
    en: 'only a party committee has competent authorities',
  },
  'field.checkpoint-id': {
    vi: 'phải là mã một mốc kiểm toán, ví dụ cp-000000001234-20240307T020000000Z',
    en: 'must be a checkpoint id such as cp-000000001234-20240307T020000000Z',
  },
  'field.instant': {
    vi: 'phải là thời điểm theo ISO 8601 có múi giờ, ví dụ 2024-06-05T00:00:00+07:00',
    en: 'must be an ISO 8601 instant with an offset, such as 2024-06-05T00:00:00+07:00',
  },
  'field.instant-exists': { vi: 'phải là một thời điểm có thật', en: 'must be an instant that exists' },
  'field.dossier-id': {
    vi: 'phải là mã hồ sơ (UUID do POST /dossiers trả về)',
    en: 'must be a dossier id (the UUID POST /dossiers answered)',
  },
  'field.cursor': {
    vi: 'phải là giá trị nextCursor của một trang trước đó',
    en: 'must be a nextCursor from a previous page',
  },
  'field.unavailable': { vi: 'không dùng được trên máy chủ này', en: 'is not available' },
  'field.no-changes': { vi: 'không có thay đổi nào', en: 'is empty' },
  'field.json-object': { vi: 'nội dung yêu cầu phải là một đối tượng JSON', en: 'the body must be a JSON object' },
  'field.table-empty': { vi: 'bảng chỉ tiêu đã công bố đang trống', en: 'the published table is empty' },
  'field.header-once': { vi: 'chỉ được gửi một lần', en: 'must be given once' },
  'field.if-match': {
    vi: 'phải là số phiên bản mà máy khách thấy lần cuối, ví dụ 3 hoặc "3"',
    en: 'must be the version number the client last saw, such as 3 or "3"',
  },
  'field.idempotency-key': {
    vi: 'phải gồm 1 đến 128 ký tự ASCII nhìn thấy được (nên dùng một UUID)',
    en: 'must be 1 to 128 visible ASCII characters (a UUID is a good key)',
  },
} as const satisfies Record<`field.${string}`, MessageText>;
