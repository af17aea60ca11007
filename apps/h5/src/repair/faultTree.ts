/** A fault type as the report page gets it. */
export interface FaultOption {
  id: string;
  parentId: string | null;
  name: string;
  defaultUrgency: 'normal' | 'urgent' | 'critical';
}

/** A top-level fault type with the sub-types under it (none for a one-level tree). */
export interface FaultGroup extends FaultOption {
  children: FaultOption[];
}

/**
 * The configurable two-level tree, in the server's order. A sub-type whose parent is not offered
 * (another category's) stands at the top, so nothing the server offers is lost.
 */
export function faultTree(options: readonly FaultOption[]): FaultGroup[] {
  const ids = new Set(options.map((o) => o.id));
  const roots: FaultGroup[] = options
    .filter((o) => !o.parentId || !ids.has(o.parentId))
    .map((o) => ({ ...o, children: [] }));
  const byId = new Map(roots.map((r) => [r.id, r]));
  for (const option of options) {
    if (option.parentId && byId.has(option.parentId))
      byId.get(option.parentId)!.children.push(option);
  }
  return roots;
}

/** The fault type a tap chooses: a type without sub-types at once; a parent opens its list. */
export function isChoosable(group: FaultGroup): boolean {
  return group.children.length === 0;
}
