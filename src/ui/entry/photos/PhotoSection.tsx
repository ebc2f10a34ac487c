import { useId, useState, type DragEvent } from 'react';
import type { Language } from '../../../domain/common/text.ts';
import { attachPhoto, removePhoto, type RekapDb } from '../../../db/index.ts';
import { CameraCapture, hasCamera } from './CameraCapture.tsx';
import { downscalePhoto } from './downscale.ts';
import { fill, pm } from './messages.ts';
import { usePhotos, type ShownPhoto } from './usePhotos.ts';
import './photos.css';

type Notice = { kind: 'error' | 'done'; text: string } | null;

/**
 * "Foto C.Hasil" on the entry form: the form's photos as thumbnails and, on a device that may
 * write the form, a drop zone, a file picker (`capture="environment"`: the back camera on a
 * phone) and the laptop's camera (CameraCapture.tsx) to add pages, and removal. Each file is downscaled here (downscale.ts) and stored with its
 * SHA-256 in the audit chain (src/db/photos.ts); a failure says which file was not stored and why.
 */
export function PhotoSection(props: { db: RekapDb; tallyKey: string; actor: string; canWrite: boolean; lang: Language }) {
  const { db, tallyKey, actor, canWrite, lang } = props;
  const ids = { title: useId(), input: useId() };
  const photos = usePhotos(db, tallyKey);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [over, setOver] = useState(false);

  const add = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      for (const file of files) {
        if (!file.type.startsWith('image/')) {
          setNotice({ kind: 'error', text: fill(pm.notImage[lang], { name: file.name }) });
          continue;
        }
        let scaled;
        try {
          scaled = await downscalePhoto(file);
        } catch {
          setNotice({ kind: 'error', text: fill(pm.decodeFailed[lang], { name: file.name }) });
          continue;
        }
        const stored = await attachPhoto(db, { key: tallyKey, blob: scaled.blob, width: scaled.width, height: scaled.height, actor });
        // Stop at the first refusal: a full storage refuses the next file too.
        if (!stored.ok) {
          setNotice({ kind: 'error', text: stored.error.message[lang] });
          return;
        }
        setNotice({ kind: 'done', text: fill(pm.stored[lang], { n: stored.value.page }) });
      }
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (canWrite && !busy) void add([...e.dataTransfer.files]);
  };

  return (
    <section className="entry-panel photo-section" aria-labelledby={ids.title} data-testid="photo-section">
      <h3 id={ids.title}>{pm.title[lang]}</h3>
      {canWrite ? <p className="entry-note">{pm.intro[lang]}</p> : null}
      {photos === undefined ? null : photos.length === 0 ? (
        <p className="entry-note" data-testid="photo-none">
          {pm.none[lang]}
        </p>
      ) : (
        <ul className="photo-thumbs">
          {photos.map((p) => (
            <Thumb key={p.sha256} db={db} photo={p} tallyKey={tallyKey} actor={actor} canWrite={canWrite} lang={lang} onError={(text) => setNotice({ kind: 'error', text })} />
          ))}
        </ul>
      )}
      {canWrite ? (
        <div
          className={`photo-drop${over ? ' photo-drop--over' : ''}`}
          data-testid="photo-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          {pm.drop[lang]}{' '}
          <label htmlFor={ids.input} className="photo-pick">
            {pm.pick[lang]}
          </label>
          <input
            id={ids.input}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            disabled={busy}
            data-testid="photo-input"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void add(files);
            }}
          />
        </div>
      ) : null}
      {canWrite && hasCamera() ? (
        <CameraCapture lang={lang} disabled={busy} onPhoto={(file) => add([file])} onError={(text) => setNotice({ kind: 'error', text })} />
      ) : null}
      {busy ? <p role="status">{pm.working[lang]}</p> : null}
      {notice ? (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'entry-error' : 'entry-note'} data-testid="photo-notice">
          {notice.text}
        </p>
      ) : null}
    </section>
  );
}

function Thumb(props: { db: RekapDb; photo: ShownPhoto; tallyKey: string; actor: string; canWrite: boolean; lang: Language; onError: (text: string) => void }) {
  const { db, photo, lang } = props;
  const reasonId = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const remove = async () => {
    const r = await removePhoto(db, { key: props.tallyKey, sha256: photo.sha256, actor: props.actor, reason: reason.trim() || null });
    if (!r.ok) props.onError(r.error.message[lang]);
    setConfirming(false);
  };
  return (
    <li className="photo-thumb" data-testid="photo-thumb" data-sha256={photo.sha256}>
      {photo.url ? <img src={photo.url} alt={fill(pm.thumbAlt[lang], { n: photo.page })} /> : <span className="entry-note">{fill(pm.notDownloaded[lang], { n: photo.page })}</span>}
      <span>{fill(pm.page[lang], { n: photo.page })}</span>
      <code title={photo.sha256}>{photo.sha256.slice(0, 8)}</code>
      {props.canWrite && !confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {fill(pm.remove[lang], { n: photo.page })}
        </button>
      ) : null}
      {confirming ? (
        <span className="photo-remove">
          <label htmlFor={reasonId}>{fill(pm.removeReason[lang], { n: photo.page })}</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <button type="button" onClick={() => void remove()}>
            {pm.confirmRemove[lang]}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {pm.cancel[lang]}
          </button>
        </span>
      ) : null}
    </li>
  );
}
