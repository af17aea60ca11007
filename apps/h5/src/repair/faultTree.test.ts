import { describe, expect, it } from 'vitest';
import { faultTree, isChoosable, type FaultOption } from './faultTree';

const option = (id: string, parentId: string | null = null): FaultOption => ({
  id,
  parentId,
  name: id,
  defaultUrgency: 'normal',
});

describe('fault type tree', () => {
  it('puts sub-types under their parent in order', () => {
    const tree = faultTree([option('a'), option('a1', 'a'), option('b'), option('a2', 'a')]);
    expect(tree.map((g) => g.id)).toEqual(['a', 'b']);
    expect(tree[0]!.children.map((c) => c.id)).toEqual(['a1', 'a2']);
    expect(isChoosable(tree[0]!)).toBe(false);
    expect(isChoosable(tree[1]!)).toBe(true);
  });

  it('keeps a sub-type whose parent is not offered at the top', () => {
    expect(faultTree([option('x1', 'x')]).map((g) => g.id)).toEqual(['x1']);
  });
});
