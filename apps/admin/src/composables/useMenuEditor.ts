import { computed, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Menu } from '@zhangyi/contracts';
import {
  fetchLiveMenu,
  fetchMenu,
  publishMenu,
  saveMenuDraft,
  type MenuState,
} from '../api/wechat';
import {
  PATH_SEPARATOR,
  addButton,
  addButtonBlocked,
  addSub,
  addSubBlocked,
  canMove,
  findItem,
  fromWechat,
  locate,
  makeButton,
  makeLeaf,
  menuChanges,
  menuProblems,
  moveItem,
  removeItem,
  sameMenu,
  toWechat,
  type MenuButtonDraft,
  type MenuLeafDraft,
  type MenuProblem,
} from '../wechatMenu';

/** The fields the form edits in place. */
export type EditableField = Exclude<keyof MenuLeafDraft, 'id'>;

/**
 * The custom-menu editor: the draft as buttons with a selection, the structural edits, WeChat's
 * limits checked before saving, saving the draft, publishing it, and what WeChat shows now.
 */
export function useMenuEditor() {
  const { t } = useI18n();
  const buttons = ref<MenuButtonDraft[]>([]);
  const selectedId = ref<number | null>(null);
  /** The server's state as last loaded, saved or published. */
  const state = shallowRef<MenuState | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  const saving = ref(false);
  const publishing = ref(false);
  /** The last save or publish refusal, shown until the next attempt. */
  const actionError = shallowRef<unknown>(null);
  /** Set by a save attempt, so that fields still empty are pointed out only then. */
  const submitted = ref(false);

  /** Whether the server's draft has arrived; saving and publishing wait for it. */
  const loaded = computed(() => state.value !== null);
  const wire = computed<Menu>(() => toWechat(buttons.value));
  const dirty = computed(() => state.value !== null && !sameMenu(wire.value, state.value.draft));
  const problems = computed(() => menuProblems(buttons.value));
  // Too long and malformed show as they are typed; missing ones after a save attempt.
  const shownProblems = computed(() =>
    submitted.value ? problems.value : problems.value.filter((p) => p.code !== 'required'),
  );
  const problemIds = computed(() => new Set(shownProblems.value.map((p) => p.id)));

  const selected = computed(() => findItem(buttons.value, selectedId.value));
  const position = computed(() =>
    selectedId.value === null ? null : locate(buttons.value, selectedId.value),
  );
  /** The top-level button of the selection: itself, or the parent of a selected sub-button. */
  const owner = computed(() => (position.value ? buttons.value[position.value.top] : undefined));
  const parent = computed(() => (position.value?.sub === undefined ? undefined : owner.value));
  const level = computed<'top' | 'sub'>(() => (position.value?.sub === undefined ? 'top' : 'sub'));
  /** A top-level button with sub-buttons is selected: only its name can be set. */
  const grouped = computed(() => level.value === 'top' && (owner.value?.subs.length ?? 0) > 0);
  const selectedProblems = computed(() =>
    shownProblems.value.filter((problem) => problem.id === selectedId.value),
  );
  const addButtonReason = computed(() => addButtonBlocked(buttons.value));
  const addSubReason = computed(() => addSubBlocked(buttons.value, selectedId.value));

  /** The name of a button with its parent's, e.g. `就医服务 › 预约挂号`, for messages. */
  function pathOf(id: number | null): string {
    if (id === null) return '';
    const at = locate(buttons.value, id);
    if (!at) return '';
    const named = (item: MenuLeafDraft) => item.name.trim() || t('wechatMenu.unnamed');
    const top = buttons.value[at.top]!;
    return at.sub === undefined
      ? named(top)
      : named(top) + PATH_SEPARATOR + named(top.subs[at.sub]!);
  }

  // ---- loading -------------------------------------------------------------------------------
  /** Replaces the editor's buttons with the server's draft and selects the first button. */
  function adopt(next: MenuState): void {
    state.value = next;
    buttons.value = fromWechat(next.draft);
    selectedId.value = buttons.value[0]?.id ?? null;
    submitted.value = false;
  }

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      adopt(await fetchMenu());
    } catch (error) {
      loadError.value = error;
    } finally {
      loading.value = false;
    }
  }

  // ---- the live menu -------------------------------------------------------------------------
  /** What WeChat shows; undefined until asked. */
  const live = shallowRef<Menu | null | undefined>(undefined);
  const liveLoading = ref(false);
  const liveError = shallowRef<unknown>(null);
  let liveRequest = 0;

  async function loadLive(): Promise<void> {
    const id = ++liveRequest;
    liveLoading.value = true;
    liveError.value = null;
    try {
      const menu = await fetchLiveMenu();
      if (id === liveRequest) live.value = menu;
    } catch (error) {
      if (id === liveRequest) liveError.value = error;
    } finally {
      if (id === liveRequest) liveLoading.value = false;
    }
  }

  const published = computed(() => state.value?.published ?? null);
  const publishedAt = computed(() => state.value?.publishedAt ?? null);
  /** The editor's draft against what was last published from here (unsaved edits included). */
  const draftChanges = computed(() => menuChanges(published.value, wire.value));
  const draftDiffers = computed(() => !sameMenu(published.value, wire.value));
  // Someone may have changed the menu on WeChat's own platform since.
  const liveDiffers = computed(
    () =>
      live.value !== undefined &&
      published.value !== null &&
      !sameMenu(live.value, published.value),
  );

  // ---- edits ---------------------------------------------------------------------------------
  function select(id: number): void {
    selectedId.value = id;
  }

  function setField(id: number, field: EditableField, value: string): void {
    const item = findItem(buttons.value, id);
    if (item) item[field] = value;
  }

  function addTop(): void {
    if (addButtonReason.value) return;
    const button = makeButton(t('wechatMenu.newButton'));
    buttons.value = addButton(buttons.value, button);
    selectedId.value = button.id;
  }

  function addChild(): void {
    if (addSubReason.value || selectedId.value === null) return;
    const leaf = makeLeaf(t('wechatMenu.newSub'));
    buttons.value = addSub(buttons.value, selectedId.value, leaf);
    selectedId.value = leaf.id;
  }

  /** Removes a button and selects its neighbour, or its parent after its last sub-button. */
  function remove(id: number): void {
    const at = locate(buttons.value, id);
    if (!at) return;
    buttons.value = removeItem(buttons.value, id);
    const top = buttons.value[Math.min(at.top, buttons.value.length - 1)];
    if (at.sub === undefined) selectedId.value = top?.id ?? null;
    else {
      const siblings = buttons.value[at.top]!.subs;
      selectedId.value = (siblings[Math.min(at.sub, siblings.length - 1)] ?? top)?.id ?? null;
    }
  }

  function move(id: number, delta: -1 | 1): void {
    buttons.value = moveItem(buttons.value, id, delta);
  }

  function movable(id: number, delta: -1 | 1): boolean {
    return canMove(buttons.value, id, delta);
  }

  // ---- saving and publishing -----------------------------------------------------------------
  /** Selects the first button with a problem, so that its form shows what to fix. */
  function showFirstProblem(list: MenuProblem[]): void {
    const first = list.find((problem) => problem.id !== null);
    if (first?.id != null) selectedId.value = first.id;
  }

  /** Checks and saves the draft; resolves to whether it saved. */
  async function save(): Promise<boolean> {
    submitted.value = true;
    actionError.value = null;
    if (problems.value.length > 0) {
      showFirstProblem(problems.value);
      return false;
    }
    saving.value = true;
    try {
      // The editor keeps its own buttons (and so the selection); the answer is the saved draft.
      state.value = await saveMenuDraft(wire.value);
      return true;
    } catch (error) {
      actionError.value = error;
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** Saves unsaved edits, then publishes the draft; resolves to whether it was published. */
  async function publish(): Promise<boolean> {
    if ((dirty.value || problems.value.length > 0) && !(await save())) return false;
    actionError.value = null;
    publishing.value = true;
    try {
      state.value = await publishMenu();
      void loadLive();
      return true;
    } catch (error) {
      actionError.value = error;
      return false;
    } finally {
      publishing.value = false;
    }
  }

  onMounted(() => {
    void load();
    void loadLive();
  });

  return {
    buttons,
    selectedId,
    selected,
    owner,
    parent,
    level,
    grouped,
    loaded,
    loading,
    loadError,
    saving,
    publishing,
    actionError,
    submitted,
    dirty,
    problems,
    shownProblems,
    problemIds,
    selectedProblems,
    addButtonReason,
    addSubReason,
    live,
    liveLoading,
    liveError,
    published,
    publishedAt,
    draftChanges,
    draftDiffers,
    liveDiffers,
    pathOf,
    load,
    loadLive,
    select,
    setField,
    addTop,
    addChild,
    remove,
    move,
    movable,
    save,
    publish,
  };
}
