/**
 * The project's coders onto the study's inspectors, before a QDPX import (as
 * the CLI's --map does): per user who coded or wrote notes, an existing
 * inspector or a new one. The preview's own match is the default.
 */
import type { ImportPreview, Inspector } from '../../shared/api/types';
import { MAP_AS_NEW } from '../../shared/exchange';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';

const text = nl.retrieval;

/** The preview's matches as choices: an inspector's initials, or "nieuw". */
export function defaultUserChoices(preview: ImportPreview, inspectors: readonly Inspector[]): Record<string, string> {
  return Object.fromEntries(
    preview.users.map((user) => [user.guid, inspectors.find((inspector) => inspector.id === user.inspectorId)?.initials ?? MAP_AS_NEW]),
  );
}

export function UserMapping(props: { users: ImportPreview['users']; choices: Record<string, string>; disabled: boolean; onChoose: (guid: string, initials: string) => void }) {
  const inspectors = useSession(selectInspectors);
  if (props.users.length === 0) return null;
  return (
    <table data-testid="exchange-user-mapping">
      <thead>
        <tr>
          <th scope="col">{text.projectUser}</th>
          <th scope="col">{text.asInspector}</th>
        </tr>
      </thead>
      <tbody>
        {props.users.map((user) => (
          <tr key={user.guid}>
            <td>
              {user.name || text.unnamedUser} <span className="muted">({nl.evidence.fragments(user.codings)})</span>
            </td>
            <td>
              <select
                aria-label={text.userMapLabel(user.name || text.unnamedUser)}
                data-testid="exchange-user-choice"
                data-user-name={user.name}
                value={props.choices[user.guid] ?? MAP_AS_NEW}
                disabled={props.disabled}
                onChange={(event) => props.onChoose(user.guid, event.target.value)}
              >
                <option value={MAP_AS_NEW}>{text.newInspector(user.name || text.unnamedUser)}</option>
                {inspectors.map((inspector) => (
                  <option key={inspector.id} value={inspector.initials}>
                    {inspector.name} ({inspector.initials})
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
