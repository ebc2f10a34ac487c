import { useEffect, useRef, useState } from 'react';
import type { Language } from '../../../domain/common/text.ts';
import { fill, pm } from './messages.ts';

/** Frame encoding before the downscale (downscale.ts encodes the stored page at 0.8). */
const FRAME_QUALITY = 0.92;

/** Whether this browser can open a camera at all (a secure context with getUserMedia). */
export const hasCamera = (): boolean => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

/** The camera's words for a refusal, never the browser's English DOMException text. */
function cameraError(error: unknown, lang: Language): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return pm.cameraDenied[lang];
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return pm.cameraMissing[lang];
  return fill(pm.cameraFailed[lang], { detail: typeof name === 'string' ? name : '?' });
}

/** The video's current frame as a JPEG file (named for the audit trail's reader: when it was taken). */
async function frameFile(video: HTMLVideoElement): Promise<File> {
  const bitmap = await createImageBitmap(video);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.drawImage(bitmap, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: FRAME_QUALITY });
    return new File([blob], `kamera-${new Date().toISOString().replace(/[:.]/g, '-')}.jpg`, { type: 'image/jpeg' });
  } finally {
    bitmap.close();
  }
}

/**
 * The laptop's camera for a C.Hasil page (issue 17): opened on request (never on its own: the
 * permission prompt comes from a click), the back camera preferred where there are several, one
 * frame per click handed on as a JPEG file to the same downscale and store as a chosen file. The
 * camera is released when closed or when the form closes.
 */
export function CameraCapture(props: { lang: Language; disabled: boolean; onPhoto: (file: File) => Promise<void>; onError: (text: string) => void }) {
  const { lang } = props;
  const [stream, setStream] = useState<MediaStream | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const el = video.current;
    if (!el || !stream) return;
    el.srcObject = stream;
    // jsdom and some browsers give no promise here; a refusal to play shows as a black frame, not a crash.
    void Promise.resolve(el.play?.()).catch(() => undefined);
    return () => {
      for (const track of stream.getTracks()) track.stop();
    };
  }, [stream]);

  const open = async () => {
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 } }, audio: false }));
    } catch (e) {
      props.onError(cameraError(e, lang));
    }
  };

  const shoot = async () => {
    if (!video.current) return;
    try {
      await props.onPhoto(await frameFile(video.current));
    } catch (e) {
      props.onError(cameraError(e, lang));
    }
  };

  if (!stream) {
    return (
      <button type="button" className="photo-camera-open" disabled={props.disabled} onClick={() => void open()}>
        {pm.cameraOpen[lang]}
      </button>
    );
  }
  return (
    <figure className="photo-camera" data-testid="photo-camera">
      <video ref={video} muted playsInline aria-label={pm.cameraTitle[lang]} />
      <figcaption>
        <button type="button" disabled={props.disabled} onClick={() => void shoot()}>
          {pm.cameraShoot[lang]}
        </button>{' '}
        <button type="button" onClick={() => setStream(null)}>
          {pm.cameraClose[lang]}
        </button>
      </figcaption>
    </figure>
  );
}
