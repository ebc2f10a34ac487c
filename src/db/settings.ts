import { ok, type Result } from '../domain/common/result.ts';
import type { VerificationMode } from '../domain/setup/schema.ts';
import type { RekapDb } from './database.ts';
import type { DbError } from './errors.ts';
import { SETTING_SCHEMAS, SetupRowSchema } from './rowSchemas.ts';
import { runWrite } from './storage.ts';
import { DEFAULT_SETTINGS, SETUP_ROW_ID, type Settings, type SettingKey } from './types.ts';

function parseSetting<K extends SettingKey>(key: K, value: unknown): Settings[K] {
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  // An unreadable setting falls back to its default: settings are preferences, not election data.
  return parsed.success ? (parsed.data as Settings[K]) : DEFAULT_SETTINGS[key];
}

/** A setting's value, or its default when not set (or unreadable). */
export async function getSetting<K extends SettingKey>(db: RekapDb, key: K): Promise<Settings[K]> {
  const row = await db.settings.get(key);
  return row === undefined ? DEFAULT_SETTINGS[key] : parseSetting(key, row.value);
}

export async function getSettings(db: RekapDb): Promise<Settings> {
  const rows = await db.settings.toArray();
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (Object.hasOwn(DEFAULT_SETTINGS, row.key)) {
      const key = row.key as SettingKey;
      (settings as Record<SettingKey, unknown>)[key] = parseSetting(key, row.value);
    }
  }
  return settings;
}

export async function setSetting<K extends SettingKey>(db: RekapDb, key: K, value: Settings[K]): Promise<Result<void, DbError>> {
  const checked = SETTING_SCHEMAS[key].parse(value); // a wrong type here is a programming error
  const written = await runWrite(db, ['settings'], async () => {
    await db.settings.put({ key, value: checked });
  });
  return written.ok ? ok(undefined) : written;
}

/** The device setting when set, else the setup's `settings.verification`, else 'readback'. */
export async function getVerificationMode(db: RekapDb): Promise<VerificationMode> {
  const own = await getSetting(db, 'verificationMode');
  if (own) return own;
  const row = SetupRowSchema.safeParse(await db.setup.get(SETUP_ROW_ID));
  return row.success ? row.data.setup.settings.verification : 'readback';
}
