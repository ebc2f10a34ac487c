import { useTranslation } from '../i18n/index.ts';

/**
 * The summary's SHA-256 in 16 numbered groups of 4, the way the paper D.Hasil prints it, so two
 * people can compare it group by group ("kelompok ke-5: 9a3f").
 */
export function HashGroups(props: { groups: readonly string[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ol className="hash-groups" aria-label={props.label} data-testid="hash-groups">
      {props.groups.map((group, i) => (
        <li key={i} aria-label={t('verify.groupLabel', { n: i + 1, group: group.split('').join(' ') })}>
          <span className="hash-group-number" aria-hidden="true">
            {i + 1}
          </span>
          <code>{group}</code>
        </li>
      ))}
    </ol>
  );
}
