/**
 * The custom-menu editor's model, WeChat's limits and the structural edits, without Vue. The wire
 * format is WeChat's own JSON (the contracts' `Menu`); the editor keeps every action field of a
 * button whatever its type, so that switching the type back and forth does not lose what was
 * typed, and sends only the fields the chosen type uses.
 */
import type { Menu, MenuButton } from '@zhangyi/contracts';

/** WeChat's limits (developers.weixin.qq.com, 自定义菜单 › 创建接口); names and values in UTF-8 bytes. */
export const MAX_BUTTONS = 3;
export const MAX_SUBS = 5;
export const TOP_NAME_BYTES = 16;
export const SUB_NAME_BYTES = 60;
export const KEY_BYTES = 128;
export const URL_BYTES = 1024;
/** The contracts' own caps (characters) on the fields WeChat sets no documented limit for. */
export const APPID_MAX = 64;
export const PAGEPATH_MAX = 256;
export const MEDIA_ID_MAX = 128;

/** The click key the server answers itself, with the hospital's contact. */
export const CONTACT_US_KEY = 'CONTACT_US';

/** The button types the editor offers, the most used first. */
export const buttonTypes = [
  'view',
  'click',
  'miniprogram',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'media_id',
  'article_id',
] as const;
export type ButtonType = (typeof buttonTypes)[number];

export const actionFields = ['key', 'url', 'appid', 'pagepath', 'media_id', 'article_id'] as const;
export type ActionField = (typeof actionFields)[number];

const fieldsByType: Record<ButtonType, readonly ActionField[]> = {
  view: ['url'],
  click: ['key'],
  miniprogram: ['appid', 'pagepath', 'url'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  media_id: ['media_id'],
  article_id: ['article_id'],
};

export function isButtonType(type: string): type is ButtonType {
  return (buttonTypes as readonly string[]).includes(type);
}

/**
 * The fields a type sends, in form order. A type this console does not know (one WeChat has
 * retired, such as `view_limited`, set elsewhere) keeps every field it came with.
 */
export function fieldsOfType(type: string): readonly ActionField[] {
  return isButtonType(type) ? fieldsByType[type] : actionFields;
}

/** A button as the editor holds it: a name, a type and every action field. */
export interface MenuLeafDraft {
  /** Stable identity for rendering and selection; not sent. */
  id: number;
  name: string;
  /** '' until chosen. */
  type: string;
  key: string;
  url: string;
  appid: string;
  pagepath: string;
  media_id: string;
  article_id: string;
}

/** A top-level button: with sub-buttons it only opens them, and its own action is not sent. */
export interface MenuButtonDraft extends MenuLeafDraft {
  subs: MenuLeafDraft[];
}

let nextId = 1;

/** A new leaf; ids only need to be unique within the page. */
export function makeLeaf(name: string, type: string = 'view'): MenuLeafDraft {
  return {
    id: nextId++,
    name,
    type,
    key: '',
    url: '',
    appid: '',
    pagepath: '',
    media_id: '',
    article_id: '',
  };
}

/** A new top-level button without sub-buttons. */
export function makeButton(name: string, type: string = 'view'): MenuButtonDraft {
  return { ...makeLeaf(name, type), subs: [] };
}

function leafFromWechat(button: MenuButton): MenuLeafDraft {
  const leaf = makeLeaf(button.name, button.type ?? '');
  for (const field of actionFields) leaf[field] = button[field] ?? '';
  return leaf;
}

/** The editor's model of a menu in WeChat's JSON. */
export function fromWechat(menu: Menu): MenuButtonDraft[] {
  return menu.button.map((button) => ({
    ...leafFromWechat(button),
    subs: (button.sub_button ?? []).map(leafFromWechat),
  }));
}

function leafToWechat(leaf: MenuLeafDraft): MenuButton {
  const out: MenuButton = { type: leaf.type, name: leaf.name.trim() };
  if (!leaf.type) delete out.type;
  for (const field of fieldsOfType(leaf.type)) {
    const value = leaf[field].trim();
    if (value) out[field] = value;
  }
  return out;
}

/** The menu to send: trimmed, and each button with the fields of its type only. */
export function toWechat(buttons: readonly MenuButtonDraft[]): Menu {
  return {
    button: buttons.map((button) =>
      button.subs.length > 0
        ? { name: button.name.trim(), sub_button: button.subs.map(leafToWechat) }
        : leafToWechat(button),
    ),
  };
}

/** Length in UTF-8 bytes, as WeChat counts names, keys and URLs (a Chinese character is 3). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    // A lone surrogate is sent as U+FFFD, three bytes, like any other BMP character above 0x7FF.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** How many bytes a button's name may take: 16 at the bottom bar, 60 in a sub-menu. */
export function nameLimit(level: 'top' | 'sub'): number {
  return level === 'top' ? TOP_NAME_BYTES : SUB_NAME_BYTES;
}

/** Where a button is: its top-level index, and its index in that sub-menu for a sub-button. */
export interface MenuPosition {
  top: number;
  sub?: number;
}

export function locate(buttons: readonly MenuButtonDraft[], id: number): MenuPosition | null {
  for (const [top, button] of buttons.entries()) {
    if (button.id === id) return { top };
    const sub = button.subs.findIndex((leaf) => leaf.id === id);
    if (sub >= 0) return { top, sub };
  }
  return null;
}

/** The button with that id, at either level. */
export function findItem(
  buttons: readonly MenuButtonDraft[],
  id: number | null,
): MenuLeafDraft | undefined {
  if (id === null) return undefined;
  const at = locate(buttons, id);
  if (!at) return undefined;
  const top = buttons[at.top]!;
  return at.sub === undefined ? top : top.subs[at.sub];
}

// ---- checks ------------------------------------------------------------------------------------

export type ProblemCode = 'required' | 'tooLong' | 'invalidUrl' | 'noButtons';

/** One broken limit: which button (null for the menu as a whole), which field, and why. */
export interface MenuProblem {
  id: number | null;
  field: 'name' | 'type' | ActionField | 'menu';
  code: ProblemCode;
  /** The limit broken, for `tooLong`: bytes for names, keys and URLs; characters otherwise. */
  limit?: number;
}

const HTTP_URL = /^https?:\/\/\S+$/i;

function byteLimitOf(field: ActionField): number | undefined {
  if (field === 'key') return KEY_BYTES;
  if (field === 'url') return URL_BYTES;
  return undefined;
}

function charLimitOf(field: ActionField): number {
  if (field === 'appid') return APPID_MAX;
  if (field === 'pagepath') return PAGEPATH_MAX;
  return MEDIA_ID_MAX;
}

function leafProblems(leaf: MenuLeafDraft, level: 'top' | 'sub', withAction: boolean) {
  const problems: MenuProblem[] = [];
  const name = leaf.name.trim();
  const limit = nameLimit(level);
  if (!name) problems.push({ id: leaf.id, field: 'name', code: 'required' });
  else if (utf8Bytes(name) > limit)
    problems.push({ id: leaf.id, field: 'name', code: 'tooLong', limit });
  if (!withAction) return problems;
  if (!leaf.type) {
    problems.push({ id: leaf.id, field: 'type', code: 'required' });
    return problems;
  }
  // A type this console does not know is WeChat's to judge; its fields go out as they came.
  for (const field of isButtonType(leaf.type) ? fieldsByType[leaf.type] : []) {
    const value = leaf[field].trim();
    const bytes = byteLimitOf(field);
    if (!value) problems.push({ id: leaf.id, field, code: 'required' });
    else if (bytes !== undefined && utf8Bytes(value) > bytes)
      problems.push({ id: leaf.id, field, code: 'tooLong', limit: bytes });
    else if (bytes === undefined && value.length > charLimitOf(field))
      problems.push({ id: leaf.id, field, code: 'tooLong', limit: charLimitOf(field) });
    else if (field === 'url' && !HTTP_URL.test(value))
      problems.push({ id: leaf.id, field, code: 'invalidUrl' });
  }
  return problems;
}

/**
 * Everything WeChat would refuse, in menu order: the server checks the same limits (MENU_INVALID)
 * but names only the first problem, and WeChat's own answers name none.
 */
export function menuProblems(buttons: readonly MenuButtonDraft[]): MenuProblem[] {
  const problems: MenuProblem[] = [];
  if (buttons.length === 0) problems.push({ id: null, field: 'menu', code: 'noButtons' });
  for (const button of buttons) {
    const grouped = button.subs.length > 0;
    problems.push(...leafProblems(button, 'top', !grouped));
    for (const sub of button.subs) problems.push(...leafProblems(sub, 'sub', true));
  }
  return problems;
}

// ---- structural edits --------------------------------------------------------------------------
// Each returns a new list (the buttons themselves are shared), so a caller holding the list in a
// ref sees one change per edit.

/** Why an add button is disabled. */
export type AddBlocked = 'maxButtons' | 'noSelection' | 'maxSubs';

/** Why a button cannot be added now, or null when it can. */
export function addButtonBlocked(buttons: readonly MenuButtonDraft[]): AddBlocked | null {
  return buttons.length >= MAX_BUTTONS ? 'maxButtons' : null;
}

/** Why a sub-button cannot be added under the selection's top-level button, or null. */
export function addSubBlocked(
  buttons: readonly MenuButtonDraft[],
  selected: number | null,
): AddBlocked | null {
  const at = selected === null ? null : locate(buttons, selected);
  if (!at) return 'noSelection';
  return buttons[at.top]!.subs.length >= MAX_SUBS ? 'maxSubs' : null;
}

/** Appends a top-level button; the list is returned unchanged at the limit. */
export function addButton(
  buttons: readonly MenuButtonDraft[],
  button: MenuButtonDraft,
): MenuButtonDraft[] {
  return addButtonBlocked(buttons) ? [...buttons] : [...buttons, button];
}

/** Appends a sub-button under the top-level button of the selection (itself or its parent). */
export function addSub(
  buttons: readonly MenuButtonDraft[],
  selected: number,
  leaf: MenuLeafDraft,
): MenuButtonDraft[] {
  if (addSubBlocked(buttons, selected)) return [...buttons];
  const at = locate(buttons, selected)!;
  return buttons.map((button, index) =>
    index === at.top ? { ...button, subs: [...button.subs, leaf] } : button,
  );
}

/** Removes a button (a top-level one with its sub-buttons). */
export function removeItem(buttons: readonly MenuButtonDraft[], id: number): MenuButtonDraft[] {
  const at = locate(buttons, id);
  if (!at) return [...buttons];
  if (at.sub === undefined) return buttons.filter((button) => button.id !== id);
  return buttons.map((button, index) =>
    index === at.top ? { ...button, subs: button.subs.filter((leaf) => leaf.id !== id) } : button,
  );
}

function swap<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  [copy[from], copy[to]] = [copy[to]!, copy[from]!];
  return copy;
}

/**
 * Whether a button can move one place: top-level buttons left (-1) and right (+1) along the bar,
 * sub-buttons up (-1) and down (+1) within their sub-menu.
 */
export function canMove(buttons: readonly MenuButtonDraft[], id: number, delta: -1 | 1): boolean {
  const at = locate(buttons, id);
  if (!at) return false;
  const list = at.sub === undefined ? buttons : buttons[at.top]!.subs;
  const target = (at.sub ?? at.top) + delta;
  return target >= 0 && target < list.length;
}

/** Moves a button one place (see `canMove`); the list is returned unchanged at either end. */
export function moveItem(
  buttons: readonly MenuButtonDraft[],
  id: number,
  delta: -1 | 1,
): MenuButtonDraft[] {
  if (!canMove(buttons, id, delta)) return [...buttons];
  const at = locate(buttons, id)!;
  if (at.sub === undefined) return swap(buttons, at.top, at.top + delta);
  const sub = at.sub;
  return buttons.map((button, index) =>
    index === at.top ? { ...button, subs: swap(button.subs, sub, sub + delta) } : button,
  );
}

// ---- comparing menus ---------------------------------------------------------------------------

const FIELD_ORDER = ['type', 'name', ...actionFields] as const;

function canonicalButton(button: MenuButton): MenuButton {
  const out: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) if (button[field]) out[field] = button[field];
  if (button.sub_button?.length) out.sub_button = button.sub_button.map(canonicalButton);
  return out as MenuButton;
}

/** Whether two menus would look and act the same (field order and empty fields aside). */
export function sameMenu(a: Menu | null, b: Menu | null): boolean {
  if (!a || !b) return a === b;
  const canonical = (menu: Menu) => JSON.stringify(menu.button.map(canonicalButton));
  return canonical(a) === canonical(b);
}

/** How one menu differs from another, by button path (`就医服务 › 预约挂号`). */
export interface MenuChanges {
  added: string[];
  removed: string[];
  /** Same path, another action (type or target), or sub-buttons instead of an action. */
  changed: string[];
  /** The buttons both have come in another order. */
  reordered: boolean;
}

/** Separates a sub-button from its parent in a path. */
export const PATH_SEPARATOR = ' › ';

interface Entry {
  /** Path plus occurrence, so that two buttons of the same name stay apart. */
  key: string;
  path: string;
  action: string;
}

function entriesOf(menu: Menu | null): Entry[] {
  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  const push = (path: string, button: MenuButton) => {
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    const { name: _name, sub_button: subs, ...action } = canonicalButton(button);
    entries.push({
      key: `${path}#${count}`,
      path,
      action: subs ? 'sub-menu' : JSON.stringify(action),
    });
  };
  for (const button of menu?.button ?? []) {
    push(button.name, button);
    for (const sub of button.sub_button ?? []) push(button.name + PATH_SEPARATOR + sub.name, sub);
  }
  return entries;
}

/** What changed going from `before` (e.g. the published menu) to `after` (the draft). */
export function menuChanges(before: Menu | null, after: Menu | null): MenuChanges {
  const old = entriesOf(before);
  const now = entriesOf(after);
  const oldByKey = new Map(old.map((entry) => [entry.key, entry]));
  const nowKeys = new Set(now.map((entry) => entry.key));
  const changes: MenuChanges = { added: [], removed: [], changed: [], reordered: false };
  for (const entry of now) {
    const previous = oldByKey.get(entry.key);
    if (!previous) changes.added.push(entry.path);
    else if (previous.action !== entry.action) changes.changed.push(entry.path);
  }
  for (const entry of old) if (!nowKeys.has(entry.key)) changes.removed.push(entry.path);
  const common = (list: Entry[], other: Set<string>) =>
    list.filter((entry) => other.has(entry.key)).map((entry) => entry.key);
  const oldOrder = common(old, nowKeys);
  const nowOrder = common(now, new Set(oldByKey.keys()));
  changes.reordered = oldOrder.some((key, index) => nowOrder[index] !== key);
  return changes;
}

// ---- click keys --------------------------------------------------------------------------------

/** The part of a keyword auto-reply that decides whether it answers a click key. */
export interface KeywordRule {
  matchType: 'exact' | 'contains';
  keyword: string;
  enabled: boolean;
}

/**
 * What answers a click on a key, as the server decides: the built-in contact, an enabled rule
 * (exact matches first, then "contains"), or the default reply.
 */
export function clickKeyAnswer(
  key: string,
  rules: readonly KeywordRule[],
):
  | { by: 'builtIn' }
  | { by: 'rule'; keyword: string; matchType: 'exact' | 'contains' }
  | {
      by: 'default';
    } {
  const needle = key.trim();
  if (needle === CONTACT_US_KEY) return { by: 'builtIn' };
  const enabled = rules.filter((rule) => rule.enabled);
  const rule =
    enabled.find((r) => r.matchType === 'exact' && r.keyword === needle) ??
    enabled.find((r) => r.matchType === 'contains' && needle.includes(r.keyword));
  return rule
    ? { by: 'rule', keyword: rule.keyword, matchType: rule.matchType }
    : { by: 'default' };
}
