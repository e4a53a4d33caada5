/**
 * The privacy review in the report dialog (issue 10): what the privacy pass
 * finds in the draft(s) about to be made, grouped by person and by kind, each
 * in its context with its replacement, and the choices replace / not
 * identifying / add to a person. Choices are stored in the study (through the
 * change log), so the next draft does not ask again.
 */
import { useEffect, useId, useState } from 'react';
import type { ReportOptions } from '../../shared/report-model';
import { PERSON_ROLES, type Person, type PrivacyFinding, type PrivacyScan } from '../../shared/privacy';
import { api, errorMessage } from '../api/client';
import { nl } from '../text/nl';
import { groupFindings, splitContext } from './review-groups';
import './privacy.css';

type Scope = { institutionId: string } | { overall: true };

export function PrivacyReview({ scope, options, disabled }: { scope: Scope | null; options: ReportOptions; disabled: boolean }) {
  const [scan, setScan] = useState<PrivacyScan | null>(null);
  const [persons, setPersons] = useState<Person[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scopeKey = JSON.stringify([scope, options]);
  // A scan belongs to the scope and options it was made for.
  useEffect(() => setScan(null), [scopeKey]);

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      const [found, register] = await Promise.all([api['privacy.scan']({ scope, options }), api['privacy.persons']({})]);
      setScan(found);
      setPersons(register);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      setBusy(false);
    }
  };

  /** Store a choice, then look again: a choice changes what the pass replaces. */
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await check();
    } catch (caught) {
      setError(errorMessage(caught, nl.privacy.chooseFailed));
    }
  };

  const detect = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api['privacy.detectCandidates']({});
      setMessage(nl.privacy.detected(result.added.length));
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      setBusy(false);
    }
    if (scan) await check();
  };

  const groups = scan ? groupFindings(scan.findings, persons, nl.privacy.notInRegister) : [];
  const candidates = persons.filter((person) => person.status === 'kandidaat');
  return (
    <section className="privacy-review" aria-label={nl.privacy.legend} data-testid="privacy-review">
      <h3>{nl.privacy.legend}</h3>
      <p className="field-hint">{nl.privacy.hint}</p>
      <div className="privacy-actions">
        <button type="button" className="small" onClick={() => void check()} disabled={disabled || busy || scope === null} data-testid="privacy-check">
          {busy ? nl.privacy.checking : nl.privacy.check}
        </button>
        <button type="button" className="small" onClick={() => void detect()} disabled={disabled || busy}>
          {nl.privacy.detect}
        </button>
        {candidates.length > 0 && <span className="muted">{nl.privacy.candidates(candidates.length)}</span>}
      </div>
      {message && <p className="muted">{message}</p>}
      {error && (
        <p className="report-problem" role="alert">
          {error}
        </p>
      )}
      {scan && (
        <>
          <p className={scan.unresolved > 0 ? 'report-problem' : 'muted'} data-testid="privacy-unresolved">
            {scan.findings.length === 0 ? nl.privacy.nothing : scan.unresolved > 0 ? nl.privacy.unresolved(scan.unresolved) : nl.privacy.allResolved}
          </p>
          {groups.map((group) => (
            <div key={group.key} className="privacy-group">
              <h4>
                {group.person ? nl.privacy.person(group.person.name, group.person.pseudonym) : group.title}
                {group.person?.status === 'kandidaat' && (
                  <span className="privacy-group-actions">
                    <button type="button" className="small" onClick={() => void act(() => api['privacy.updatePerson']({ id: group.person!.id, status: 'bevestigd' }))}>
                      {nl.privacy.confirm}
                    </button>
                    <button type="button" className="small" onClick={() => void act(() => api['privacy.updatePerson']({ id: group.person!.id, status: 'geen-persoon' }))}>
                      {nl.privacy.notPerson}
                    </button>
                  </span>
                )}
              </h4>
              {group.person && <PersonEditor person={group.person} act={act} disabled={disabled || busy} />}
              <ul className="privacy-findings">
                {group.findings.map((finding) => (
                  <FindingRow key={`${finding.kind}:${finding.text}`} finding={finding} persons={persons} act={act} disabled={disabled || busy} />
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** The person's role and the pseudonym the reports use ("moeder", "de jeugdige", an invented name). */
function PersonEditor({ person, act, disabled }: { person: Person; act: (action: () => Promise<unknown>) => Promise<void>; disabled: boolean }) {
  const roleId = useId();
  const pseudonymId = useId();
  const [pseudonym, setPseudonym] = useState(person.pseudonym);
  useEffect(() => setPseudonym(person.pseudonym), [person.pseudonym]);
  const savePseudonym = () => {
    if (pseudonym.trim() && pseudonym.trim() !== person.pseudonym) void act(() => api['privacy.updatePerson']({ id: person.id, pseudonym: pseudonym.trim() }));
  };
  return (
    <div className="privacy-person">
      <label htmlFor={roleId}>{nl.privacy.role}</label>
      <select id={roleId} value={person.role} disabled={disabled} onChange={(event) => void act(() => api['privacy.updatePerson']({ id: person.id, role: event.target.value as Person['role'] }))}>
        {PERSON_ROLES.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      <label htmlFor={pseudonymId}>{nl.privacy.pseudonym}</label>
      <input
        id={pseudonymId}
        value={pseudonym}
        maxLength={100}
        disabled={disabled}
        onChange={(event) => setPseudonym(event.target.value)}
        onBlur={savePseudonym}
        onKeyDown={(event) => {
          if (event.key === 'Enter') savePseudonym();
        }}
      />
    </div>
  );
}

function FindingRow({
  finding,
  persons,
  act,
  disabled,
}: {
  finding: PrivacyFinding;
  persons: Person[];
  act: (action: () => Promise<unknown>) => Promise<void>;
  disabled: boolean;
}) {
  const selectId = useId();
  const { before, detail, after } = splitContext(finding.context);
  const kept = finding.decision === 'niet-identificerend';
  const choose = (decision: 'vervangen' | 'niet-identificerend', personId: string | null = null) =>
    act(() => api['privacy.choose']({ kind: finding.kind, text: finding.text, decision, personId }));
  const addTo = (value: string) => {
    if (value === '') return;
    if (value === 'nieuw') return act(() => api['privacy.addPerson']({ name: finding.text.replace(/['’]s?$/u, ''), role: 'anders' }));
    return choose('vervangen', value);
  };
  return (
    <li className={`privacy-finding${finding.certain ? '' : ' uncertain'}`}>
      <span className="privacy-context">
        …{before}
        <mark>{detail}</mark>
        {after}…
      </span>
      <span className="privacy-verdict">
        {kept ? nl.privacy.kept : nl.privacy.replacedBy(finding.replacement)} · {nl.privacy.times(finding.count)} · {finding.why}
        {!finding.certain && finding.decision === null && <strong> · {nl.privacy.uncertain}</strong>}
      </span>
      <span className="privacy-choices">
        <button type="button" className="small" aria-pressed={finding.decision === 'vervangen'} disabled={disabled} onClick={() => void choose('vervangen')}>
          {nl.privacy.replace}
        </button>
        <button type="button" className="small" aria-pressed={kept} disabled={disabled} onClick={() => void choose('niet-identificerend')}>
          {nl.privacy.keep}
        </button>
        {finding.kind === 'naam' && (
          <>
            <label htmlFor={selectId} className="visually-hidden">
              {nl.privacy.addToLabel(finding.text)}
            </label>
            <select id={selectId} value="" disabled={disabled} onChange={(event) => void addTo(event.target.value)}>
              <option value="">{nl.privacy.addTo}</option>
              {persons
                .filter((person) => person.status !== 'geen-persoon')
                .map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              <option value="nieuw">{nl.privacy.newPerson}</option>
            </select>
          </>
        )}
      </span>
    </li>
  );
}
