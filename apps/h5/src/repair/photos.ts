// The server's limits (PHOTO_MAX_* in the contracts' tickets.ts), copied so that the report page
// does not load that module's schemas; photos.test.ts keeps them equal.
/** Photos per report or update. */
export const PHOTO_MAX_COUNT = 9;
/** Bytes per photo the server accepts. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Photo sizing for fault reports. Phone cameras take 4000-pixel, 3–8 MB pictures; the server takes
 * at most 2 MB each, and a printer's jammed paper reads as well at 1600 pixels. The browser
 * redraws each picture on a canvas as JPEG, trying smaller sizes until it fits.
 */

/** One attempt at compressing: the longest edge in pixels and the JPEG quality. */
export interface CompressionStep {
  maxEdge: number;
  quality: number;
}

/** Tried in order until the JPEG fits the byte budget; the last one is small enough for anything. */
export const COMPRESSION_STEPS: readonly CompressionStep[] = [
  { maxEdge: 1600, quality: 0.82 },
  { maxEdge: 1600, quality: 0.7 },
  { maxEdge: 1280, quality: 0.7 },
  { maxEdge: 1024, quality: 0.6 },
  { maxEdge: 800, quality: 0.5 },
];

/** What a compressed photo may weigh: under the server's limit, with room for its headers. */
export const PHOTO_BUDGET_BYTES = Math.floor(PHOTO_MAX_BYTES * 0.9);

/** The drawn size of a picture: scaled down to fit `maxEdge` on its longest side, never up. */
export function fitWithin(
  width: number,
  height: number,
  maxEdge: number,
): { width: number; height: number } {
  if (width <= 0 || height <= 0) throw new RangeError('a picture has a positive size');
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** How many more photos a report may take, given those already chosen. */
export function remainingPhotoSlots(chosen: number, max = PHOTO_MAX_COUNT): number {
  return Math.max(0, max - chosen);
}

/**
 * The bytes of `wx.getLocalImgData`'s answer: a data URL on iOS, bare base64 on Android (then
 * JPEG, which is what WeChat's camera gives).
 */
export function localImageBytes(localData: string): { bytes: Uint8Array; type: string } {
  const match = /^data:([^;,]+)?(?:;base64)?,/.exec(localData);
  const type = match?.[1] ?? 'image/jpeg';
  const base64 = match ? localData.slice(match[0].length) : localData;
  const binary = atob(base64.replace(/\s/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, type };
}
