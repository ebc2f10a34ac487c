import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { hashGroups } from '../../../domain/canonical/hash.ts';
import type { Language } from '../../../domain/common/text.ts';
import { fill, pm } from './messages.ts';
import type { ShownPhoto } from './usePhotos.ts';

const MIN_ZOOM = 1;
const MAX_ZOOM = 6;
const ZOOM_STEP = 1.25;
/** Pixels an arrow key pans. */
const PAN_STEP = 40;

const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100));

/**
 * The photos of a form beside its figures (read-back verification, conflict resolution, a
 * witness's view): one page at a time with a page switcher, zoom and pan — by dragging, or the
 * arrow keys and +/− when the photo has focus — so a verifier can read one cell of the paper
 * against one cell on the screen.
 */
export function PhotoViewer(props: { photos: readonly ShownPhoto[]; lang: Language; title?: string }) {
  const { photos, lang } = props;
  const titleId = useId();
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; from: { x: number; y: number } } | null>(null);
  if (photos.length === 0) return null;
  const at = Math.min(index, photos.length - 1);
  const photo = photos[at]!;

  const go = (to: number) => {
    setIndex(Math.max(0, Math.min(photos.length - 1, to)));
    setZoom(1);
    setOffset({ x: 0, y: 0 });
  };
  const zoomTo = (z: number) => {
    const next = clampZoom(z);
    setZoom(next);
    if (next === 1) setOffset({ x: 0, y: 0 });
  };
  const onKey = (e: KeyboardEvent) => {
    const pans: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
    const pan = pans[e.key];
    if (pan) {
      e.preventDefault();
      setOffset((o) => ({ x: o.x + pan[0], y: o.y + pan[1] }));
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      zoomTo(zoom * ZOOM_STEP);
    } else if (e.key === '-') {
      e.preventDefault();
      zoomTo(zoom / ZOOM_STEP);
    } else if (e.key === '0') {
      zoomTo(1);
    } else if (e.key === 'PageDown') {
      e.preventDefault();
      go(at + 1);
    } else if (e.key === 'PageUp') {
      e.preventDefault();
      go(at - 1);
    }
  };
  const onPointerDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY, from: offset };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) setOffset({ x: d.from.x + e.clientX - d.x, y: d.from.y + e.clientY - d.y });
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <section className="photo-viewer" aria-labelledby={titleId} data-testid="photo-viewer">
      <h3 id={titleId}>{props.title ?? pm.viewerTitle[lang]}</h3>
      <div className="photo-viewer-toolbar">
        <button type="button" onClick={() => go(at - 1)} disabled={at === 0} aria-label={pm.prev[lang]}>
          ‹
        </button>
        <span aria-live="polite" data-testid="photo-viewer-page">
          {fill(pm.pageOf[lang], { n: at + 1, total: photos.length })}
        </span>
        <button type="button" onClick={() => go(at + 1)} disabled={at === photos.length - 1} aria-label={pm.next[lang]}>
          ›
        </button>
        <button type="button" onClick={() => zoomTo(zoom / ZOOM_STEP)} disabled={zoom <= MIN_ZOOM} aria-label={pm.zoomOut[lang]}>
          −
        </button>
        <span data-testid="photo-viewer-zoom">{fill(pm.zoomLevel[lang], { n: Math.round(zoom * 100) })}</span>
        <button type="button" onClick={() => zoomTo(zoom * ZOOM_STEP)} disabled={zoom >= MAX_ZOOM} aria-label={pm.zoomIn[lang]}>
          +
        </button>
        <button type="button" onClick={() => zoomTo(1)} disabled={zoom === 1}>
          {pm.zoomReset[lang]}
        </button>
      </div>
      <div
        className="photo-viewer-frame"
        role="region"
        tabIndex={0}
        aria-label={fill(pm.viewerRegion[lang], { n: photo.page })}
        onKeyDown={onKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        {photo.url ? (
          <img
            src={photo.url}
            alt={fill(pm.thumbAlt[lang], { n: photo.page })}
            draggable={false}
            data-testid="photo-viewer-img"
            data-sha256={photo.sha256}
            style={{ transform: `translate(${offset.x}px, ${offset.y}px) scale(${zoom})` }}
          />
        ) : (
          <p className="entry-note">{fill(pm.notDownloaded[lang], { n: photo.page })}</p>
        )}
      </div>
      <p className="photo-viewer-meta">
        {pm.hash[lang]} <code>{hashGroups(photo.sha256).join(' ')}</code> · {photo.addedBy}
      </p>
      <p className="entry-note">{pm.panHint[lang]}</p>
    </section>
  );
}
