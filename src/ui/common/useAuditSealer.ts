import { liveQuery } from 'dexie';
import { useEffect } from 'react';
import type { ChainHead } from '../../domain/audit/index.ts';
import { commitOpenCells, unsealedAuditCount, type RekapDb } from '../../db/index.ts';
import { sealDeviceAudit } from '../../sync/index.ts';
import { appDb, useAppDb } from './db.ts';

/** How long after the last change the trail is sealed (typing bursts are sealed together). */
export const SEAL_DELAY_MS = 1_000;

/**
 * Seals this device's audit trail now (every change written so far is chained and signed when it
 * resolves). The summary export awaits it before reading the audit head.
 */
export function sealNow(db: RekapDb = appDb()): Promise<ChainHead | null> {
  return sealDeviceAudit(db);
}

function sealQuietly(db: RekapDb): void {
  sealNow(db).catch((e: unknown) => {
    // Unsealed rows stay and are sealed on the next attempt; nothing is lost by failing here.
    console.error('Sealing the audit trail failed', e);
  });
}

/**
 * Keeps the audit trail sealed: ~1 s after changes in any tab (a live count of unsealed rows), and at
 * once when the page is hidden or closed (a laptop lid shut mid-session).
 */
export function useAuditSealer(): void {
  const db = useAppDb();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      sealQuietly(db);
    };
    const subscription = liveQuery(() => unsealedAuditCount(db)).subscribe({
      next: (count) => {
        if (count === 0) return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(flush, SEAL_DELAY_MS);
      },
      error: (e: unknown) => console.error('Watching the audit trail failed', e),
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // Closing the tab commits the cells being typed; what a crash leaves open is committed here, on
    // the next start (src/db/openCells.ts). Then the trail is sealed.
    const commitThenSeal = () => {
      commitOpenCells(db)
        .catch((e: unknown) => console.error('Committing typed cells failed', e))
        .finally(flush);
    };
    commitThenSeal();
    window.addEventListener('pagehide', commitThenSeal);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      subscription.unsubscribe();
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener('pagehide', commitThenSeal);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [db]);
}

/** The sealer as an element, mounted once in the app shell. Renders nothing. */
export function AuditSealer(): null {
  useAuditSealer();
  return null;
}
