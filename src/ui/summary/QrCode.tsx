import { useEffect, useState } from 'react';
import { qrMatrix, type QrMatrix } from './qr.ts';

/** Quiet zone around the symbol, in modules (the QR standard asks for 4). */
const QUIET = 4;

/**
 * A QR code drawn as inline SVG; `label` names it for screen readers (and says what it holds).
 * Nothing is drawn until the encoder has loaded (a moment, from the service worker's cache).
 */
export function QrCode(props: { payload: string; label: string; className?: string }) {
  const { payload } = props;
  const [drawn, setDrawn] = useState<{ payload: string; matrix: QrMatrix } | null>(null);
  useEffect(() => {
    let current = true;
    void qrMatrix(payload).then((matrix) => current && setDrawn({ payload, matrix }));
    return () => {
      current = false;
    };
  }, [payload]);
  // A symbol of an older payload is never shown under the new one.
  if (drawn?.payload !== payload) return null;
  const { size, path } = drawn.matrix;
  const side = size + 2 * QUIET;
  return (
    <svg
      className={props.className}
      role="img"
      aria-label={props.label}
      viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`}
      shapeRendering="crispEdges"
      data-testid="qr-code"
      data-payload={props.payload}
      data-modules={size}
    >
      <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
