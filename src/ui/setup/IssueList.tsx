import { useTranslation } from '../i18n/index.ts';
import type { LocalizedText } from '../../domain/common/text.ts';
import { useLanguage } from '../common/language.tsx';

export interface PathIssue {
  path: string;
  message: LocalizedText;
}

/** Problems of an input file, each with its path ("desa[3].tps[5]"), so they can be fixed at the source. */
export function IssueList(props: { title: string; issues: readonly PathIssue[]; id?: string }) {
  const lang = useLanguage();
  const { t } = useTranslation();
  return (
    <div className="banner error" role="alert" id={props.id}>
      <div>
        <strong>{props.title}</strong>
        <ul className="issues">
          {props.issues.map((issue, i) => (
            <li key={`${issue.path}-${i}`}>
              <code>{issue.path === '' ? t('firstRun.root') : issue.path}</code>: {issue.message[lang]}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
