/** A row that names its parent by id (categories, fault types, departments). */
export interface TreeRow {
  id: string;
  parentId: string | null;
}

/** A row of a tree table: the row's fields and its children, if it has any. */
export type TreeNode<T extends TreeRow> = T & { children?: TreeNode<T>[] };

/**
 * Nests a flat list under its roots at any depth, keeping the list's order among siblings. A row
 * whose parent is missing (filtered out, or deleted meanwhile) is shown as a root, not lost; a
 * cycle (which the server refuses) cannot hang the page because each row is placed once.
 */
export function buildTree<T extends TreeRow>(rows: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>(rows.map((row) => [row.id, { ...row }]));
  const roots: TreeNode<T>[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (parent && parent !== node && !isAncestor(node, parent)) {
      (parent.children ??= []).push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

function isAncestor<T extends TreeRow>(candidate: TreeNode<T>, of: TreeNode<T>): boolean {
  const stack = [...(candidate.children ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (next === of) return true;
    stack.push(...(next.children ?? []));
  }
  return false;
}

/** A choice of a select built from a tree: the names from the root, and the depth (0 = root). */
export interface TreeOption {
  value: string;
  label: string;
  depth: number;
}

/** The rows of a tree in reading order (each parent before its children) as select options. */
export function treeOptions<T extends TreeRow & { name: string }>(
  rows: readonly T[],
  separator = ' / ',
): TreeOption[] {
  const options: TreeOption[] = [];
  const walk = (nodes: TreeNode<T>[], path: string[], depth: number): void => {
    for (const node of nodes) {
      const names = [...path, node.name];
      options.push({ value: node.id, label: names.join(separator), depth });
      if (node.children) walk(node.children, names, depth + 1);
    }
  };
  walk(buildTree(rows), [], 0);
  return options;
}

/** The id of a row and of every row below it, e.g. a category and its sub-categories. */
export function withDescendants(rows: readonly TreeRow[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows) {
      if (row.parentId !== null && found.has(row.parentId) && !found.has(row.id)) {
        found.add(row.id);
        grew = true;
      }
    }
  }
  return found;
}
