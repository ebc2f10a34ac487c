import { PHOTO_LONG_EDGE } from '../../../domain/photos/photo.ts';

/** JPEG quality of a stored page: text stays legible at ~0.8, a page is a few hundred kB. */
export const PHOTO_JPEG_QUALITY = 0.8;

export interface ScaledPhoto {
  blob: Blob;
  width: number;
  height: number;
}

/** The size a photo is drawn at: the long edge at most `longEdge`, never enlarged. */
export function scaledSize(width: number, height: number, longEdge = PHOTO_LONG_EDGE): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * Downscales a photo of a C.Hasil page in the browser (docs/integrity.md): decoded with the
 * camera's orientation applied (`imageOrientation: 'from-image'`, so a phone held upright gives an
 * upright page), drawn with its long edge at most 1600 px, and encoded as JPEG at quality 0.8. The
 * stored bytes — the ones hashed into the audit chain — are this output, not the camera file.
 * OffscreenCanvas where the browser has it, else a detached <canvas>.
 */
export async function downscalePhoto(file: Blob): Promise<ScaledPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = scaledSize(bitmap.width, bitmap.height);
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      draw(canvas.getContext('2d'), bitmap, width, height);
      return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY }), width, height };
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    draw(canvas.getContext('2d'), bitmap, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
    if (!blob) throw new Error('the browser could not encode the photo as JPEG');
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}

function draw(ctx: Canvas2D | null, bitmap: ImageBitmap, width: number, height: number): void {
  if (!ctx) throw new Error('no 2D canvas in this browser');
  // White under a transparent PNG: JPEG has no alpha, and black would hide dark ink.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
}
