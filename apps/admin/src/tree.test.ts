import { describe, expect, it } from 'vitest';
import { buildTree, treeOptions, withDescendants } from './tree';

const row = (id: string, parentId: string | null, name = id) => ({ id, parentId, name });

describe('buildTree', () => {
  it('nests three levels in list order', () => {
    const tree = buildTree([
      row('it', null),
      row('pc', 'it'),
      row('desktop', 'pc'),
      row('laptop', 'pc'),
      row('med', null),
    ]);
    expect(tree.map((n) => n.id)).toEqual(['it', 'med']);
    expect(tree[0]?.children?.[0]?.children?.map((n) => n.id)).toEqual(['desktop', 'laptop']);
    expect(tree[1]?.children).toBeUndefined();
  });

  it('keeps a row whose parent is missing as a root', () => {
    const tree = buildTree([row('orphan', 'gone'), row('a', null)]);
    expect(tree.map((n) => n.id)).toEqual(['orphan', 'a']);
  });

  it('places each row once even when parents form a loop', () => {
    const tree = buildTree([row('a', 'b'), row('b', 'a')]);
    const count = (nodes: typeof tree): number =>
      nodes.reduce((sum, n) => sum + 1 + count(n.children ?? []), 0);
    expect(count(tree)).toBe(2);
  });
});

describe('treeOptions', () => {
  it('lists parents before children with the names from the root', () => {
    const options = treeOptions([
      row('pc', 'it', '计算机'),
      row('it', null, '信息设备'),
      row('desktop', 'pc', '台式机'),
    ]);
    expect(options).toEqual([
      { value: 'it', label: '信息设备', depth: 0 },
      { value: 'pc', label: '信息设备 / 计算机', depth: 1 },
      { value: 'desktop', label: '信息设备 / 计算机 / 台式机', depth: 2 },
    ]);
  });
});

describe('withDescendants', () => {
  it('gathers a category and everything under it, not its siblings', () => {
    const rows = [row('it', null), row('pc', 'it'), row('desktop', 'pc'), row('med', null)];
    expect([...withDescendants(rows, 'it')].sort()).toEqual(['desktop', 'it', 'pc']);
    expect([...withDescendants(rows, 'med')]).toEqual(['med']);
  });
});
