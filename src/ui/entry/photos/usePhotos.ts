import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Photo } from '../../../domain/photos/photo.ts';
import { listPhotos, readPhotoBlob, type RekapDb } from '../../../db/index.ts';

/** A photo as the screens show it: its metadata and an object URL of its bytes (null: not here yet). */
export interface ShownPhoto extends Photo {
  url: string | null;
}

/**
 * A form's photos, live from the database, each with an object URL of its stored Blob. URLs are
 * revoked when the list changes or the screen goes, so a long plenary does not leak every page it
 * ever showed. undefined while loading.
 */
export function usePhotos(db: RekapDb, key: string): ShownPhoto[] | undefined {
  const listed = useLiveQuery(() => listPhotos(db, key), [db, key]);
  const [shown, setShown] = useState<ShownPhoto[] | undefined>(undefined);
  useEffect(() => {
    if (listed === undefined) return;
    let live = true;
    const urls: string[] = [];
    void Promise.all(
      listed.map(async ({ hasBlob, ...photo }) => {
        const blob = hasBlob ? await readPhotoBlob(db, photo.sha256) : null;
        const url = blob ? URL.createObjectURL(blob) : null;
        if (url) urls.push(url);
        return { ...photo, url };
      }),
    ).then((all) => {
      if (live) setShown(all);
      else for (const u of urls) URL.revokeObjectURL(u);
    });
    return () => {
      live = false;
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [db, listed]);
  return shown;
}
