import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';

/**
 * Pick a file with the keyboard (a labelled file input) or drop it on the area. Nothing leaves the
 * device: the file is read here and verified here, with or without a network.
 */
export function SummaryPicker(props: { onFile: (file: File) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !props.disabled) props.onFile(file);
  };
  return (
    <div
      className={`verify-drop${over ? ' over' : ''}`}
      data-testid="verify-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="field">
        <label htmlFor={id}>{t('verify.file')}</label>
        <input
          id={id}
          type="file"
          accept="application/json,.json"
          disabled={props.disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) props.onFile(file);
            e.target.value = '';
          }}
        />
        <span className="hint">{t('verify.dropHint')}</span>
      </div>
    </div>
  );
}
