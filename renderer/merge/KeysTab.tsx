/**
 * Team → Sleutels: the register of the team's signing keys (fingerprint,
 * whose copy, registered when and by whom, revoked or not), and for the
 * lead: revoking an inspector's keys after a confirmation, as
 * `veldwerk inspector revoke` does.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TeamKey, TeamKeys } from '../../shared/api/types';
import { api } from '../api/client';
import { useEntitiesChanged } from '../api/study-changes';
import { nl } from '../text/nl';
import { notify, reportError } from '../ui/toast-store';
import { formatMoment } from './format';

const text = nl.keys.team;

export function KeysTab() {
  const [keys, setKeys] = useState<TeamKeys | null>(null);
  const load = useCallback(() => {
    api['team.keys']({}).then(setKeys, reportError);
  }, []);
  useEffect(load, [load]);
  // Copies register keys, bundles bring registrations and revocations.
  useEntitiesChanged(['inspector', 'session'], load);
  if (!keys) return null;
  return (
    <section className="team-section" data-testid="team-keys">
      <h3 className="team-section-heading">{text.heading}</h3>
      <p className="section-intro">{text.intro}</p>
      {!keys.lead && <p className="field-hint">{text.introNotLead}</p>}
      {keys.keys.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <table className="backup-table">
          <thead>
            <tr>
              <th scope="col">{text.who}</th>
              <th scope="col">{text.fingerprint}</th>
              <th scope="col">{text.registered}</th>
              <th scope="col">{text.state}</th>
              {keys.lead && (
                <th scope="col">
                  <span className="visually-hidden">{text.revoke}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {keys.keys.map((key) => (
              <KeyRow key={key.keyId} teamKey={key} lead={keys.lead} onChanged={setKeys} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ownerOf(key: TeamKey): string {
  const name = key.inspectorName ? `${key.inspectorName} (${key.initials})` : text.noInspector;
  return key.role === 'lead' && key.inspectorName ? `${name}, ${text.lead}` : name;
}

function KeyRow({ teamKey, lead, onChanged }: { teamKey: TeamKey; lead: boolean; onChanged: (keys: TeamKeys) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const owner = ownerOf(teamKey);
  const canRevoke = lead && teamKey.role === 'member' && teamKey.revokedAt === null && teamKey.inspectorId !== null;
  const revoke = async () => {
    setBusy(true);
    try {
      onChanged(await api['team.revokeKeys']({ inspectorId: teamKey.inspectorId! }));
      notify(text.revoked(teamKey.inspectorName ?? owner));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <>
      <tr>
        <td>{owner}</td>
        <td>
          <code>{teamKey.fingerprint}</code>
        </td>
        <td>{text.registeredBy(formatMoment(teamKey.registeredAt) ?? teamKey.registeredAt, teamKey.registeredBy)}</td>
        <td>{teamKey.revokedAt ? text.revokedAt(formatMoment(teamKey.revokedAt) ?? teamKey.revokedAt) : text.valid}</td>
        {lead && (
          <td>
            {canRevoke && (
              <button type="button" aria-label={text.revokeLabel(teamKey.inspectorName ?? owner)} disabled={busy || confirming} onClick={() => setConfirming(true)}>
                {text.revoke}
              </button>
            )}
          </td>
        )}
      </tr>
      {confirming && (
        <tr>
          <td colSpan={5} role="alert">
            <p>{text.revokeConfirm(teamKey.inspectorName ?? owner)}</p>
            <button type="button" className="primary" disabled={busy} onClick={() => void revoke()}>
              {text.revokeYes}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {nl.common.cancel}
            </button>
          </td>
        </tr>
      )}
    </>
  );
}
