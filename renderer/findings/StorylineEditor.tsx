/**
 * The storyline of the overarching report, edited in the report dialog: an
 * ordered list of themes, each a chapter over the norms and themes it names.
 * Every edit is saved at once (and undoable); `onChange` lets the dialog
 * refresh its outline.
 */
import { useEffect, useState } from 'react';
import type { Code } from '../../shared/api/types';
import type { Theme } from '../../shared/findings';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';

const CONTEXT_THEMES = new Set(['gevolgen', 'oorzaken']);

export function StorylineEditor({ disabled, onChange }: { disabled: boolean; onChange: () => void }) {
  const codes = useFramework((store) => store.codes);
  const choices = codes.filter((code) => code.parentId === null && (code.kind === 'norm' || CONTEXT_THEMES.has(code.key)));
  const [themes, setThemes] = useState<Theme[]>([]);

  useEffect(() => {
    api['theme.list']({}).then(setThemes, reportError);
  }, []);

  const apply = (request: Promise<Theme[]>) =>
    request.then((next) => {
      setThemes(next);
      onChange();
    }, reportError);
  const saveOne = (theme: Pick<Theme, 'title' | 'codeIds'> & { id?: string }) =>
    void apply(api['theme.save'](theme).then(() => api['theme.list']({})));

  return (
    <fieldset className="report-fieldset storyline" data-testid="storyline">
      <legend>{nl.reports.storyline}</legend>
      <p className="field-hint">{themes.length === 0 ? nl.reports.storylineEmpty : nl.reports.storylineHint}</p>
      <ol className="storyline-themes">
        {themes.map((theme, index) => (
          <ThemeRow
            key={theme.id}
            theme={theme}
            choices={choices}
            disabled={disabled}
            onSave={saveOne}
            onUp={index === 0 ? null : () => void apply(api['theme.move']({ id: theme.id, beforeId: themes[index - 1]!.id }))}
            onDelete={() => void apply(api['theme.delete']({ id: theme.id }))}
          />
        ))}
      </ol>
      <button type="button" className="small" data-testid="storyline-add" disabled={disabled} onClick={() => saveOne({ title: nl.reports.newTheme(themes.length + 1), codeIds: [] })}>
        {nl.reports.addTheme}
      </button>
    </fieldset>
  );
}

interface ThemeRowProps {
  theme: Theme;
  choices: Code[];
  disabled: boolean;
  onSave: (theme: Pick<Theme, 'id' | 'title' | 'codeIds'>) => void;
  onUp: (() => void) | null;
  onDelete: () => void;
}

/** One theme: its title is kept here while typed, so a checkbox clicked meanwhile saves the new title too. */
function ThemeRow({ theme, choices, disabled, onSave, onUp, onDelete }: ThemeRowProps) {
  const [title, setTitle] = useState(theme.title);
  const save = (codeIds: string[]) => onSave({ id: theme.id, title, codeIds });
  return (
    <li className="storyline-theme" data-testid="storyline-theme">
      <input
        aria-label={nl.reports.themeTitle}
        value={title}
        disabled={disabled}
        maxLength={300}
        onChange={(event) => setTitle(event.target.value)}
        onBlur={() => title.trim() && title.trim() !== theme.title && save(theme.codeIds)}
      />
      <div className="storyline-codes">
        {choices.map((code) => (
          <label key={code.id} className="report-check">
            <input
              type="checkbox"
              disabled={disabled}
              checked={theme.codeIds.includes(code.id)}
              onChange={(event) => save(event.target.checked ? [...theme.codeIds, code.id] : theme.codeIds.filter((id) => id !== code.id))}
            />
            {code.name}
          </label>
        ))}
      </div>
      <div className="finding-actions">
        <button type="button" className="small" aria-label={nl.reports.themeUp(theme.title)} disabled={disabled || !onUp} onClick={() => onUp?.()}>
          ↑
        </button>
        <button type="button" className="small" aria-label={nl.reports.themeDelete(theme.title)} disabled={disabled} onClick={onDelete}>
          {nl.common.remove}
        </button>
      </div>
    </li>
  );
}
