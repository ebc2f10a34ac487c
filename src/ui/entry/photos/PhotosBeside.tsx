import type { ReactNode } from 'react';
import type { Language } from '../../../domain/common/text.ts';
import type { RekapDb } from '../../../db/index.ts';
import { PhotoViewer } from './PhotoViewer.tsx';
import { usePhotos } from './usePhotos.ts';

/**
 * The form's content with its photos beside it (the viewer on the right, under it on a narrow
 * screen) when `show` and the form has photos; the content alone otherwise.
 */
export function PhotosBeside(props: { db: RekapDb; tallyKey: string; show: boolean; lang: Language; children: ReactNode }) {
  const photos = usePhotos(props.db, props.tallyKey);
  if (!props.show || !photos || photos.length === 0) return <>{props.children}</>;
  return (
    <div className="entry-beside" data-testid="photos-beside">
      <div>{props.children}</div>
      <aside>
        <PhotoViewer photos={photos} lang={props.lang} />
      </aside>
    </div>
  );
}
