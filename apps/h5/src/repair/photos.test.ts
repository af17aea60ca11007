import { describe, expect, it } from 'vitest';
import * as contracts from '@zhangyi/contracts';
import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_COUNT,
  COMPRESSION_STEPS,
  PHOTO_BUDGET_BYTES,
  fitWithin,
  localImageBytes,
  remainingPhotoSlots,
} from './photos';

describe('photo sizing', () => {
  it("copies the server's limits", () => {
    expect(PHOTO_MAX_COUNT).toBe(contracts.PHOTO_MAX_COUNT);
    expect(PHOTO_MAX_BYTES).toBe(contracts.PHOTO_MAX_BYTES);
  });

  it('scales a 4000 × 3000 camera picture to 1600 on its longest edge', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(320, 240, 1600)).toEqual({ width: 320, height: 240 });
  });

  it('keeps a very thin panorama at least one pixel high', () => {
    expect(fitWithin(20_000, 3, 800)).toEqual({ width: 800, height: 1 });
  });

  it('refuses an empty picture', () => {
    expect(() => fitWithin(0, 10, 100)).toThrow(RangeError);
  });

  it('tries ever smaller steps under the server limit', () => {
    expect(PHOTO_BUDGET_BYTES).toBeLessThan(2 * 1024 * 1024);
    for (let i = 1; i < COMPRESSION_STEPS.length; i++) {
      const [before, after] = [COMPRESSION_STEPS[i - 1]!, COMPRESSION_STEPS[i]!];
      expect(after.maxEdge * after.quality).toBeLessThan(before.maxEdge * before.quality);
    }
  });

  it('counts the photos still allowed, never below zero', () => {
    expect(remainingPhotoSlots(0)).toBe(9);
    expect(remainingPhotoSlots(7)).toBe(2);
    expect(remainingPhotoSlots(12)).toBe(0);
  });
});

describe('local image data', () => {
  it('reads a data URL with its type (iOS)', () => {
    const { bytes, type } = localImageBytes('data:image/png;base64,iVBORw==');
    expect(type).toBe('image/png');
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('reads bare base64 as JPEG (Android)', () => {
    const { bytes, type } = localImageBytes('/9j/4A==');
    expect(type).toBe('image/jpeg');
    expect([...bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });
});
