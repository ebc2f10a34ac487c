import { useId, useState } from 'react';
import { fingerprint, PublicKeyJwkSchema, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import { readJsonFile } from '../common/files.ts';
import { useTranslation } from '../i18n/index.ts';

export interface TrustedKey {
  jwk: PublicKeyJwk;
  fingerprint: string;
  fileName: string;
}

/** The server key the verifier trusts (optional): a JWK file; only its public part is used. */
export function TrustKeyPicker(props: { value: TrustedKey | null; onChange: (key: TrustedKey | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  const pick = async (file: File) => {
    setError(null);
    const read = await readJsonFile(file);
    const parsed = read.ok ? PublicKeyJwkSchema.safeParse(read.value) : null;
    if (!parsed?.success) {
      setError(t('verify.trustInvalid', { name: file.name }));
      return;
    }
    props.onChange({ jwk: parsed.data, fingerprint: await fingerprint(parsed.data), fileName: file.name });
  };

  return (
    <div className="field">
      <label htmlFor={id}>{t('verify.trust')}</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json,.jwk"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void pick(file);
          e.target.value = '';
        }}
      />
      <span className="hint">{t('verify.trustHint')}</span>
      {props.value && (
        <span role="status">
          {t('verify.trustSet', { name: props.value.fileName, fingerprint: props.value.fingerprint })}{' '}
          <button type="button" onClick={() => props.onChange(null)}>
            {t('verify.trustClear')}
          </button>
        </span>
      )}
      {error && (
        <span className="banner error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
