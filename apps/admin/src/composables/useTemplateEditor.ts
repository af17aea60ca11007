import { computed, nextTick, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import type {
  NotificationTemplate,
  RenderedNotice,
  SaveNotificationTemplateBody,
} from '@zhangyi/contracts';
import { previewTemplate, saveTemplate } from '../api/notifications';
import {
  MAX_ROWS,
  TEMPLATE_ID,
  fieldsFromRows,
  insertPlaceholder,
  makeRow,
  nextKeyword,
  rowProblems,
  rowsFromFields,
  type MappingRow,
} from '../templateMapping';

/** How long typing must pause before the preview is asked for again. */
const PREVIEW_DELAY_MS = 350;
// The preview renders fields only, but the body's schema wants a valid template id: one stands in
// until the administrator has typed theirs, so the preview works from the first keystroke.
const STAND_IN_TEMPLATE_ID = 'PREVIEW';

/** Where a clicked field chip goes: a row's pattern or the tap-through URL. */
type InsertTarget = { row: number } | 'url';

/**
 * The edit form of one kind's template mapping: rows of keyword → pattern, the URL pattern and the
 * enabled switch; a live preview of the unsaved form (debounced, newest answer wins); field chips
 * that insert `{{field}}` at the caret; and saving.
 */
export function useTemplateEditor() {
  const kind = ref('');
  const templateId = ref('');
  const rows = ref<MappingRow[]>([]);
  const url = ref('');
  const enabled = ref(true);
  /** Whether the kind has a saved template, which test sends use. */
  const configured = ref(false);
  /** The form as last loaded or saved; `dirty` compares against it. */
  const savedBody = ref('');
  const saving = ref(false);
  const saveError = shallowRef<unknown>(null);
  /** Set by a save attempt, so that a blank template id is pointed out only then. */
  const submitted = ref(false);
  /** The input a field chip writes into, and its element for the caret. */
  let target: InsertTarget | undefined;
  let targetEl: HTMLInputElement | undefined;

  const body = computed<SaveNotificationTemplateBody>(() => ({
    templateId: templateId.value.trim(),
    fields: fieldsFromRows(rows.value),
    url: url.value.trim() || null,
    enabled: enabled.value,
  }));
  const dirty = computed(() => JSON.stringify(body.value) !== savedBody.value);
  const problems = computed(() => rowProblems(rows.value));
  const tooManyRows = computed(() => Object.keys(body.value.fields).length > MAX_ROWS);
  const rowsValid = computed(() => !tooManyRows.value && problems.value.every((p) => p === null));
  const templateIdProblem = computed<'required' | 'invalid' | null>(() => {
    const id = body.value.templateId;
    if (!id) return submitted.value ? 'required' : null;
    return TEMPLATE_ID.test(id) && id.length <= 128 ? null : 'invalid';
  });

  // ---- preview -------------------------------------------------------------------------------
  const preview = shallowRef<RenderedNotice | null>(null);
  const previewError = shallowRef<unknown>(null);
  const previewing = ref(false);
  let active = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  /** The form last sent for preview, so that opening does not ask twice for the same thing. */
  let requested = '';

  const previewBody = computed<SaveNotificationTemplateBody | null>(() => {
    if (!rowsValid.value) return null;
    const id = body.value.templateId;
    const usable = id && TEMPLATE_ID.test(id) && id.length <= 128;
    return { ...body.value, templateId: usable ? id : STAND_IN_TEMPLATE_ID };
  });
  /** True while the form has problems the preview cannot get past. */
  const previewBlocked = computed(() => previewBody.value === null);

  const previewKey = computed(() => `${kind.value} ${JSON.stringify(previewBody.value)}`);

  async function runPreview(): Promise<void> {
    const request = previewBody.value;
    const id = ++latest;
    requested = previewKey.value;
    if (!request || !kind.value) {
      previewing.value = false;
      return;
    }
    previewing.value = true;
    try {
      const rendered = await previewTemplate(kind.value, request);
      if (id !== latest) return;
      preview.value = rendered;
      previewError.value = null;
    } catch (error) {
      if (id === latest) previewError.value = error;
    } finally {
      if (id === latest) previewing.value = false;
    }
  }

  function schedulePreview(): void {
    clearTimeout(timer);
    if (!active || previewKey.value === requested) return;
    previewing.value = true;
    timer = setTimeout(() => void runPreview(), PREVIEW_DELAY_MS);
  }

  watch(previewKey, schedulePreview);

  // ---- lifecycle -------------------------------------------------------------------------------
  /** Fills the form from a kind's current mapping and asks for its preview at once. */
  function open(template: NotificationTemplate): void {
    kind.value = template.kind;
    templateId.value = template.templateId ?? '';
    rows.value = rowsFromFields(template.fields);
    if (rows.value.length === 0) rows.value.push(makeRow('keyword1'));
    url.value = template.url ?? '';
    // A kind being configured for the first time is meant to be sent.
    enabled.value = template.templateId ? template.enabled : true;
    configured.value = template.templateId !== null;
    savedBody.value = JSON.stringify(body.value);
    submitted.value = false;
    saveError.value = null;
    preview.value = null;
    previewError.value = null;
    target = undefined;
    targetEl = undefined;
    active = true;
    clearTimeout(timer);
    void runPreview();
  }

  /** Stops previewing once the form is closed; answers still in flight are dropped. */
  function close(): void {
    active = false;
    clearTimeout(timer);
    latest++;
    requested = '';
    previewing.value = false;
  }

  onBeforeUnmount(close);

  // ---- rows and field chips ------------------------------------------------------------------
  function addRow(): MappingRow {
    const row = makeRow(nextKeyword(rows.value));
    rows.value.push(row);
    // A row just added is where the next field chip is meant to go.
    target = { row: row.id };
    targetEl = undefined;
    return row;
  }

  function removeRow(id: number): void {
    rows.value = rows.value.filter((row) => row.id !== id);
  }

  /** Remembers the input a field chip should write into; call from the input's focus event. */
  function track(next: InsertTarget, event: FocusEvent): void {
    target = next;
    targetEl = event.target instanceof HTMLInputElement ? event.target : undefined;
  }

  function textOf(where: InsertTarget): string | undefined {
    if (where === 'url') return url.value;
    return rows.value.find((row) => row.id === where.row)?.pattern;
  }

  function write(where: InsertTarget, text: string): void {
    if (where === 'url') url.value = text;
    else {
      const row = rows.value.find((item) => item.id === where.row);
      if (row) row.pattern = text;
    }
  }

  /**
   * Inserts `{{field}}` at the caret of the pattern input last focused (replacing a selection).
   * With none, it fills the first empty row, or a new one, so a click always does something.
   */
  function insertField(field: string): void {
    let where = target;
    let el = targetEl;
    if (where === undefined || textOf(where) === undefined || (el && !el.isConnected)) {
      const row = rows.value.find((item) => item.pattern.trim() === '') ?? addRow();
      where = { row: row.id };
      el = undefined;
    }
    const current = textOf(where) ?? '';
    const { text, caret } = insertPlaceholder(
      current,
      field,
      el?.selectionStart ?? current.length,
      el?.selectionEnd ?? undefined,
    );
    write(where, text);
    target = where;
    if (el) {
      const input = el;
      void nextTick(() => {
        input.focus();
        input.setSelectionRange(caret, caret);
      });
    }
  }

  // ---- saving --------------------------------------------------------------------------------
  /** Checks and saves; resolves to the saved mapping, or null when it did not save. */
  async function save(): Promise<NotificationTemplate | null> {
    submitted.value = true;
    saveError.value = null;
    if (templateIdProblem.value || !rowsValid.value) return null;
    saving.value = true;
    try {
      const saved = await saveTemplate(kind.value, body.value);
      savedBody.value = JSON.stringify(body.value);
      configured.value = true;
      return saved;
    } catch (error) {
      saveError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    kind,
    templateId,
    rows,
    url,
    enabled,
    configured,
    dirty,
    problems,
    tooManyRows,
    templateIdProblem,
    preview,
    previewError,
    previewing,
    previewBlocked,
    saving,
    saveError,
    open,
    close,
    addRow,
    removeRow,
    track,
    insertField,
    save,
  };
}
