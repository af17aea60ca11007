import { describe, expect, it } from 'vitest';
import { urgencies, waitReasons } from '@zhangyi/contracts';
import {
  URGENCIES,
  WAIT_REASONS,
  actionFields,
  isImmediate,
  partFromInput,
  ticketButtons,
  timeline,
} from './tickets';

const event = (id: number, action: string, at: string, details: Record<string, unknown> = {}) => ({
  id,
  action,
  toStatus: 'accepted' as const,
  actorName: '赵磊',
  at,
  note: null,
  photoIds: [],
  details,
});

describe('ticket vocabulary', () => {
  it('matches the contracts', () => {
    expect([...URGENCIES]).toEqual([...urgencies]);
    expect([...WAIT_REASONS]).toEqual([...waitReasons]);
  });
});

describe('ticket timeline', () => {
  it('lists events newest first with the facts of their details', () => {
    const entries = timeline([
      event(1, 'submit', '2026-01-05T01:00:00Z'),
      event(2, 'assign', '2026-01-05T01:05:00Z', { assigneeName: '赵磊' }),
      event(3, 'wait', '2026-01-05T01:10:00Z', { waitReason: 'parts' }),
      event(4, 'confirm', '2026-01-05T02:00:00Z', { rating: 5 }),
      event(5, 'note', '2026-01-05T01:20:00Z', { parts: [{ name: '硒鼓', quantity: 1 }, 'x'] }),
    ]);
    expect(entries.map((e) => e.id)).toEqual([4, 5, 3, 2, 1]);
    expect(entries[0]!.rating).toBe(5);
    expect(entries[1]!.parts).toEqual([{ name: '硒鼓', quantity: 1 }]);
    expect(entries[2]!.waitReason).toBe('parts');
    expect(entries[3]!.assigneeName).toBe('赵磊');
  });

  it('reads an unknown event kind as a generic update', () => {
    expect(timeline([event(1, 'teleport', '2026-01-05T01:00:00Z')])[0]!.kind).toBe('other');
  });

  it('orders two events of the same minute by their id', () => {
    const at = '2026-01-05T01:00:00Z';
    expect(timeline([event(1, 'submit', at), event(2, 'accept', at)]).map((e) => e.id)).toEqual([
      2, 1,
    ]);
  });
});

describe('ticket buttons', () => {
  it('offers the step forward first and leaves assign and merge to the console', () => {
    const actions = ['note', 'reject', 'resolve', 'assign', 'merge', 'start'].map((action) => ({
      action: action as 'note',
    }));
    expect(ticketButtons(actions)).toEqual(['start', 'resolve', 'note', 'reject']);
  });

  it('sends accept at once but asks for a resolution and a rating', () => {
    expect(isImmediate('accept', [])).toBe(true);
    expect(isImmediate('resolve', ['resolution'])).toBe(false);
    expect(actionFields('resolve', ['resolution'])).toMatchObject({
      resolution: true,
      parts: true,
      photos: true,
    });
    expect(actionFields('confirm', ['rating'])).toMatchObject({ rating: true, photos: false });
    expect(actionFields('reject', ['note'])).toMatchObject({ noteRequired: true });
  });
});

describe('parts used', () => {
  it('turns yuan into fen', () => {
    expect(partFromInput({ name: ' 硒鼓 ', quantity: '2', unitCost: '35.5' })).toEqual({
      name: '硒鼓',
      quantity: 2,
      unitCostFen: 3550,
    });
  });

  it('takes an empty cost as free and refuses nonsense', () => {
    expect(partFromInput({ name: '网线', quantity: '1', unitCost: '' })?.unitCostFen).toBe(0);
    expect(partFromInput({ name: '', quantity: '1', unitCost: '1' })).toBeNull();
    expect(partFromInput({ name: '网线', quantity: '0', unitCost: '1' })).toBeNull();
    expect(partFromInput({ name: '网线', quantity: '1.5', unitCost: '1' })).toBeNull();
    expect(partFromInput({ name: '网线', quantity: '1', unitCost: '1.234' })).toBeNull();
  });
});
