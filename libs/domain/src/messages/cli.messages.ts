import type { MessageText } from './message-text';

/**
 * Messages of the command line's errors, hints and reports (`ketnap …`): Vietnamese by default,
 * English with `KETNAP_LANG=en`. Years and ids are passed as text, so that they are not written as
 * numbers (`2.024`).
 */
export const CLI_MESSAGES = {
  // The command line itself
  'cli.missingCommand': {
    vi: 'thiếu lệnh (ketnap --help liệt kê các lệnh)',
    en: 'a command is missing (ketnap --help lists them)',
  },
  'cli.unknownCommand': {
    vi: 'không có lệnh {command} (ketnap --help liệt kê các lệnh)',
    en: 'unknown command {command} (ketnap --help lists them)',
  },
  'cli.unknownOption': {
    vi: 'không có tùy chọn {option} (--help của lệnh liệt kê các tùy chọn)',
    en: "unknown option {option} (the command's --help lists them)",
  },
  'cli.missingOption': { vi: 'thiếu tùy chọn bắt buộc {option}', en: 'required option {option} not specified' },
  'cli.optionMissingValue': { vi: 'tùy chọn {option} cần một giá trị', en: 'option {option} needs a value' },
  'cli.missingArgument': { vi: 'thiếu đối số bắt buộc {argument}', en: 'missing required argument {argument}' },
  'cli.excessArguments': {
    vi: 'thừa đối số cho lệnh {command} (--help của lệnh cho biết cách dùng)',
    en: "too many arguments for {command} (the command's --help shows its use)",
  },
  'cli.invalidConfig': { vi: 'cấu hình không hợp lệ: {detail}', en: 'invalid configuration: {detail}' },
  'cli.cannotRead': { vi: 'không đọc được {file}: {reason}', en: 'cannot read {file}: {reason}' },
  'cli.noSuchFile': { vi: 'không có tệp này', en: 'no such file' },
  // Rule set files (KETNAP_RULES_DIR and the built-in data/*.json), checked at start
  'cli.rules.not-json': {
    vi: '{file}: không phải JSON hợp lệ ({reason})',
    en: '{file}: not valid JSON ({reason})',
  },
  'cli.rules.not-object': {
    vi: '{file}: tệp phải là một đối tượng JSON',
    en: '{file}: the file must be a JSON object',
  },
  'cli.rules.unknown-field': { vi: '{file}: trường không biết: {names}', en: '{file}: unknown field: {names}' },
  'cli.rules.format': {
    vi: '{file}: "format" phải là {format} (nhận được {got})',
    en: '{file}: "format" must be {format} (got {got})',
  },
  'cli.rules.bad-field': { vi: '{file}: "{field}" phải là {expected}', en: '{file}: "{field}" must be {expected}' },
  'cli.rules.ends-before-start': {
    vi: '{file}: effectiveTo {effectiveTo} trước effectiveFrom {effectiveFrom}',
    en: '{file}: effectiveTo {effectiveTo} is before effectiveFrom {effectiveFrom}',
  },
  'cli.rules.parameters-not-object': {
    vi: '{file}: "parameters" phải là một đối tượng JSON',
    en: '{file}: "parameters" must be a JSON object',
  },
  'cli.rules.unknown-parameter': {
    vi: '{file}: tham số không biết: {names}',
    en: '{file}: unknown parameter: {names}',
  },
  'cli.rules.missing-parameter': { vi: '{file}: thiếu tham số: {names}', en: '{file}: missing parameter: {names}' },
  'cli.rules.wrong-type': {
    vi: '{file}: tham số {name} phải là {expected} (nhận được {got})',
    en: '{file}: parameter {name} must be {expected} (got {got})',
  },
  'cli.rules.duplicate-id': {
    vi: '{file}: bộ quy định {id} đã có trong {other}',
    en: '{file}: rule set {id} is also given by {other}',
  },
  'cli.rules.overlap': {
    vi: '{file}: thời gian hiệu lực của {id} chồng lên {other}; hãy đặt effectiveTo cho bộ trước (tệp thay thế cùng id)',
    en: '{file}: the effective period of {id} overlaps {other}; close the earlier one with an effectiveTo (a file of the same id)',
  },
  'cli.rules.gap': {
    vi: '{file}: giữa {id} và {other} có khoảng trống từ ngày {from}, không bộ quy định nào có hiệu lực',
    en: '{file}: between {id} and {other} no rule set is in force from {from}',
  },
  'cli.memoryStore': {
    vi: 'kho lưu trữ memory chỉ có trong tiến trình của máy chủ: {instead}',
    en: 'the memory store lives in the server process: {instead}',
  },

  // ketnap token
  'cli.token.role': {
    vi: '--role phải là một trong {roles} (nhận được {got})',
    en: '--role must be one of {roles} (got {got})',
  },
  'cli.token.ttl': {
    vi: '--ttl phải là một thời hạn kèm đơn vị, như 90s, 30m, 8h hoặc 7d (nhận được {got})',
    en: '--ttl must be a lifetime with its unit, such as 90s, 30m, 8h or 7d (got {got})',
  },
  'cli.token.unit': {
    vi: '--unit phải là mã đơn vị: chữ thường, chữ số và dấu gạch ngang (nhận được {got})',
    en: '--unit must be a unit id: lowercase letters, digits and dashes (got {got})',
  },
  'cli.token.sub': { vi: '--sub không được để trống', en: '--sub must not be empty' },
  'cli.token.ttlTooLong': {
    vi: '--ttl {ttl} dài hơn mức AUTH_MAX_TTL cho phép ({max} giây)',
    en: '--ttl {ttl} is longer than AUTH_MAX_TTL allows ({max} s)',
  },

  // ketnap plan import FILE
  'cli.user.username': {
    vi: 'tên đăng nhập phải gồm 1 đến 64 chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang (nhận được {got})',
    en: 'the username must be 1 to 64 lowercase letters, digits, dots, underscores or dashes (got {got})',
  },
  'cli.user.password': {
    vi: 'mật khẩu (đọc từ đầu vào chuẩn) {reason}',
    en: 'the password (read from standard input) {reason}',
  },
  'cli.user.units': {
    vi: 'người dùng vai trò {role} phải có ít nhất một --unit (đơn vị mà người đó đại diện)',
    en: 'a {role} user needs at least one --unit (a unit it acts for)',
  },
  'cli.user.prompt': { vi: 'Mật khẩu: ', en: 'Password: ' },
  'cli.user.created': {
    vi: 'đã tạo người dùng {username} (vai trò {role}, phiên bản {version})',
    en: 'created user {username} (role {role}, version {version})',
  },
  'cli.user.updated': {
    vi: 'đã cập nhật người dùng {username} (vai trò {role}, phiên bản {version})',
    en: 'updated user {username} (role {role}, version {version})',
  },
  'cli.plan.year': {
    vi: '--year phải là một năm từ {min} đến {max} (nhận được {got})',
    en: '--year must be a year {min}-{max} (got {got})',
  },
  'cli.plan.committeeId': {
    vi: '--committee phải là mã đơn vị (nhận được {got})',
    en: '--committee must be a unit id (got {got})',
  },
  'cli.plan.committeeName': {
    vi: '--committee-name chỉ dùng khi tạo đảng ủy, cùng --create-units',
    en: '--committee-name only names a committee created with --create-units',
  },
  'cli.plan.count': {
    vi: '{flag} phải là số nguyên không âm (nhận được {got})',
    en: '{flag} must be a whole number (got {got})',
  },
  'cli.plan.adopted': {
    vi: 'đã thông qua kế hoạch năm {year} (phiên bản {version}): {units} đơn vị trong {tables} biểu',
    en: 'plan {year} adopted (version {version}): {units} units in {tables} tables',
  },
  'cli.plan.unchanged': {
    vi: 'kế hoạch năm {year} không đổi, phiên bản {version}: giống kế hoạch đã thông qua, không ghi thêm gì',
    en: 'plan {year} unchanged, version {version}: the same as the one adopted, nothing recorded',
  },
  'cli.plan.warning': { vi: 'cảnh báo: {warning}', en: 'warning: {warning}' },
  'cli.plan.unknownUnits': {
    vi: 'không có đơn vị tên {names}: ghi nhận các đơn vị trước (PUT /api/v1/units), hoặc nhập với --create-units',
    en: 'no unit with the name {names}: record the units first (PUT /api/v1/units), or import with --create-units',
  },
  'cli.plan.committeeCreated': {
    vi: 'đã tạo đảng ủy {name} ({unitId}), đơn vị cấp trên của các đơn vị được tạo',
    en: 'created the party committee {name} ({unitId}), the parent of the units created',
  },

  // ketnap dossiers import FILE
  'cli.import.header': {
    vi: 'dòng tiêu đề của {file} không dùng được: {columns}',
    en: 'the header row of {file} cannot be used: {columns}',
  },
  'cli.import.empty': { vi: '{file} không có dòng nào ngoài dòng tiêu đề', en: '{file} has no row below its header' },
  'cli.import.keyColumn': {
    vi: '--key-column phải là tên một cột (nhận được {got})',
    en: '--key-column must name a column (got {got})',
  },
  'cli.import.refused': {
    vi: 'từ chối: dòng {row}, hồ sơ {key}, bước {step}: {code}: {message}',
    en: 'refused: row {row}, dossier {key}, step {step}: {code}: {message}',
  },
  'cli.import.noKey': { vi: '(không có số hồ sơ)', en: '(no dossier number)' },
  'cli.import.wouldImport': {
    vi: 'sẽ nhập: hồ sơ {key}, {steps} bước (dòng {rows}), {stage}{legacy}',
    en: 'would import: dossier {key}, {steps} steps (rows {rows}), {stage}{legacy}',
  },
  'cli.import.imported': {
    vi: 'đã nhập: hồ sơ {key}, {steps} bước, {stage}{legacy}',
    en: 'imported: dossier {key}, {steps} steps, {stage}{legacy}',
  },
  'cli.import.already': {
    vi: 'đã nhập trước đó: hồ sơ {key}, không ghi thêm gì',
    en: 'already imported: dossier {key}, nothing recorded',
  },
  'cli.import.legacy': {
    vi: ' (hồ sơ bắt đầu trước 30/07/2021: các bước trước ngày đó được ghi nhận, không xét)',
    en: ' (legacy: begun before 30/07/2021; the steps before that date are recorded, not judged)',
  },
  'cli.import.summary': {
    vi: '{imported} hồ sơ đã nhập ({legacy} hồ sơ cũ), {already} hồ sơ đã nhập trước đó, {refused} hồ sơ bị từ chối',
    en: '{imported} dossiers imported ({legacy} legacy), {already} already imported, {refused} refused',
  },
  'cli.import.dryRunSummary': {
    vi: 'chạy thử, không ghi gì: {wouldImport} hồ sơ sẽ được nhập ({legacy} hồ sơ cũ), {already} hồ sơ đã nhập trước đó, {refused} hồ sơ bị từ chối',
    en: 'dry run, nothing written: {wouldImport} dossiers would be imported ({legacy} legacy), {already} already imported, {refused} refused',
  },
  'cli.import.someRefused': {
    vi: '{refused} hồ sơ bị từ chối, không nhập hồ sơ nào trong số đó (xem các dòng "từ chối" ở trên)',
    en: '{refused} dossiers refused, none of them imported (see the "refused" lines above)',
  },

  // ketnap demo
  'cli.demo.seedNotFound': {
    vi: 'không tìm thấy kế hoạch mẫu ({places}): dùng --plan TỆP',
    en: 'the seed plan was not found ({places}): pass --plan FILE',
  },
  'cli.demo.notDemoData': {
    vi: '{dataDir} đã có dữ liệu không phải của bản demo: nạp demo vào một KETNAP_DATA_DIR mới',
    en: "{dataDir} already holds data that is not the demo's: load the demo into a fresh KETNAP_DATA_DIR",
  },
  'cli.demo.stepsAfterClock': {
    vi: 'kịch bản demo có bước đến ngày {last}, sau đồng hồ của demo ({clock})',
    en: "the demo's steps run until {last}, after the demo's clock ({clock})",
  },
  'cli.demo.loaded': {
    vi: 'đã nạp demo vào {dataDir}: kế hoạch năm {year} (phiên bản {version}, {units} đơn vị), {dossiers} hồ sơ',
    en: 'demo loaded into {dataDir}: plan {year} (version {version}, {units} units), {dossiers} dossiers',
  },
  'cli.demo.already': {
    vi: 'demo đã được nạp vào {dataDir} từ trước: không thêm gì (kế hoạch năm {year} phiên bản {version}, {dossiers} hồ sơ)',
    en: 'the demo was already loaded into {dataDir}: nothing added (plan {year} version {version}, {dossiers} dossiers)',
  },
  'cli.demo.second': {
    vi: '  và {name} (kế hoạch {units} đơn vị, {dossiers} hồ sơ) bên cạnh, cả hai thuộc {higher}: báo cáo của {higher} tổng hợp cả hai',
    en: '  and {name} next to it (plan of {units} units, {dossiers} dossiers), both under {higher}, whose reports roll them up',
  },
  'cli.demo.counts': {
    vi: '  năm {year}: kết nạp {admitted}, không kết nạp {refused}, rút hồ sơ {withdrawn}, đang làm {inProgress}',
    en: '  in {year}: admitted {admitted}, refused {refused}, withdrawn {withdrawn}, still in progress {inProgress}',
  },
  'cli.demo.clock': {
    vi: '  đồng hồ của demo: {date} {time}, cuối năm giả lập; báo cáo, thời hạn và vụ việc kiểm tra là những gì văn phòng thấy lúc đó. Máy chủ chạy trên thư mục này dùng đồng hồ ấy (KETNAP_CLOCK=system hoặc một KETNAP_DATA_DIR mới: ngày hôm nay)',
    en: "  the demo's clock: {date} {time}, the end of its synthetic year; reports, deadlines and inspection cases are what the office saw then. The server started on this data dir runs on that clock (KETNAP_CLOCK=system or a fresh KETNAP_DATA_DIR: today's date)",
  },
  'cli.demo.next': {
    vi: '  tiếp theo: npm start, rồi TOKEN=$(npx ketnap token --sub me --role admin) và curl -H "Authorization: Bearer $TOKEN" localhost:3000/api/v1/committees/{committee}/reports/quota/{year}',
    en: '  next: npm start, then TOKEN=$(npx ketnap token --sub me --role admin) and curl -H "Authorization: Bearer $TOKEN" localhost:3000/api/v1/committees/{committee}/reports/quota/{year}',
  },

  // ketnap audit
  'cli.audit.keyPair': {
    vi: '--checkpoint TỆP và --public-key TỆP đi cùng nhau: điểm kiểm và khóa đã ký nó',
    en: '--checkpoint FILE and --public-key FILE go together: the checkpoint and the key that signed it',
  },
  'cli.audit.notPublicKey': {
    vi: '{file}: không phải khóa công khai PEM ({reason})',
    en: '{file}: not a public key in PEM ({reason})',
  },
  'cli.audit.noStore': {
    vi: 'không có kho dữ liệu {path} (KETNAP_DATA_DIR là {dataDir}): không có gì để kiểm',
    en: 'no store at {path} (KETNAP_DATA_DIR is {dataDir}): nothing to verify',
  },
  'cli.audit.finding': { vi: '{problem} luồng {streamId}: {reason}', en: '{problem} {streamId}: {reason}' },
  'cli.audit.findingAt': {
    vi: '{problem} luồng {streamId} phiên bản {version}: {reason}',
    en: '{problem} {streamId} version {version}: {reason}',
  },
  'cli.audit.problem.changed': { vi: 'bị sửa', en: 'changed' },
  'cli.audit.problem.truncated': { vi: 'bị cắt', en: 'truncated' },
  'cli.audit.problem.deleted': { vi: 'bị xóa', en: 'deleted' },
  'cli.audit.problem.added': { vi: 'thêm mới', en: 'added' },
  'cli.audit.findings': {
    vi: '{count} sai khác so với điểm kiểm {id}',
    en: '{count} finding(s) against checkpoint {id}',
  },
  'cli.audit.checkpointHolds': {
    vi: 'tốt: điểm kiểm {id} còn nguyên (vị trí {position}, {streamCount} luồng); {events} sự kiện trong {streams} luồng nối đúng chuỗi băm',
    en: 'ok: checkpoint {id} holds (position {position}, {streamCount} streams); {events} events in {streams} streams chain',
  },
  'cli.audit.broken': {
    vi: 'hỏng {streamId} phiên bản {version}: {reason}',
    en: 'broken {streamId} version {version}: {reason}',
  },
  'cli.audit.brokenCount': {
    vi: 'chuỗi băm bị hỏng ở {count} luồng',
    en: 'the hash chain is broken in {count} stream(s)',
  },
  'cli.audit.ok': {
    vi: 'tốt: {events} sự kiện trong {streams} luồng nối đúng chuỗi băm',
    en: 'ok: {events} events in {streams} streams chain',
  },
  'cli.audit.checkpointTaken': {
    vi: 'đã ký điểm kiểm {id} tại vị trí {position} ({streams} luồng)',
    en: 'checkpoint {id} signed at position {position} ({streams} streams)',
  },
  'cli.audit.checkpointFile': { vi: 'tệp {file}', en: 'file {file}' },

  // ketnap projections rebuild
  'cli.rebuild.batchSize': {
    vi: '--batch-size phải là số nguyên từ 1 (nhận được {got})',
    en: '--batch-size must be a whole number from 1 (got {got})',
  },
  'cli.rebuild.threads': {
    vi: '--threads phải là 1 hoặc 2 (nhận được {got})',
    en: '--threads must be 1 or 2 (got {got})',
  },
  'cli.rebuild.unknown': {
    vi: 'không có mô hình đọc tên {name}; có: {names}',
    en: 'no read model named {name}; there are: {names}',
  },
  'cli.rebuild.resuming': {
    vi: '{name}: tiếp tục thế hệ {generation} từ vị trí {position}',
    en: '{name}: resuming generation {generation} at position {position}',
  },
  'cli.rebuild.active': {
    vi: '{name}: thế hệ {generation} đã dùng, tại vị trí {position} ({events} sự kiện, {seconds} giây)',
    en: '{name}: generation {generation} active at position {position} ({events} events, {seconds} s)',
  },

  // ketnap store copy
  'cli.store.batch': {
    vi: '--batch phải là số nguyên từ 1 (nhận được {got})',
    en: '--batch must be a whole number from 1 (got {got})',
  },
  'cli.store.unknownTarget': {
    vi: 'không biết loại đích {scheme}: dùng đường dẫn tệp SQLite, sqlite:ĐƯỜNG_DẪN, postgres://… hoặc esdb://…',
    en: 'unknown kind of target {scheme}: give a SQLite file path, sqlite:PATH, postgres://… or esdb://…',
  },
  'cli.store.noPath': {
    vi: 'sqlite: cần đường dẫn tệp (sqlite:ĐƯỜNG_DẪN)',
    en: 'sqlite: needs a file path (sqlite:PATH)',
  },
  'cli.store.noSource': {
    vi: 'không có kho dữ liệu {path} (KETNAP_DATA_DIR là {dataDir}): không có gì để chép',
    en: 'no store at {path} (KETNAP_DATA_DIR is {dataDir}): nothing to copy',
  },
  'cli.store.sameStore': {
    vi: 'đích {target} chính là kho đang cấu hình: hãy chép sang tệp hoặc máy chủ khác',
    en: 'the target {target} is the configured store itself: copy to another file or server',
  },
  'cli.store.diverged': {
    vi: 'đích {target} không phải bản sao của kho này (sự kiện ở vị trí {position} khác với nguồn): hãy chép sang đích trống',
    en: "the target {target} is not a copy of this store (its event at position {position} is not the source's): copy to an empty target",
  },
  'cli.store.ahead': {
    vi: 'đích {target} có {position} sự kiện, nguồn chỉ có {head}: không phải bản sao của kho này',
    en: 'the target {target} holds {position} events, the source only {head}: it is not a copy of this store',
  },
  'cli.store.resuming': {
    vi: 'đích đã có {position} sự kiện đầu của nguồn: chép tiếp từ vị trí {next}',
    en: "the target holds the source's first {position} events: resuming at position {next}",
  },
  'cli.store.copied': {
    vi: 'đã chép {copied} sự kiện trong {seconds} giây ({rate} sự kiện/giây); đích ở vị trí {position}',
    en: 'copied {copied} events in {seconds} s ({rate} events/s); the target is at position {position}',
  },
  'cli.store.checking': {
    vi: 'đang kiểm bản sao: tính lại chuỗi băm của nó và đếm nhật ký của nguồn…',
    en: "checking the copy: recomputing its hash chain and counting the source's log…",
  },
  'cli.keys.rotated': {
    vi: 'đã gói lại {rewrapped} trong {seen} khóa dữ liệu cá nhân bằng khóa chủ mới; các sự kiện không đổi',
    en: 'rewrapped {rewrapped} of {seen} personal-data keys with the new master key; no event was touched',
  },
  'cli.store.keys': {
    vi: 'đã chép {keys} khóa dữ liệu cá nhân vào {where}; ứng dụng chạy trên đích cần cùng khóa chủ ({masterKey})',
    en: 'copied {keys} personal-data keys to {where}; the app run on the target needs the same master key ({masterKey})',
  },
  'cli.store.keysStay': {
    vi: 'khóa dữ liệu cá nhân ở lại {where}: chạy ứng dụng trên đích với cùng KETNAP_DATA_DIR và khóa chủ',
    en: 'the personal-data keys stay in {where}: run the app on the target with the same KETNAP_DATA_DIR and master key',
  },
  'cli.store.checked': {
    vi: 'tốt: bản sao khớp với nguồn: {events} sự kiện trong {streams} luồng nối đúng chuỗi băm, vị trí cuối {head}',
    en: 'ok: the copy matches its source: {events} events in {streams} streams chain, head position {head}',
  },
  'cli.store.chainBroken': {
    vi: 'chuỗi băm của bản sao hỏng ở {streamId} phiên bản {version}: {reason}',
    en: "the copy's hash chain is broken at {streamId} version {version}: {reason}",
  },
  'cli.store.differs': {
    vi: '{what}: nguồn {source}, bản sao {target}',
    en: '{what}: source {source}, copy {target}',
  },
  'cli.store.what.events': { vi: 'số sự kiện', en: 'event count' },
  'cli.store.what.streams': { vi: 'số luồng', en: 'stream count' },
  'cli.store.what.head': { vi: 'vị trí cuối', en: 'head position' },
  'cli.store.mismatch': {
    vi: 'bản sao không khớp với nguồn: {differences}',
    en: 'the copy does not match its source: {differences}',
  },

  // ketnap doctor
  'cli.doctor.ok': { vi: 'TỐT', en: 'OK' },
  'cli.doctor.warn': { vi: 'CHÚ Ý', en: 'WARN' },
  'cli.doctor.fail': { vi: 'LỖI', en: 'FAIL' },
  'cli.doctor.config': { vi: 'cấu hình', en: 'configuration' },
  'cli.doctor.configOk': {
    vi: 'hợp lệ (kho {store}, thư mục dữ liệu {dataDir})',
    en: 'valid (store {store}, data dir {dataDir})',
  },
  'cli.doctor.configBad': { vi: '{detail}: sửa biến này', en: '{detail}: fix this variable' },
  'cli.doctor.demoClock': {
    vi: 'thư mục demo: đồng hồ thủ công từ {now} ({file}); KETNAP_CLOCK=system để dùng ngày hôm nay',
    en: "demo data dir: the manual clock from {now} ({file}); KETNAP_CLOCK=system for today's date",
  },
  'cli.doctor.store': { vi: 'kho dữ liệu', en: 'store' },
  'cli.doctor.storeOk': {
    vi: '{path}: {events} sự kiện',
    en: '{path}: {events} events',
  },
  'cli.doctor.storeMissing': {
    vi: 'chưa có {path}: máy chủ tạo khi khởi động lần đầu (npm start), hoặc nạp demo (npx ketnap demo); kiểm tra KETNAP_DATA_DIR nếu dữ liệu ở nơi khác',
    en: 'no {path} yet: the server creates it on first start (npm start), or load the demo (npx ketnap demo); check KETNAP_DATA_DIR if the data is elsewhere',
  },
  'cli.doctor.storeBad': {
    vi: '{path} không mở được như kho của ketnap ({reason}): kiểm tra KETNAP_DATA_DIR',
    en: "{path} does not open as ketnap's store ({reason}): check KETNAP_DATA_DIR",
  },
  'cli.doctor.storeMemory': {
    vi: 'kho memory: dữ liệu mất khi máy chủ dừng (KETNAP_EVENT_STORE=sqlite để giữ lại)',
    en: 'memory store: the data is lost when the server stops (KETNAP_EVENT_STORE=sqlite keeps it)',
  },
  'cli.doctor.redis': { vi: 'Máy chủ Redis', en: 'Redis' },
  'cli.doctor.redisUnset': {
    vi: 'REDIS_URL chưa đặt: hẹn giờ nhúng trong tiến trình',
    en: 'REDIS_URL unset: embedded timers',
  },
  'cli.doctor.redisOk': { vi: '{url} trả lời PING', en: '{url} answers PING' },
  'cli.doctor.redisBad': {
    vi: 'không kết nối được Redis tại REDIS_URL={url} ({reason}): khởi động Redis, hoặc sửa hay bỏ REDIS_URL',
    en: 'cannot reach Redis at REDIS_URL={url} ({reason}): start Redis, or fix or unset REDIS_URL',
  },
  'cli.doctor.calendar': { vi: 'lịch ngày làm việc', en: 'working-day calendar' },
  'cli.doctor.calendarOk': { vi: 'có các năm {years}', en: 'covers {years}' },
  'cli.doctor.calendarMissing': {
    vi: 'có các năm {years}, thiếu {missing}: thêm tệp {missing}.json vào {dir} (KETNAP_CALENDAR_DIR)',
    en: 'covers {years}, not {missing}: add {missing}.json to {dir} (KETNAP_CALENDAR_DIR)',
  },
  'cli.doctor.rules': { vi: 'bộ quy định', en: 'rule sets' },
  'cli.doctor.rulesBuiltIn': {
    vi: 'đang áp dụng {sets} (có sẵn; tệp thay thế đặt vào {dir}, KETNAP_RULES_DIR)',
    en: 'in force: {sets} (built-in; replacement files go to {dir}, KETNAP_RULES_DIR)',
  },
  'cli.doctor.rulesOperator': {
    vi: 'đang áp dụng {sets}; lấy từ tệp trong {dir}: {operator}',
    en: 'in force: {sets}; from the files in {dir}: {operator}',
  },
  'cli.doctor.rulesBad': {
    vi: '{detail}: sửa hoặc bỏ tệp này (KETNAP_RULES_DIR)',
    en: '{detail}: fix or remove this file (KETNAP_RULES_DIR)',
  },
  'cli.doctor.disk': { vi: 'dung lượng trống', en: 'free disk' },
  'cli.doctor.diskOk': { vi: '{free} GiB trống ở {dir}', en: '{free} GiB free in {dir}' },
  'cli.doctor.diskLow': {
    vi: 'chỉ còn {free} GiB trống ở {dir}: giải phóng chỗ hoặc chuyển KETNAP_DATA_DIR',
    en: 'only {free} GiB free in {dir}: free some space or move KETNAP_DATA_DIR',
  },
  'cli.doctor.diskUnknown': {
    vi: 'chưa có {dir}: máy chủ tạo khi khởi động lần đầu',
    en: 'no {dir} yet: the server creates it on first start',
  },
  'cli.doctor.secret': { vi: 'khóa bí mật', en: 'secret' },
  'cli.doctor.secretEnv': { vi: 'AUTH_SECRET đã đặt', en: 'AUTH_SECRET is set' },
  'cli.doctor.secretOk': { vi: '{file} (quyền 0600)', en: '{file} (mode 0600)' },
  'cli.doctor.secretMissing': {
    vi: 'chưa có {file}: máy chủ tạo khi khởi động lần đầu (hoặc đặt AUTH_SECRET)',
    en: 'no {file} yet: the server generates it on first start (or set AUTH_SECRET)',
  },
  'cli.doctor.secretMode': {
    vi: '{file} có quyền {mode}, người khác đọc được: chmod 600 {file}',
    en: '{file} has mode {mode}, readable by others: chmod 600 {file}',
  },
  'cli.doctor.summaryOk': {
    vi: 'không có lỗi ({warnings} chú ý)',
    en: 'no failures ({warnings} warnings)',
  },
  'cli.doctor.summaryFail': {
    vi: '{failures} lỗi cần sửa: xem các dòng LỖI ở trên',
    en: '{failures} failure(s) to fix: see the FAIL lines above',
  },
} as const satisfies Record<string, MessageText>;
