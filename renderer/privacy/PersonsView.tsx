/**
 * The "Personen" view (issue 10): the persons register of the study. Every
 * person with role, forms, the pseudonym the reports use, status (kandidaat /
 * bevestigd / geen persoon) and in how many sources they appear; confirm,
 * add, edit forms and pseudonym, merge two entries, mark "geen persoon";
 * filter by status and role, search by any form. Candidates come in from
 * detection at import; the view refreshes from pushed changes, never by hand.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { PERSON_ROLES, PERSON_STATUSES, type Person, type PersonRole, type PersonStatus } from '../../shared/privacy';
import { api, errorMessage } from '../api/client';
import { useChangeVersion } from '../api/study-changes';
import { nl } from '../text/nl';
import { filterPersons, formsProblem, parseForms, type PersonFilter } from './person-filter';
import { particleFormsProblem } from '../../shared/name-particles';
import './persons.css';

type Act = (action: () => Promise<unknown>) => Promise<void>;
/** A refusal the view can tell before asking the backend. */
class Refused extends Error {}

export function PersonsView() {
  const [persons, setPersons] = useState<Person[] | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [filter, setFilter] = useState<PersonFilter>({ query: '', status: 'alle', role: 'alle' });
  const [error, setError] = useState<string | null>(null);
  // Persons change by import, review choices, undo and merge; sources change the counts.
  const version = useChangeVersion(['person', 'source']);

  useEffect(() => {
    let current = true;
    Promise.all([api['privacy.persons']({}), api['privacy.sourceCounts']({})])
      .then(([register, perPerson]) => {
        if (!current) return;
        setPersons(register);
        setCounts(perPerson);
      })
      .catch((caught: unknown) => current && setError(errorMessage(caught, nl.errors.unexpected)));
    return () => {
      current = false;
    };
  }, [version]);

  /** Every change goes through the API; the pushed change brings the new register. */
  const act: Act = async (action) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Refused ? caught.message : errorMessage(caught, nl.persons.failed));
    }
  };

  const shown = useMemo(() => filterPersons(persons ?? [], filter), [persons, filter]);
  return (
    <section className="persons-view" data-testid="persons-view" aria-label={nl.persons.viewLabel}>
      <header className="persons-toolbar">
        <h2>{nl.persons.title}</h2>
        <Filters filter={filter} onChange={setFilter} />
        <AddPerson act={act} />
      </header>
      <p className="field-hint persons-hint">{nl.persons.hint}</p>
      {error && (
        <p className="report-problem" role="alert">
          {error}
        </p>
      )}
      {persons && (
        <p className="muted" data-testid="persons-summary">
          {nl.persons.summary(shown.length, persons.length, persons.filter((person) => person.status === 'kandidaat').length)}
        </p>
      )}
      {persons && shown.length > 0 && (
        <table className="persons-table" data-testid="persons-table">
          <thead>
            <tr>
              <th scope="col">{nl.persons.columns.name}</th>
              <th scope="col">{nl.persons.columns.role}</th>
              <th scope="col">{nl.persons.columns.forms}</th>
              <th scope="col">{nl.persons.columns.pseudonym}</th>
              <th scope="col">{nl.persons.columns.status}</th>
              <th scope="col">{nl.persons.columns.sources}</th>
              <th scope="col">{nl.persons.columns.actions}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((person) => (
              <PersonRow key={person.id} person={person} sources={counts[person.id] ?? 0} others={persons.filter((other) => other.id !== person.id)} act={act} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Filters({ filter, onChange }: { filter: PersonFilter; onChange: (filter: PersonFilter) => void }) {
  return (
    <div className="persons-filters">
      <input
        type="search"
        aria-label={nl.persons.search}
        placeholder={nl.persons.search}
        value={filter.query}
        onChange={(event) => onChange({ ...filter, query: event.target.value })}
      />
      <select aria-label={nl.persons.statusFilter} value={filter.status} onChange={(event) => onChange({ ...filter, status: event.target.value as PersonFilter['status'] })}>
        <option value="alle">{nl.persons.allStatuses}</option>
        {PERSON_STATUSES.map((status) => (
          <option key={status} value={status}>
            {nl.persons.statuses[status]}
          </option>
        ))}
      </select>
      <select aria-label={nl.persons.roleFilter} value={filter.role} onChange={(event) => onChange({ ...filter, role: event.target.value as PersonFilter['role'] })}>
        <option value="alle">{nl.persons.allRoles}</option>
        {PERSON_ROLES.map((role) => (
          <option key={role} value={role}>
            {nl.persons.roles[role]}
          </option>
        ))}
      </select>
    </div>
  );
}

function AddPerson({ act }: { act: Act }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<PersonRole>('anders');
  const add = () => {
    if (!name.trim()) return;
    const problem = particleFormsProblem([name.trim()]);
    void act(async () => {
      if (problem) throw new Refused(problem);
      await api['privacy.addPerson']({ name: name.trim(), role });
      setName('');
    });
  };
  return (
    <form
      className="persons-add"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <input aria-label={nl.persons.newName} placeholder={nl.persons.newName} value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
      <select aria-label={nl.persons.newRole} value={role} onChange={(event) => setRole(event.target.value as PersonRole)}>
        {PERSON_ROLES.map((option) => (
          <option key={option} value={option}>
            {nl.persons.roles[option]}
          </option>
        ))}
      </select>
      <button type="submit" className="small" disabled={!name.trim()}>
        {nl.persons.add}
      </button>
    </form>
  );
}

/** A text field saved on Enter or when it loses focus, and reset when the stored value changes. */
function SavedField({ label, value, maxLength, onSave }: { label: string; value: string; maxLength: number; onSave: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const save = () => {
    if (text.trim() !== value) onSave(text.trim());
  };
  return (
    <input
      aria-label={label}
      value={text}
      maxLength={maxLength}
      onChange={(event) => setText(event.target.value)}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === 'Enter') save();
        if (event.key === 'Escape') setText(value);
      }}
    />
  );
}

function PersonRow({ person, sources, others, act }: { person: Person; sources: number; others: Person[]; act: Act }) {
  const mergeId = useId();
  const update = (change: { role?: PersonRole; forms?: string[]; pseudonym?: string; status?: PersonStatus }) =>
    act(() => api['privacy.updatePerson']({ id: person.id, ...change }));
  return (
    <tr className={`person-row status-${person.status}`} data-testid="person-row" data-name={person.name}>
      <th scope="row">{person.name}</th>
      <td>
        <select aria-label={nl.persons.roleOf(person.name)} value={person.role} onChange={(event) => void update({ role: event.target.value as PersonRole })}>
          {PERSON_ROLES.map((role) => (
            <option key={role} value={role}>
              {nl.persons.roles[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <SavedField
          label={nl.persons.formsOf(person.name)}
          value={person.forms.join(', ')}
          maxLength={2000}
          onSave={(text) => {
            const forms = parseForms(text);
            const problem = formsProblem(forms);
            void act(async () => {
              if (problem) throw new Refused(problem);
              await api['privacy.updatePerson']({ id: person.id, forms });
            });
          }}
        />
      </td>
      <td>
        <SavedField label={nl.persons.pseudonymOf(person.name)} value={person.pseudonym} maxLength={100} onSave={(pseudonym) => void update({ pseudonym })} />
      </td>
      <td>
        <span className={`person-status ${person.status}`}>{nl.persons.statuses[person.status]}</span>
      </td>
      <td className="person-sources">{sources}</td>
      <td className="person-actions">
        {person.status !== 'bevestigd' && (
          <button type="button" className="small" aria-label={nl.persons.confirmLabel(person.name)} onClick={() => void update({ status: 'bevestigd' })}>
            {nl.persons.confirm}
          </button>
        )}
        {person.status !== 'geen-persoon' && (
          <button type="button" className="small" aria-label={nl.persons.notPersonLabel(person.name)} onClick={() => void update({ status: 'geen-persoon' })}>
            {nl.persons.notPerson}
          </button>
        )}
        {others.length > 0 && (
          <>
            <label htmlFor={mergeId} className="visually-hidden">
              {nl.persons.mergeLabel(person.name)}
            </label>
            <select
              id={mergeId}
              value=""
              onChange={(event) => {
                const otherId = event.target.value;
                if (otherId) void act(() => api['privacy.mergePersons']({ keepId: person.id, otherId }));
              }}
            >
              <option value="">{nl.persons.merge}</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
          </>
        )}
      </td>
    </tr>
  );
}
