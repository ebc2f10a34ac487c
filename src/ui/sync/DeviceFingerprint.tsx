import { useEffect, useState } from 'react';
import { exportPublicJwk, fingerprint } from '../../domain/crypto/keys.ts';
import { DexieSyncStore } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';
import { useTranslation } from '../i18n/index.ts';

/**
 * This device's key fingerprint ("ED64 6E3D 0CA8 CFD0"), made on first use. It is what signed
 * summaries and the printed D.Hasil carry, so people can compare it with the device by eye.
 */
export function useDeviceFingerprint(): string | null {
  const db = useAppDb();
  const [print, setPrint] = useState<{ db: typeof db; value: string } | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const keys = await new DexieSyncStore(db).deviceKey();
      const value = await fingerprint(await exportPublicJwk(keys.publicKey));
      if (live) setPrint({ db, value });
    })();
    return () => {
      live = false;
    };
  }, [db]);
  return print?.db === db ? print.value : null;
}

/** The fingerprint as a fact line: label, the four groups in monospace, and what it is for. */
export function DeviceFingerprint(props: { hint?: boolean }) {
  const { t } = useTranslation();
  const print = useDeviceFingerprint();
  return (
    <div className="device-fingerprint">
      <span>{t('summary.fingerprint')}: </span>
      <code data-testid="device-fingerprint" aria-busy={print === null}>
        {print ?? '…'}
      </code>
      {props.hint && <p className="hint">{t('summary.fingerprintHint')}</p>}
    </div>
  );
}
