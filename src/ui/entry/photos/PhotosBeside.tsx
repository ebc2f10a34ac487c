import type { ReactNode } from 'react';
import type { Language } from '../../../domain/common/text.ts';
import type { RekapDb } from '../../../db/index.ts';
import { PhotoViewer } from './PhotoViewer.tsx';
import { usePhotos } from './usePhotos.ts';

/**
 * The form's content with its photos beside it (the viewer on the right, under it on a narrow
 * screen) when `show` and the form has photos; the content alone otherwise. The content keeps its
 * place in the tree either way, so the first photo appearing beside it does not remount the form
 * (and lose what its panels hold, e.g. a note just shown).
 */
export function PhotosBeside(props: { db: RekapDb; tallyKey: string; show: boolean; lang: Language; children: ReactNode }) {
  const photos = usePhotos(props.db, props.tallyKey);
  const beside = props.show && photos !== undefined && photos.length > 0;
  return (
    <div className={beside ? 'entry-beside' : undefined} data-testid={beside ? 'photos-beside' : undefined}>
      <div>{props.children}</div>
      {beside ? (
        <aside>
          <PhotoViewer photos={photos} lang={props.lang} />
        </aside>
      ) : null}
    </div>
  );
}
