import { COMPRESSION_STEPS, PHOTO_BUDGET_BYTES, fitWithin } from './photos';

/** Decodes a picture into something a canvas can draw, honouring its EXIF orientation. */
async function decode(
  source: Blob,
): Promise<{ image: CanvasImageSource; width: number; height: number }> {
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
    return { image: bitmap, width: bitmap.width, height: bitmap.height };
  }
  const url = URL.createObjectURL(source);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return { image, width: image.naturalWidth, height: image.naturalHeight };
  } finally {
    URL.revokeObjectURL(url);
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no JPEG'))),
      'image/jpeg',
      quality,
    ),
  );
}

/**
 * Redraws a picture as a JPEG under the upload budget, trying the compression steps in turn.
 * Transparent PNG areas come out white, as on paper.
 */
export async function compressPhoto(source: Blob): Promise<Blob> {
  const { image, width, height } = await decode(source);
  const canvas = document.createElement('canvas');
  let last: Blob | null = null;
  for (const step of COMPRESSION_STEPS) {
    const size = fitWithin(width, height, step.maxEdge);
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(image, 0, 0, size.width, size.height);
    last = await toJpeg(canvas, step.quality);
    if (last.size <= PHOTO_BUDGET_BYTES) break;
  }
  if ('close' in image && typeof image.close === 'function') image.close();
  return last!;
}
