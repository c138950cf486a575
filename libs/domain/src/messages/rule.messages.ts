import type { RuleCode } from '../rules/rule-codes';
import type { MessageText } from './message-text';

/** Names used inside the rules' sentences: steps, stages, obligations, unit kinds, voting bodies. */
type RuleLabelKey =
  `${'step' | 'previous' | 'stage' | 'obligation' | 'unit-kind' | 'why' | 'body' | 'correction' | 'education'}.${string}`;

/**
 * Messages of the procedure rules' refusals (libs/domain), by rule code: every code has its own
 * message, and a refusal that says more names a variant (`STEP_OUT_OF_ORDER.ceremony-recorded`).
 */
export const RULE_MESSAGES = {
  INVALID_COMMAND: {
    vi: 'Một số trường bị thiếu hoặc sai: {fields}.',
    en: 'Some fields are missing or wrong: {fields}.',
  },
  'INVALID_COMMAND.unknown-command': { vi: 'Không có lệnh {type}.', en: 'Unknown command {type}.' },
  'INVALID_COMMAND.no-changes': {
    vi: 'Bản đính chính không thay đổi trường nào.',
    en: 'The correction changes no field.',
  },
  DOSSIER_NOT_FOUND: {
    vi: 'Không có hồ sơ nào mang mã này: hãy ghi nhận việc giới thiệu quần chúng ưu tú trước.',
    en: 'There is no dossier with this id: nominate the candidate first.',
  },
  'DOSSIER_NOT_FOUND.id': { vi: 'Không có hồ sơ {id}.', en: 'no dossier {id}' },
  DOSSIER_ALREADY_EXISTS: {
    vi: 'Hồ sơ này đã có bản giới thiệu quần chúng ưu tú.',
    en: 'This dossier already has a nomination.',
  },
  DOSSIER_CLOSED: {
    vi: 'Hồ sơ đã kết thúc ({stage}, ngày {closedOn}); không thể ghi nhận thêm bước nào.',
    en: 'The dossier is closed ({stage} on {closedOn}); no further step can be recorded.',
  },
  'stage.nominated': { vi: 'đã được giới thiệu', en: 'nominated' },
  'stage.in-preparation': { vi: 'đang chuẩn bị hồ sơ', en: 'in-preparation' },
  'stage.proposed': { vi: 'chi bộ đã đề nghị kết nạp', en: 'proposed' },
  'stage.awaiting-decision': { vi: 'đang chờ quyết định kết nạp', en: 'awaiting-decision' },
  'stage.admitted': { vi: 'đã có quyết định kết nạp', en: 'admitted' },
  'stage.probation': { vi: 'đang trong thời gian dự bị', en: 'probation' },
  'stage.recognition-review': { vi: 'đang xét công nhận đảng viên chính thức', en: 'recognition-review' },
  'stage.awaiting-recognition': {
    vi: 'đang chờ quyết định công nhận đảng viên chính thức',
    en: 'awaiting-recognition',
  },
  'stage.official': { vi: 'đã được công nhận đảng viên chính thức', en: 'official' },
  'stage.removed': { vi: 'đã bị xóa tên khỏi danh sách đảng viên dự bị', en: 'removed' },
  'stage.refused': { vi: 'không được kết nạp', en: 'refused' },
  'stage.withdrawn': { vi: 'đã rút hồ sơ', en: 'withdrawn' },
  'stage.ended': { vi: 'đã chấm dứt thời gian dự bị (từ trần)', en: 'ended' },
  STEP_OUT_OF_ORDER: {
    vi: 'Bước này không phải bước tiếp theo của quy trình, hoặc đã được ghi nhận.',
    en: 'The step is not the next one of the procedure, or was already recorded.',
  },
  'STEP_OUT_OF_ORDER.after-branch-proposal': {
    vi: 'Chi bộ đã đề nghị kết nạp; không thể ghi nhận {step} nữa. Hãy dùng đính chính để sửa.',
    en: 'The branch has already proposed admission; the {step} can no longer be recorded. Use a correction to fix it.',
  },
  'step.helper-assignment': { vi: 'việc phân công đảng viên giúp đỡ', en: 'helper assignment' },
  'step.training': {
    vi: 'giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng',
    en: 'awareness-class certificate',
  },
  'step.background': { vi: 'kết quả thẩm tra lý lịch', en: 'background verification' },
  'step.introducers': { vi: 'người giới thiệu', en: 'introducers' },
  'step.opinions': { vi: 'ý kiến nhận xét', en: 'opinions' },
  'STEP_OUT_OF_ORDER.helpers-first': {
    vi: 'Hãy ghi nhận đảng viên được chi bộ phân công giúp đỡ trước giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.',
    en: 'Record the helpers assigned by the branch before the awareness-class certificate.',
  },
  'STEP_OUT_OF_ORDER.training-first': {
    vi: 'Hãy ghi nhận giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng trước đơn xin vào Đảng.',
    en: 'Record the awareness-class certificate before the application.',
  },
  'STEP_OUT_OF_ORDER.application-recorded': {
    vi: 'Đơn xin vào Đảng đã được ghi nhận; hãy dùng đính chính để thay đổi.',
    en: 'The application is already recorded; use a correction to change it.',
  },
  'STEP_OUT_OF_ORDER.application-first': {
    vi: 'Hãy ghi nhận đơn xin vào Đảng (và lý lịch tự khai) trước khi thẩm tra lý lịch.',
    en: 'Record the application (and the self-declared background) before its verification.',
  },
  'STEP_OUT_OF_ORDER.background-first': {
    vi: 'Hãy ghi nhận kết quả thẩm tra lý lịch trước người giới thiệu.',
    en: 'Record the background verification before the introducers.',
  },
  'STEP_OUT_OF_ORDER.introducers-first': {
    vi: 'Hãy ghi nhận người giới thiệu trước ý kiến nhận xét.',
    en: 'Record the introducers before the opinions.',
  },
  'STEP_OUT_OF_ORDER.opinions-first': {
    vi: 'Hãy lấy ý kiến nhận xét của các đoàn thể trước khi chi bộ ra nghị quyết.',
    en: 'Collect the opinions of the mass organisations before the branch resolution.',
  },
  'STEP_OUT_OF_ORDER.branch-resolution-recorded': {
    vi: 'Chi bộ đã ra nghị quyết đề nghị kết nạp.',
    en: 'The branch has already adopted its resolution proposing admission.',
  },
  'STEP_OUT_OF_ORDER.branch-resolution-first': {
    vi: 'Chi bộ phải ra nghị quyết trước khi đảng ủy xem xét hồ sơ.',
    en: 'The branch must adopt its resolution before the party committee considers the dossier.',
  },
  'STEP_OUT_OF_ORDER.committee-resolution-recorded': {
    vi: 'Nghị quyết của đảng ủy đã được ghi nhận.',
    en: 'The party committee resolution is already recorded.',
  },
  'STEP_OUT_OF_ORDER.committee-resolution-first': {
    vi: 'Phải ghi nhận nghị quyết của đảng ủy trước quyết định kết nạp.',
    en: 'The party committee resolution must be recorded before the admission decision.',
  },
  'STEP_OUT_OF_ORDER.admission-recorded': {
    vi: 'Quyết định kết nạp đã được ghi nhận.',
    en: 'The admission decision is already recorded.',
  },
  'STEP_OUT_OF_ORDER.no-admission-pending': {
    vi: 'Không có quyết định kết nạp nào đang chờ để gia hạn.',
    en: 'There is no admission decision pending to extend.',
  },
  'STEP_OUT_OF_ORDER.no-recognition-pending': {
    vi: 'Không có quyết định công nhận đảng viên chính thức nào đang chờ để gia hạn.',
    en: 'There is no recognition decision pending to extend.',
  },
  'STEP_OUT_OF_ORDER.no-decision-pending': {
    vi: 'Không có quyết định kết nạp hay quyết định công nhận đảng viên chính thức nào đang chờ để gia hạn.',
    en: 'There is no admission or recognition decision pending to extend.',
  },
  'STEP_OUT_OF_ORDER.admission-first': {
    vi: 'Chỉ tổ chức lễ kết nạp sau khi có quyết định kết nạp.',
    en: 'The ceremony can only be held after an admission decision.',
  },
  'STEP_OUT_OF_ORDER.ceremony-recorded': {
    vi: 'Lễ kết nạp đã được ghi nhận.',
    en: 'The ceremony is already recorded.',
  },
  'STEP_OUT_OF_ORDER.delay-window': {
    vi: 'Chỉ được chấp thuận lùi thời gian tổ chức lễ kết nạp sau khi có quyết định kết nạp và trước khi tổ chức lễ.',
    en: 'A ceremony delay can only be approved after admission and before the ceremony.',
  },
  'STEP_OUT_OF_ORDER.ceremony-first': {
    vi: 'Việc xét công nhận đảng viên chính thức chỉ diễn ra sau lễ kết nạp và đủ 12 tháng dự bị.',
    en: 'The recognition review comes after the admission ceremony and the 12 months of probation.',
  },
  'STEP_OUT_OF_ORDER.review-recorded': {
    vi: 'Việc chi bộ xét công nhận đảng viên chính thức đã được ghi nhận.',
    en: 'The recognition review is already recorded.',
  },
  'STEP_OUT_OF_ORDER.review-first': {
    vi: 'Phải ghi nhận việc chi bộ xét công nhận trước quyết định công nhận đảng viên chính thức.',
    en: 'The branch review must be recorded before the recognition decision.',
  },
  'STEP_OUT_OF_ORDER.review-first-resolution': {
    vi: 'Phải ghi nhận nghị quyết của chi bộ xét công nhận đảng viên chính thức trước nghị quyết của đảng ủy.',
    en: "The branch review must be adopted before the party committee's resolution on recognition.",
  },
  'STEP_OUT_OF_ORDER.recognition-resolution-recorded': {
    vi: 'Nghị quyết của đảng ủy về công nhận đảng viên chính thức đã được ghi nhận.',
    en: "The party committee's resolution on recognition is already recorded.",
  },
  'STEP_OUT_OF_ORDER.recognition-resolution-first': {
    vi: 'Phải ghi nhận nghị quyết của đảng ủy về công nhận đảng viên chính thức (15-KNĐ) trước quyết định công nhận.',
    en: "The party committee's resolution on recognition (15-KNĐ) must be recorded before the recognition decision.",
  },
  'STEP_OUT_OF_ORDER.probation-only': {
    vi: 'Bước này chỉ ghi nhận trong thời gian dự bị, sau lễ kết nạp.',
    en: 'This step is recorded during probation only, after the admission ceremony.',
  },
  'STEP_OUT_OF_ORDER.member-profile-recorded': {
    vi: 'Lý lịch đảng viên đã được ghi nhận; hãy dùng đính chính để thay đổi.',
    en: "The party member's profile is already recorded; use a correction to change it.",
  },
  'STEP_OUT_OF_ORDER.new-member-class-recorded': {
    vi: 'Giấy chứng nhận lớp bồi dưỡng đảng viên mới đã được ghi nhận; hãy dùng đính chính để thay đổi.',
    en: 'The new-member class certificate is already recorded; use a correction to change it.',
  },
  'STEP_OUT_OF_ORDER.withdrawal-after-ceremony': {
    vi: 'Sau lễ kết nạp, người được kết nạp đã là đảng viên dự bị: phải xóa tên, không rút hồ sơ.',
    en: 'After the ceremony the candidate is a probationary member: removal (xóa tên) applies, not withdrawal.',
  },
  DATE_IN_FUTURE: {
    vi: 'Ngày {date} ({field}) muộn hơn ngày hôm nay ({today}). Chỉ ghi nhận một bước khi việc đó đã diễn ra.',
    en: 'The date {date} ({field}) is after today, {today}. Record a step once it has happened.',
  },
  DATE_BEFORE_PREVIOUS_STEP: {
    vi: 'Ngày {date} ({field}) sớm hơn {previousStep} ({previous}); hãy kiểm tra lại ngày.',
    en: 'The date {date} ({field}) is before the {previousStep} of {previous}; check the date.',
  },
  'previous.previous-step': { vi: 'ngày của bước trước', en: 'previous step' },
  'previous.nomination': { vi: 'ngày giới thiệu quần chúng ưu tú', en: 'nomination' },
  'previous.failed-branch-vote': { vi: 'ngày chi bộ biểu quyết không đạt', en: 'failed branch vote' },
  'previous.decision': { vi: 'ngày ra quyết định', en: 'decision' },
  'previous.decision-period-start': {
    vi: 'ngày bắt đầu thời hạn ra quyết định',
    en: 'start of the decision period',
  },
  'previous.decision-received': {
    vi: 'ngày chi bộ nhận quyết định',
    en: 'day the branch received the decision',
  },
  'previous.admission-decision': { vi: 'ngày ra quyết định kết nạp', en: 'admission decision' },
  'previous.committee-resolution': { vi: 'ngày đảng ủy ra nghị quyết', en: 'committee resolution' },
  'previous.ceremony': { vi: 'ngày tổ chức lễ kết nạp', en: 'admission ceremony' },
  NO_RULE_SET_IN_FORCE: {
    vi: 'Chưa có quy định kết nạp nào áp dụng cho ngày {date}; ketnap áp dụng các quy định từ Quy định 24-QĐ/TW (30/07/2021) trở đi.',
    en: 'No admission rules are configured for {date}; ketnap knows the rules from QĐ 24-QĐ/TW (30/07/2021) on.',
  },
  AGE_OUT_OF_RANGE: {
    vi: 'Quần chúng phải đủ 18 tuổi và không quá 60 tuổi (tính theo tháng) vào ngày chi bộ họp xét.',
    en: 'The candidate must be 18 to 60 full years old (counted in months) on the day the branch meets.',
  },
  'AGE_OUT_OF_RANGE.too-young': {
    vi: 'Quần chúng {years} tuổi {months} tháng vào ngày {meetingOn}; chi bộ chỉ được đề nghị kết nạp người đủ {minAgeYears} tuổi trở lên.',
    en: 'The candidate is {years} years {months} months old on {meetingOn}; the branch may only propose candidates from {minAgeYears} full years.',
  },
  'AGE_OUT_OF_RANGE.consent-required': {
    vi: 'Quần chúng {years} tuổi {months} tháng vào ngày {meetingOn}, trên {maxAgeYears} tuổi: hãy ghi nhận văn bản đồng ý của Ban Thường vụ Tỉnh ủy kèm nghị quyết.',
    en: "The candidate is {years} years {months} months old on {meetingOn}, over {maxAgeYears}: record the provincial standing committee's written consent with the resolution.",
  },
  'AGE_OUT_OF_RANGE.consent-grounds': {
    vi: 'Quần chúng {years} tuổi {months} tháng vào ngày {meetingOn}, trên {maxAgeYears} tuổi, nhưng văn bản đồng ý số {documentNo} của Ban Thường vụ Tỉnh ủy không nêu trường hợp quá tuổi.',
    en: "The candidate is {years} years {months} months old on {meetingOn}, over {maxAgeYears}, but the provincial standing committee's consent {documentNo} does not name age among its grounds.",
  },
  EDUCATION_BELOW_MINIMUM: {
    vi: 'Quần chúng có trình độ học vấn {level}, dưới mức tối thiểu ({minimum}): hãy ghi nhận văn bản đồng ý của Ban Thường vụ Tỉnh ủy kèm nghị quyết của chi bộ.',
    en: "The candidate's education is {level}, below the minimum ({minimum}): record the provincial standing committee's written consent with the branch resolution.",
  },
  'EDUCATION_BELOW_MINIMUM.consent-grounds': {
    vi: 'Quần chúng có trình độ học vấn {level}, dưới mức tối thiểu ({minimum}), nhưng văn bản đồng ý số {documentNo} của Ban Thường vụ Tỉnh ủy không nêu trường hợp về trình độ học vấn.',
    en: "The candidate's education is {level}, below the minimum ({minimum}), but the provincial standing committee's consent {documentNo} does not name education among its grounds.",
  },
  'education.primary': {
    vi: 'chưa tốt nghiệp trung học cơ sở (biết đọc, biết viết)',
    en: 'below lower secondary (literacy only)',
  },
  'education.lower-secondary': { vi: 'tốt nghiệp trung học cơ sở', en: 'lower secondary' },
  'education.upper-secondary': { vi: 'tốt nghiệp trung học phổ thông', en: 'upper secondary' },
  'education.college': { vi: 'cao đẳng', en: 'college' },
  'education.university': { vi: 'đại học', en: 'university' },
  'education.postgraduate': { vi: 'sau đại học', en: 'postgraduate' },
  CONSENT_AFTER_DECISION: {
    vi: 'Văn bản đồng ý số {documentNo} của Ban Thường vụ Tỉnh ủy đề ngày {givenOn}, sau ngày ra quyết định kết nạp ({decidedOn}); quyết định kết nạp chỉ được ban hành sau khi có văn bản đồng ý.',
    en: "The provincial standing committee's consent {documentNo} is dated {givenOn}, after the admission decision of {decidedOn}; the decision can only follow the consent.",
  },
  CERTIFICATE_EXPIRED: {
    vi: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày {issuedOn} chỉ có giá trị đến ngày {validUntil}; quần chúng phải học lại lớp bồi dưỡng trước khi chi bộ họp xét.',
    en: 'The awareness-class certificate issued on {issuedOn} was valid until {validUntil}; the candidate must attend the class again before the branch meets.',
  },
  DOSSIER_STALE: {
    vi: 'Hồ sơ lập ngày {compiledOn} chỉ có giá trị đến ngày {validUntil}; hãy ghi nhận thư giới thiệu và ý kiến nhận xét mới trước khi chi bộ họp xét.',
    en: 'The dossier was compiled on {compiledOn} and stayed valid until {validUntil}; record new introducer letters and new opinions before the branch meets.',
  },
  BACKGROUND_CHECK_FAILED: {
    vi: 'Kết quả thẩm tra lý lịch ngày {completedOn} không đạt; hồ sơ không thể tiếp tục cho đến khi có kết quả thẩm tra mới đạt yêu cầu.',
    en: 'The background verification of {completedOn} failed; the dossier cannot go further unless a new verification passes.',
  },
  INTRODUCER_NOT_ELIGIBLE: {
    vi: 'Người giới thiệu không đủ điều kiện theo Điều lệ Đảng.',
    en: 'The introducers do not meet the conditions of the Party Charter.',
  },
  'INTRODUCER_NOT_ELIGIBLE.pair': {
    vi: 'Phải ghi nhận đúng hai người giới thiệu: hai đảng viên chính thức, hoặc Ban Chấp hành Đoàn cơ sở hay Ban Chấp hành Công đoàn cơ sở và một đảng viên chính thức.',
    en: 'Record exactly two introducers: two official members, or a Youth Union or trade-union executive and one official member.',
  },
  'INTRODUCER_NOT_ELIGIBLE.not-official': {
    vi: 'Người giới thiệu thứ {number} phải là đảng viên chính thức vào ngày {recordedOn} (hãy ghi ngày được công nhận đảng viên chính thức).',
    en: 'Introducer {number} must be an official party member on {recordedOn} (record the date of becoming official).',
  },
  'INTRODUCER_NOT_ELIGIBLE.acquaintance': {
    vi: 'Người giới thiệu thứ {number} phải cùng công tác, học tập hoặc sinh sống với quần chúng ít nhất {months} tháng trước ngày {recordedOn}.',
    en: 'Introducer {number} must have worked, studied or lived with the candidate for at least {months} months before {recordedOn}.',
  },
  'INTRODUCER_NOT_ELIGIBLE.youth': {
    vi: 'Ban Chấp hành Đoàn cơ sở chỉ được giới thiệu đoàn viên trong độ tuổi thanh niên (đến {maxAge} tuổi); quần chúng {age} tuổi.',
    en: 'The Youth Union executive may introduce only a Youth Union member of youth age (up to {maxAge}); the candidate is {age}.',
  },
  'INTRODUCER_NOT_ELIGIBLE.youth-not-member': {
    vi: 'Ban Chấp hành Đoàn cơ sở chỉ được giới thiệu đoàn viên trong độ tuổi thanh niên (đến {maxAge} tuổi); quần chúng {age} tuổi và không phải đoàn viên.',
    en: 'The Youth Union executive may introduce only a Youth Union member of youth age (up to {maxAge}); the candidate is {age} and not a Youth Union member.',
  },
  'INTRODUCER_NOT_ELIGIBLE.youth-union-route': {
    vi: 'Quần chúng {age} tuổi là đoàn viên trong độ tuổi thanh niên (đến {maxAge} tuổi): người giới thiệu phải là Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức. Nếu nơi đó không có tổ chức cơ sở Đoàn, hãy ghi rõ điều này (noYouthUnionBase).',
    en: 'The candidate, {age}, is a Youth Union member of youth age (up to {maxAge}): the introducers must be the Youth Union base executive and one official member. Where there is no Youth Union base organisation, say so (noYouthUnionBase).',
  },
  'INTRODUCER_NOT_ELIGIBLE.youth-union-absent': {
    vi: 'Đã ghi nhận nơi này không có tổ chức cơ sở Đoàn, nên Ban Chấp hành Đoàn cơ sở không thể là người giới thiệu.',
    en: 'The introducers step says there is no Youth Union base organisation, so a Youth Union executive cannot introduce the candidate.',
  },
  INVALID_VOTE_COUNT: {
    vi: 'Số phiếu không hợp lệ: {votesFor} phiếu tán thành trên {members} ({membersField}). Số phiếu tán thành phải là số nguyên từ 0 đến {membersField}.',
    en: 'The vote count is not possible: {votesFor} votes for out of {members} ({membersField}). Votes for must be a whole number from 0 to {membersField}.',
  },
  VOTE_THRESHOLD_NOT_MET: {
    vi: 'Nghị quyết của {body} cần ít nhất {needed} trên {members} phiếu tán thành ({num}/{den}); chỉ có {votesFor} phiếu. Nghị quyết không được thông qua.',
    en: 'The {body} resolution needs at least {needed} of {members} votes ({num}/{den}); it had {votesFor}. It is not adopted.',
  },
  'body.branch': { vi: 'chi bộ', en: 'branch' },
  'body.branch-review': { vi: 'chi bộ khi xét công nhận đảng viên chính thức', en: 'branch review' },
  'body.party-committee': { vi: 'đảng ủy', en: 'party committee' },
  RESOLUTION_BEFORE_PROBATION_END: {
    vi: 'Thời gian dự bị kết thúc ngày {probationEndsOn}; chi bộ chỉ được xét công nhận đảng viên chính thức từ ngày hôm sau, không phải ngày {meetingOn}.',
    en: 'Probation ends on {probationEndsOn}; the branch can review the member for recognition from the next day, not on {meetingOn}.',
  },
  EXTENSION_NOT_ALLOWED: {
    vi: 'Chỉ được gia hạn một lần, từ 1 đến 30 ngày làm việc, trước khi hết hạn.',
    en: 'A deadline may be extended once, by 1 to 30 working days, before it has passed.',
  },
  'EXTENSION_NOT_ALLOWED.already-extended': {
    vi: 'Thời hạn ra quyết định đã được gia hạn một lần; không thể gia hạn thêm.',
    en: 'The decision period was already extended once; it cannot be extended again.',
  },
  'EXTENSION_NOT_ALLOWED.too-long': {
    vi: 'Chỉ được gia hạn tối đa {max} ngày làm việc; yêu cầu gia hạn {workingDays} ngày.',
    en: 'An extension may be at most {max} working days; {workingDays} were asked.',
  },
  'EXTENSION_NOT_ALLOWED.period-ended': {
    vi: 'Thời hạn ra quyết định đã hết vào ngày {dueOn}; phải quyết định gia hạn trước khi hết hạn.',
    en: 'The decision period ended on {dueOn}; an extension must be decided before it runs out.',
  },
  'EXTENSION_NOT_ALLOWED.delay-not-later': {
    vi: 'Hạn mới phải muộn hơn hạn hiện tại, ngày {dueOn}.',
    en: 'The new due date must be later than the current one, {dueOn}.',
  },
  'EXTENSION_NOT_ALLOWED.delay-not-working-day': {
    vi: 'Hạn mới {newDueOn} không phải ngày làm việc.',
    en: 'The new due date {newDueOn} is not a working day.',
  },
  CORRECTION_TARGET_NOT_FOUND: {
    vi: 'Hồ sơ này không có bước nào mang mã {eventId}.',
    en: 'This dossier has no step with the id {eventId}.',
  },
  CORRECTION_NOT_ALLOWED: {
    vi: 'Không thể đính chính nội dung này.',
    en: 'This cannot be corrected.',
  },
  'CORRECTION_NOT_ALLOWED.fields': {
    vi: 'Không thể đính chính các trường sau của bước {type}: {fields}.',
    en: 'These fields of the {type} step cannot be corrected: {fields}.',
  },
  'CORRECTION_NOT_ALLOWED.not-a-step': {
    vi: 'Chỉ đính chính được các bước của quy trình, không đính chính được bản đính chính hay bản ghi về thời hạn.',
    en: 'Only steps of the procedure can be corrected, not corrections or deadline records.',
  },
  'CORRECTION_NOT_ALLOWED.branch-after-transfer': {
    vi: 'Hồ sơ đã được chuyển sang chi bộ khác; không đính chính chi bộ giới thiệu nữa, vì số liệu đã tính theo chi bộ giữ hồ sơ vào từng ngày.',
    en: 'The dossier has been transferred; its nomination branch can no longer be corrected, since counts follow the branch that held it on each date.',
  },
  'CORRECTION_NOT_ALLOWED.failed-vote-passes': {
    vi: 'Với số phiếu này, lần biểu quyết không đạt của chi bộ lẽ ra đã được thông qua; hãy ghi nhận một nghị quyết mới của chi bộ.',
    en: 'With these votes the failed branch vote would have passed; record a new branch resolution instead.',
  },
  'correction.breaks-rule': {
    vi: 'Bản đính chính sẽ làm hồ sơ trái quy định: {reason}',
    en: 'The correction would break the rules: {reason}',
  },
  PERSONAL_DATA_ERASED: {
    vi: 'Dữ liệu cá nhân của hồ sơ này đã bị xóa ngày {erasedOn}.',
    en: "This dossier's personal data was erased on {erasedOn}.",
  },
  DEADLINE_NOT_BREACHED: {
    vi: 'Việc {obligation} chưa quá hạn ngày {dueOn}.',
    en: 'The {obligation} obligation is not overdue for the due date {dueOn}.',
  },
  'obligation.admission-decision': { vi: 'ra quyết định kết nạp', en: 'admission-decision' },
  'obligation.admission-ceremony': { vi: 'tổ chức lễ kết nạp', en: 'admission-ceremony' },
  'obligation.recognition-review': { vi: 'xét công nhận đảng viên chính thức', en: 'recognition-review' },
  'obligation.recognition-decision': {
    vi: 'ra quyết định công nhận đảng viên chính thức',
    en: 'recognition-decision',
  },
  'obligation.certificate-validity': {
    vi: 'giữ hiệu lực giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng',
    en: 'certificate-validity',
  },
  'obligation.dossier-freshness': { vi: 'giữ hồ sơ còn giá trị', en: 'dossier-freshness' },
  'obligation.member-profile': { vi: 'hoàn thành lý lịch đảng viên', en: 'member-profile' },
  TRANSFER_NOT_ALLOWED: {
    vi: 'Hồ sơ chỉ được chuyển sang một chi bộ khác của cùng đảng ủy.',
    en: 'A dossier can only move to another branch of the same party committee.',
  },
  'TRANSFER_NOT_ALLOWED.same-branch': {
    vi: 'Hồ sơ đang thuộc chi bộ {toBranchId}; hãy chọn một chi bộ khác.',
    en: 'The dossier is already held by {toBranchId}; name another branch.',
  },
  'TRANSFER_NOT_ALLOWED.other-committee': {
    vi: 'Chi bộ {toBranchId} không thuộc đảng ủy của chi bộ {fromBranchId}; hồ sơ chỉ được chuyển trong cùng một đảng ủy.',
    en: "{toBranchId} is not a branch of {fromBranchId}'s party committee; a dossier moves only within its committee.",
  },
  UNKNOWN_UNIT: {
    vi: 'Đơn vị được nêu không có trong danh mục hoặc không đúng loại.',
    en: 'A unit named is not in the catalog, or not of a fitting kind.',
  },
  'UNKNOWN_UNIT.branch': {
    vi: 'branchId phải là một chi bộ; {unitId} không phù hợp: {why}.',
    en: 'branchId must name a branch; {unitId} does not fit: {why}.',
  },
  'UNKNOWN_UNIT.to-branch': {
    vi: 'toBranchId phải là một chi bộ; {unitId} không phù hợp: {why}.',
    en: 'toBranchId must name a branch; {unitId} does not fit: {why}.',
  },
  'UNKNOWN_UNIT.nominator': {
    vi: 'nominatedBy phải là một tổ chức đoàn thể thuộc đảng ủy của chi bộ, hoặc chính chi bộ đó; {unitId} không phù hợp: {why}.',
    en: "nominatedBy must name a mass organisation of the branch's party committee, or the branch itself; {unitId} does not fit: {why}.",
  },
  'UNKNOWN_UNIT.decided-by': {
    vi: 'decidedBy phải là đảng ủy của hồ sơ hoặc một cấp ủy cấp trên; {unitId} không phù hợp: {why}.',
    en: "decidedBy must name the dossier's party committee or a higher-committee; {unitId} does not fit: {why}.",
  },
  NOT_COMPETENT_AUTHORITY: {
    vi: '{decidedBy} không phải cấp ủy có thẩm quyền của {committeeId} ngày {decidedOn}; cấp ủy có thẩm quyền ngày đó là {competent} ({competentName}).',
    en: '{decidedBy} is not the competent authority of {committeeId} on {decidedOn}; the competent authority on that date is {competent} ({competentName}).',
  },
  'NOT_COMPETENT_AUTHORITY.none-known': {
    vi: 'Không xác định được cấp ủy có thẩm quyền của {committeeId} ngày {decidedOn}, nên không thể ghi nhận {decidedBy}: hãy khai báo authorities của đảng ủy, hoặc đơn vị cấp trên (cấp ủy cấp trên) của nó (PUT /units/{committeeId}).',
    en: "No competent authority of {committeeId} is known on {decidedOn}, so {decidedBy} cannot be recorded: record the committee's authorities, or its parent higher-committee (PUT /units/{committeeId}).",
  },
  'why.no-unit': { vi: 'không có đơn vị này', en: 'there is no such unit' },
  'why.kind': { vi: 'đơn vị này là {kind}', en: 'it is a {kind}' },
  'unit-kind.branch': { vi: 'chi bộ', en: 'branch' },
  'unit-kind.mass-org': { vi: 'tổ chức đoàn thể', en: 'mass-org' },
  'unit-kind.inspection-committee': { vi: 'ủy ban kiểm tra', en: 'inspection-committee' },
  'unit-kind.party-committee': { vi: 'đảng ủy', en: 'party-committee' },
  'unit-kind.higher-committee': { vi: 'cấp ủy cấp trên', en: 'higher-committee' },
} as const satisfies Record<RuleCode | `${RuleCode}.${string}` | RuleLabelKey, MessageText>;
