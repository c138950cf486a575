import type { InspectionCaseErrorCode } from '../inspection/inspection-case-error';
import type { MessageText } from './message-text';

/** Messages of the refusals of a command on an inspection case (vụ việc của Ủy ban Kiểm tra). */
export const INSPECTION_MESSAGES = {
  'INVALID_COMMAND.case-text': {
    vi: '{field} phải là chuỗi ký tự dài từ 1 đến {max} ký tự.',
    en: '{field} must be a text of 1 to {max} characters.',
  },
  INSPECTION_CASE_NOT_FOUND: {
    vi: 'Không có vụ việc kiểm tra này.',
    en: 'There is no such inspection case.',
  },
  CASE_ALREADY_ACKNOWLEDGED: {
    vi: 'Vụ việc kiểm tra đã được tiếp nhận; hãy kết thúc vụ việc bằng một kết luận.',
    en: 'The inspection case is already acknowledged; close it with a finding.',
  },
  CASE_CLOSED: {
    vi: 'Vụ việc kiểm tra đã kết thúc; không thể thực hiện thêm bước nào.',
    en: 'The inspection case is closed; it takes no further step.',
  },
  CASE_WITHDRAWN: {
    vi: 'Vụ việc kiểm tra đã được rút lại vì vi phạm thời hạn không còn nữa.',
    en: 'The inspection case was withdrawn because its breach no longer holds.',
  },
} as const satisfies Record<
  Exclude<InspectionCaseErrorCode, 'INVALID_COMMAND'> | `${InspectionCaseErrorCode}.${string}`,
  MessageText
>;
