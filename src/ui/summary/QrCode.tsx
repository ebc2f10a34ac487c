import { useMemo } from 'react';
import { qrMatrix } from './qr.ts';

/** Quiet zone around the symbol, in modules (the QR standard asks for 4). */
const QUIET = 4;

/** A QR code drawn as inline SVG; `label` names it for screen readers (and says what it holds). */
export function QrCode(props: { payload: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => qrMatrix(props.payload), [props.payload]);
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
