import { api, ApiError } from './api.js';
import { candidateName, dmy, dmyTime, h, legalDateOf, show } from './dom.js';
import { field, setError } from './fields.js';
import { DEADLINE_STATUS_NAMES, EVENT_NAMES, FIELD_NAMES, ROLE_NAMES, STEP_NAMES, VALUE_NAMES } from './step-names.js';
import { OBLIGATION_NAMES, STAGE_NAMES, STEP_FORMS } from '/console/labels.js';

/** The route of a dossier's page; its id follows. */
export const DOSSIER_ROUTE = '#/ho-so/';

/** At most this many helpers or introducers in one step (the API's own limit). */
const LIST_LIMIT = 5;

const capitalised = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');
const fieldName = (step, name) => FIELD_NAMES[`${step}.${name}`] ?? FIELD_NAMES[name] ?? name;

/** A recorded value as the page shows it: dates dd/mm/yyyy, codes by their Vietnamese name. */
function shown(value) {
  if (value === true) return 'có';
  if (value === false) return 'không';
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (/^\d{4}-\d\d-\d\d$/.test(String(value))) return dmy(String(value));
  return VALUE_NAMES[value] ?? String(value);
}

const actorOf = (actor) =>
  actor ? `${actor.sub}${ROLE_NAMES[actor.role] ? ` (${ROLE_NAMES[actor.role]})` : ''}` : 'hệ thống';

const fact = (term, value, key) => h('div', {}, h('dt', {}, term), h('dd', { 'data-fact': key }, value));

/**
 * What a correction changed, in words ("Ngày họp: 07/03/2024; Số phiếu tán thành: 7"), and why. The
 * history gives events as stored: since schema version 2 the reason and the personal fields changed sit
 * in the event's personal part, which is named here, not shown field by field.
 */
function correctionText(correction) {
  const { changes = {}, personal = {}, reason } = correction.data;
  const said = Object.entries(changes).map(([field, value]) => `${fieldName('', field)}: ${shown(value)}`);
  const personalChanged = Object.keys(personal.changes ?? {}).length > 0 || (said.length === 0 && !personal.changes);
  if (personalChanged) said.push('thông tin cá nhân');
  return `${said.join('; ')}. Lý do: ${personal.reason ?? reason}`;
}

/** One event of the history, with the corrections made to it since. */
function timelineItem(item, correctionsOf) {
  const corrections = correctionsOf.get(item.eventId) ?? [];
  const lines = [];
  if (item.type === 'StepCorrected') {
    const target = EVENT_NAMES[item.data.targetType] ?? item.data.targetType;
    lines.push(h('p', {}, `Đính chính bước “${target}”: ${correctionText(item)}`));
  }
  if (item.type === 'DeadlineBreached') {
    const obligation = OBLIGATION_NAMES[item.data.obligation] ?? item.data.obligation;
    lines.push(
      h(
        'p',
        {},
        `${capitalised(obligation)}: hạn ${dmy(item.data.dueOn)}, trễ ${item.data.workingDaysLate} ngày làm việc`,
      ),
    );
  }
  return h(
    'li',
    { 'data-event': item.eventId, 'data-type': item.type, class: corrections.length ? 'corrected' : null },
    h('h3', {}, EVENT_NAMES[item.type] ?? item.type),
    h(
      'p',
      { class: 'when' },
      'Ngày: ',
      h('span', { class: 'legal-date' }, item.occurredOn ? dmy(item.occurredOn) : '—'),
    ),
    h(
      'p',
      { class: 'recorded' },
      `Ghi nhận bởi ${actorOf(item.actor)} lúc `,
      h('span', { class: 'recorded-at' }, dmyTime(item.recordedAt)),
    ),
    lines,
    corrections.map((c) =>
      h(
        'p',
        { class: 'correction', 'data-correction': c.eventId },
        h('strong', {}, `Đã đính chính ngày ${dmy(c.data.correctedOn)}: `),
        correctionText(c),
      ),
    ),
  );
}

/** A deadline: its obligation, dates, status, and the non-working days that push its due date. */
function deadlineItem(d) {
  const skipped = d.skippedDays ?? [];
  return h(
    'li',
    { class: 'card deadline', 'data-obligation': d.obligation },
    h('h3', {}, capitalised(OBLIGATION_NAMES[d.obligation] ?? d.obligation)),
    h(
      'dl',
      { class: 'facts' },
      fact('Bắt đầu', dmy(d.startedOn), 'startedOn'),
      fact('Hạn', dmy(d.dueOn), 'dueOn'),
      fact('Trạng thái', DEADLINE_STATUS_NAMES[d.status] ?? d.status, 'status'),
      d.metOn && fact('Hoàn thành ngày', dmy(d.metOn), 'metOn'),
      d.workingDaysLate !== undefined && fact('Trễ', `${d.workingDaysLate} ngày làm việc`, 'workingDaysLate'),
    ),
    skipped.length > 0
      ? h(
          'details',
          {},
          h('summary', {}, `Ngày nghỉ không tính vào thời hạn (${skipped.length} ngày)`),
          h(
            'ul',
            { class: 'skipped' },
            skipped.map((day) => h('li', { 'data-day': day }, dmy(day))),
          ),
        )
      : h('p', { class: 'muted' }, 'Không có ngày nghỉ nào được bỏ qua.'),
  );
}

/**
 * The form of one step, its fields read from the step's shape (`STEP_FORMS`); the API judges what
 * is sent, and its refusal is shown next to each field it names and, whole, above the form.
 */
function stepForm(dossier, step, units, recorded) {
  const controls = new Map();
  const problem = h('div', { id: 'step-problem', class: 'problem', role: 'alert', tabindex: '-1' });
  const unitOptions = (name) =>
    units
      .filter((u) =>
        name === 'toBranchId' ? u.kind === 'branch' : ['party-committee', 'higher-committee'].includes(u.kind),
      )
      .map((u) => [u.unitId, u.name]);

  /** A labelled control for `spec` at `path` (`helpers[0].name`), its error element `<path>-error`. */
  function control(spec, path) {
    const label = `${fieldName(step, spec.name)}${spec.optional && spec.kind !== 'boolean' ? ' (không bắt buộc)' : ''}`;
    const base = { name: path };
    let input;
    if (spec.kind === 'one-of' || spec.kind === 'unit') {
      const options = spec.kind === 'unit' ? unitOptions(spec.name) : spec.values.map((v) => [v, VALUE_NAMES[v] ?? v]);
      input = h(
        'select',
        base,
        h('option', { value: '' }, spec.optional ? '— Không ghi —' : '— Chọn —'),
        options.map(([value, name]) => h('option', { value }, name)),
      );
    } else if (spec.kind === 'text' && spec.max >= 1000) {
      input = h('textarea', { ...base, rows: 3, maxlength: spec.max });
    } else if (spec.kind === 'integer' || spec.kind === 'number') {
      input = h('input', { ...base, type: 'number', inputmode: 'numeric', step: 1, min: spec.min ?? 0, max: spec.max });
    } else if (spec.kind === 'boolean') {
      input = h('input', { ...base, type: 'checkbox' });
    } else {
      // A date is typed as documents write it, dd/mm/yyyy: a date input shows the browser's own format.
      const date = spec.kind === 'date';
      input = h('input', {
        ...base,
        type: 'text',
        maxlength: spec.kind === 'text' ? spec.max : null,
        inputmode: date ? 'numeric' : null,
        placeholder: date ? 'dd/mm/yyyy' : null,
        autocomplete: date ? 'off' : null,
      });
    }
    if (!spec.optional) input.setAttribute('aria-required', 'true');
    const labelled = field(path, label, input, { check: spec.kind === 'boolean' });
    controls.set(path, { control: input, error: labelled.error, spec });
    return labelled.element;
  }

  /** A group (an object, a list, a set of choices): a fieldset whose own error is shown under its legend. */
  function group(spec, path, children) {
    const error = h('p', { class: 'field-error', id: `${path}-error`, 'aria-live': 'polite' });
    const legend = `${fieldName(step, spec.name)}${spec.optional ? ' (không bắt buộc)' : ''}`;
    const fieldset = h('fieldset', { 'aria-describedby': `${path}-error` }, h('legend', {}, legend), error, children);
    // Its message marks the group's first control, so the focus goes somewhere that can be typed in.
    controls.set(path, {
      error,
      spec,
      get control() {
        return fieldset.querySelector('input, select, textarea') ?? fieldset;
      },
    });
    return fieldset;
  }

  function fields(specs, prefix) {
    return specs.map((spec) => {
      const path = `${prefix}${spec.name}`;
      if (spec.kind === 'object') return group(spec, path, fields(spec.fields, `${path}.`));
      if (spec.kind === 'choices') {
        return group(
          spec,
          path,
          spec.values.map((value) => {
            const id = `${path}-${value}`;
            return h(
              'div',
              { class: 'field check' },
              h('label', { for: id }, VALUE_NAMES[value] ?? value),
              h('input', { id, type: 'checkbox', name: path, value }),
            );
          }),
        );
      }
      if (spec.kind === 'list') {
        const entries = h('div', { class: 'entries' });
        let count = 0;
        const add = h(
          'button',
          { type: 'button', class: 'secondary' },
          `Thêm ${fieldName(step, spec.name).toLowerCase()}`,
        );
        const addEntry = () => {
          const i = count;
          count += 1;
          entries.append(
            h(
              'fieldset',
              { class: 'entry', 'data-entry': i },
              h('legend', {}, `Người thứ ${i + 1}`),
              fields(spec.fields, `${path}[${i}].`),
            ),
          );
          add.hidden = count >= LIST_LIMIT;
        };
        add.addEventListener('click', () => {
          addEntry();
          entries.lastElementChild.querySelector('input, select')?.focus();
        });
        addEntry();
        return group(spec, path, [entries, add]);
      }
      if (spec.kind === 'record') return null;
      return control(spec, path);
    });
  }

  /** The body to send: what was filled in, numbers as numbers, list entries kept so errors name them by index. */
  function collect(specs, prefix) {
    const out = {};
    for (const spec of specs) {
      const path = `${prefix}${spec.name}`;
      if (spec.kind === 'object') {
        const value = collect(spec.fields, `${path}.`);
        if (!spec.optional || Object.keys(value).length > 0) out[spec.name] = value;
      } else if (spec.kind === 'list') {
        const entries = form.querySelectorAll(`fieldset.entry`);
        const mine = [...entries].filter((e) => e.querySelector(`[id^="${path}["]`));
        out[spec.name] = mine.map((_, i) => collect(spec.fields, `${path}[${i}].`));
      } else if (spec.kind === 'choices') {
        const checked = [...form.querySelectorAll(`input[name="${path}"]:checked`)].map((i) => i.value);
        if (checked.length > 0) out[spec.name] = checked;
      } else if (spec.kind !== 'record') {
        const { control: input } = controls.get(path);
        if (spec.kind === 'boolean') {
          if (input.checked) out[spec.name] = true;
        } else if (spec.kind === 'integer' || spec.kind === 'number') {
          if (input.value !== '') out[spec.name] = Number(input.value);
        } else if (spec.kind === 'date' && input.value.trim() !== '') {
          const date = legalDateOf(input.value);
          if (date) out[spec.name] = date;
          else unreadable.push(path);
        } else if (input.value.trim() !== '') out[spec.name] = input.value.trim();
      }
    }
    return out;
  }

  const specs = STEP_FORMS[step] ?? [];
  /** The date fields of the last submit whose text is not a date written dd/mm/yyyy. */
  const unreadable = [];
  const submit = h('button', { type: 'submit' }, 'Ghi nhận');
  const form = h(
    'form',
    { class: 'card step-form', novalidate: true, 'data-step': step, 'aria-labelledby': 'step-form-title' },
    h('h3', { id: 'step-form-title' }, STEP_NAMES[step] ?? step),
    problem,
    fields(specs, ''),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const c of controls.values()) setError(c, '');
    problem.replaceChildren();
    unreadable.length = 0;
    const body = collect(specs, '');
    if (unreadable.length > 0) {
      for (const path of unreadable) setError(controls.get(path), 'Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/03/2024.');
      controls.get(unreadable[0]).control.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api(`/dossiers/${encodeURIComponent(dossier.id)}/${step}`, { method: 'POST', json: body });
      await recorded(step);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        problem.replaceChildren(h('p', {}, error.message));
        problem.focus();
        return;
      }
      // The request's validation names list entries `helpers.0.name`, the domain's `helpers[0].name`: one form.
      const errors = (error.problem.errors ?? []).map((e) => ({
        ...e,
        field: e.field.replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
      }));
      for (const { field, message } of errors) {
        // A field the form does not show (an entry of a list beyond those shown) marks its group.
        const c = controls.get(field) ?? controls.get(field.replace(/(\[\d+\])?(\.[^.[\]]+)?$/, ''));
        if (c && !c.error.textContent) setError(c, message);
      }
      // A rule refusal (422) names the date it is about in its details: marked too, its message above.
      const named = error.problem.details?.field;
      if (errors.length === 0 && named && controls.has(named)) setError(controls.get(named), error.message);
      // A 400's detail names the fields by their codes: above the form, they are named by their labels.
      const labelOf = (field) => {
        const c = controls.get(field);
        return c?.control.labels?.[0]?.textContent ?? field;
      };
      problem.replaceChildren(
        ...(errors.length > 0
          ? [
              h('p', {}, 'Chưa ghi nhận được, hãy sửa các mục sau:'),
              h(
                'ul',
                {},
                errors.map(({ field, message }) => h('li', {}, `${labelOf(field)}: ${message}`)),
              ),
            ]
          : [h('p', {}, error.message)]),
      );
      (form.querySelector('[aria-invalid="true"]') ?? problem).focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The steps the reader may record next (the API's `nextSteps`), one form at a time. */
function nextStepSection(dossier, units, recorded) {
  const steps = dossier.nextSteps ?? [];
  const heading = h('h2', { id: 'next-heading' }, 'Ghi nhận bước tiếp theo');
  if (steps.length === 0) {
    return h(
      'section',
      { 'aria-labelledby': 'next-heading' },
      heading,
      h('p', { class: 'muted', id: 'no-next-step' }, 'Không có bước nào bạn có thể ghi nhận cho hồ sơ này.'),
    );
  }
  const select = h(
    'select',
    { id: 'next-step', name: 'next-step' },
    steps.map((step) => h('option', { value: step }, STEP_NAMES[step] ?? step)),
  );
  const holder = h('div', { class: 'step-holder' });
  const render = () => holder.replaceChildren(stepForm(dossier, select.value, units, recorded));
  select.addEventListener('change', render);
  render();
  return h(
    'section',
    { 'aria-labelledby': 'next-heading' },
    heading,
    h('div', { class: 'field' }, h('label', { for: 'next-step' }, 'Bước cần ghi nhận'), select),
    holder,
  );
}

const backLink = () => h('p', {}, h('a', { href: '#/ho-so' }, '← Danh sách hồ sơ'));

/** Hồ sơ: one dossier, its history as a timeline, its deadlines, and the forms of its next steps. */
export async function showDossier(main, notice) {
  const id = decodeURIComponent(location.hash.split('?')[0].slice(DOSSIER_ROUTE.length));
  document.title = 'Hồ sơ – ketnap';
  const path = `/dossiers/${encodeURIComponent(id)}`;
  let dossier;
  let history;
  let units;
  try {
    [dossier, history, units] = await Promise.all([api(path), api(`${path}/history`), api('/units')]);
  } catch (error) {
    // A dossier out of the reader's units (403) or unknown (404): the API's words, not a broken page.
    if (!(error instanceof ApiError) || ![400, 403, 404].includes(error.status)) throw error;
    show(
      main,
      backLink(),
      h('h1', {}, 'Không mở được hồ sơ'),
      h('p', { role: 'alert', class: 'problem' }, error.message),
    );
    return;
  }
  const unitList = units.items;
  const unitName = (unitId) => unitList.find((u) => u.unitId === unitId)?.name ?? unitId;
  const name = candidateName(dossier);
  document.title = `${name} – ketnap`;

  const correctionsOf = new Map();
  for (const item of history.items) {
    if (item.type !== 'StepCorrected') continue;
    correctionsOf.set(item.data.eventId, [...(correctionsOf.get(item.data.eventId) ?? []), item]);
  }
  const broken = history.firstBroken ? ` (từ sự kiện thứ ${history.firstBroken.streamVersion})` : '';
  const chain = history.chainValid
    ? h('p', { class: 'chain chain-ok', id: 'chain-status' }, '✓ Chuỗi băm hợp lệ')
    : h(
        'p',
        { class: 'chain chain-broken', id: 'chain-status', role: 'alert' },
        `Chuỗi băm không hợp lệ${broken}: lịch sử hồ sơ có thể đã bị sửa ngoài hệ thống. Hãy báo ủy ban kiểm tra.`,
      );
  const recorded = (step) => showDossier(main, `Đã ghi nhận: ${STEP_NAMES[step] ?? step}.`);

  show(
    main,
    backLink(),
    h('h1', {}, name),
    h('p', { role: 'status', class: 'notice' }, notice ?? ''),
    h(
      'dl',
      { class: 'facts summary' },
      fact('Chi bộ', unitName(dossier.branchId), 'branch'),
      fact('Giai đoạn', capitalised(STAGE_NAMES[dossier.stage] ?? dossier.stage), 'stage'),
      fact('Bộ quy tắc', dossier.ruleSet ?? '—', 'ruleSet'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'timeline-heading' },
      h('h2', { id: 'timeline-heading' }, 'Tiến trình hồ sơ'),
      chain,
      h(
        'ol',
        { class: 'timeline' },
        history.items.map((item) => timelineItem(item, correctionsOf)),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'deadlines-heading' },
      h('h2', { id: 'deadlines-heading' }, 'Thời hạn'),
      dossier.deadlines.length > 0
        ? h('ul', { class: 'deadline-list' }, dossier.deadlines.map(deadlineItem))
        : h('p', { class: 'muted' }, 'Chưa có thời hạn nào.'),
    ),
    nextStepSection(dossier, unitList, recorded),
  );
}
