import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';

const ALL = '';

/** The operator's panel (its desa follow the schedule), or all panels for the PPK chair. */
export function PanelChoice(props: { setup: Setup; busy: boolean; problem: string | null; onChoose: (panel: string | null) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [choice, setChoice] = useState<string>(props.setup.panels[0]?.id ?? ALL);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    props.onChoose(choice === ALL ? null : choice);
  };
  return (
    <section className="first-run" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('panelChoice.title')}</h1>
      <p>{t('panelChoice.intro')}</p>
      <form className="card" onSubmit={onSubmit}>
        <fieldset>
          <legend>{t('panelChoice.legend')}</legend>
          {props.setup.panels.map((panel) => (
            <div key={panel.id}>
              <label>
                <input type="radio" name="panel" value={panel.id} checked={choice === panel.id} onChange={() => setChoice(panel.id)} /> {panel.name}
              </label>
            </div>
          ))}
          <div>
            <label>
              <input type="radio" name="panel" value={ALL} checked={choice === ALL} onChange={() => setChoice(ALL)} /> {t('panelChoice.all')}
            </label>
          </div>
        </fieldset>
        <p>
          <button type="submit" className="primary" disabled={props.busy}>
            {t('panelChoice.continue')}
          </button>
        </p>
        {props.problem && (
          <div className="banner error" role="alert">
            {props.problem}
          </div>
        )}
      </form>
    </section>
  );
}
