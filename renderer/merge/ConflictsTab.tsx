/**
 * "Conflicten": concurrent edits of the same field to different values, each
 * with both values side by side (author and time) and "Deze houden" per side;
 * resolved ones fold into a list below. Then the codes created twice under
 * one name, offered for merging.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DuplicateCodePair, MergeConflict } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { useFramework } from '../framework/framework-store';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { conflictField, conflictKindTag, conflictSubject, conflictValue, hlcMoment, isColor, type NameLookup } from './format';
import { useTeam } from './team-store';

/** Names for ids in conflict values, from what the renderer already holds. */
export function useNameLookup(): NameLookup {
  const codes = useFramework((store) => store.codes);
  const loaded = useFramework((store) => store.loaded);
  const institutions = useSession(selectInstitutions);
  const inspectors = useSession(selectInspectors);
  const sourceTitles = useTeam((store) => store.sourceTitles);
  useEffect(() => {
    if (!loaded) useFramework.getState().load().catch(reportError);
  }, [loaded]);
  return useMemo(
    () => ({
      code: (id) => codes.find((code) => code.id === id)?.name,
      institution: (id) => institutions.find((institution) => institution.id === id)?.name,
      source: (id) => sourceTitles[id],
      inspector: (id) => {
        const inspector = inspectors.find((candidate) => candidate.id === id);
        return inspector ? `${inspector.name} (${inspector.initials})` : undefined;
      },
    }),
    [codes, institutions, inspectors, sourceTitles],
  );
}

export function ConflictsTab() {
  const conflicts = useTeam((store) => store.conflicts);
  const names = useNameLookup();
  const open = (conflicts ?? []).filter((conflict) => conflict.status === 'open');
  const resolved = (conflicts ?? []).filter((conflict) => conflict.status === 'resolved');
  const text = nl.team.conflicts;
  return (
    <div className="team-conflicts">
      <section aria-labelledby="team-conflicts-heading">
        <h3 id="team-conflicts-heading" className="team-section-heading">
          {text.heading}
        </h3>
        <p className="section-intro">{text.intro}</p>
        {conflicts === null ? (
          <p className="muted">{nl.common.loading}</p>
        ) : open.length === 0 ? (
          <p className="team-empty" data-testid="team-no-conflicts">
            {text.none}
          </p>
        ) : (
          <ul className="conflict-list" data-testid="team-open-conflicts">
            {open.map((conflict) => (
              <ConflictCard key={conflict.id} conflict={conflict} names={names} />
            ))}
          </ul>
        )}
        {resolved.length > 0 && (
          <details className="resolved-conflicts" data-testid="team-resolved-conflicts">
            <summary>{text.resolvedHeading(resolved.length)}</summary>
            <ul>
              {resolved.map((conflict) => (
                <li key={conflict.id} data-testid="team-resolved-conflict">
                  <KindTag conflict={conflict} /> {conflictSubject(conflict)}{' '}
                  <span className="muted">
                    · {conflictField(conflict)} · {text.resolution(conflict.resolution)} ·{' '}
                    {text.now(conflictValue(conflict.field, conflict.current, names))}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <DuplicateCodes />
    </div>
  );
}

function ConflictCard({ conflict, names }: { conflict: MergeConflict; names: NameLookup }) {
  const resolve = useTeam((store) => store.resolve);
  const busy = useTeam((store) => store.busy);
  return (
    <li className="conflict-card" data-testid="team-conflict" data-conflict-id={conflict.id}>
      <header className="conflict-header">
        <KindTag conflict={conflict} />
        <h4 className="conflict-title" data-testid="team-conflict-title">
          {conflictSubject(conflict)}
        </h4>
        <span className="muted">{nl.team.conflicts.field(conflictField(conflict))}</span>
      </header>
      {conflict.kind === 'delete-edit' && <p className="muted conflict-note">{nl.team.conflicts.deleteEdit}</p>}
      {conflict.kind === 'structure' && <p className="muted conflict-note">{nl.team.conflicts.structureNote}</p>}
      <ConflictSides conflict={conflict} names={names} onKeep={(side) => void resolve(conflict.id, side)} disabled={busy !== null} />
    </li>
  );
}

function KindTag({ conflict }: { conflict: MergeConflict }) {
  const tag = conflictKindTag(conflict);
  return tag ? <span className="conflict-kind">{tag}</span> : null;
}

/** Both values of a conflict side by side; with `onKeep`, a "Deze houden" button under each. */
export function ConflictSides(props: {
  conflict: MergeConflict;
  names: NameLookup;
  onKeep?: (side: 'local' | 'remote') => void;
  disabled?: boolean;
  /** In a preview: the current value is the one that would hold after merging. */
  preview?: boolean;
}) {
  const { conflict, names, onKeep, disabled, preview = false } = props;
  const text = nl.team.conflicts;
  // A structure conflict's sides are two ways out, not two copies' values.
  const structure = conflict.kind === 'structure';
  const sides = [
    { side: 'local' as const, heading: structure ? text.structureChoice(1) : text.local, value: conflict.local },
    { side: 'remote' as const, heading: structure ? text.structureChoice(2) : text.remote, value: conflict.remote },
  ];
  return (
    <div className="conflict-sides">
      {sides.map(({ side, heading, value }) => {
        const shown = conflictValue(conflict.field, value.value, names);
        const isCurrent = conflict.status === 'open' && value.value === conflict.current;
        return (
          <div key={side} className={`conflict-side ${isCurrent ? 'current' : ''}`} data-testid={`team-conflict-${side}`}>
            <div className="conflict-side-heading">{heading}</div>
            <div className="conflict-value" data-testid="team-conflict-value">
              {isColor(conflict.field, value.value) && <span className="color-swatch" style={{ background: value.value }} aria-hidden="true" />}
              {shown}
            </div>
            {!structure && <div className="conflict-meta">{text.by(value.authorName, hlcMoment(value.hlc))}</div>}
            {isCurrent && <div className="conflict-current">{preview ? text.wouldHold : text.current}</div>}
            {onKeep && (
              <button
                type="button"
                className="small"
                disabled={disabled}
                aria-label={text.keepLabel(shown, heading.toLowerCase())}
                data-testid={`team-keep-${side}`}
                onClick={() => onKeep(side)}
              >
                {structure ? text.choose : text.keep}
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}

function DuplicateCodes() {
  const duplicates = useTeam((store) => store.duplicates);
  const text = nl.team.duplicates;
  return (
    <section className="team-duplicates" aria-labelledby="team-duplicates-heading">
      <h3 id="team-duplicates-heading" className="team-section-heading">
        {text.heading}
      </h3>
      <p className="section-intro">{text.intro}</p>
      {duplicates === null ? (
        <p className="muted">{nl.common.loading}</p>
      ) : duplicates.length === 0 ? (
        <p className="team-empty" data-testid="team-no-duplicates">
          {text.none}
        </p>
      ) : (
        <ul className="duplicate-list">
          {duplicates.map((pair) => (
            <DuplicatePair key={`${pair.keep.id}|${pair.drop.id}`} pair={pair} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DuplicatePair({ pair }: { pair: DuplicateCodePair }) {
  const mergeCodes = useTeam((store) => store.mergeCodes);
  const busy = useTeam((store) => store.busy);
  const codes = useFramework((store) => store.codes);
  const [swapped, setSwapped] = useState(false);
  const keep = swapped ? pair.drop : pair.keep;
  const drop = swapped ? pair.keep : pair.drop;
  const keepCodings = swapped ? pair.dropCodings : pair.keepCodings;
  const dropCodings = swapped ? pair.keepCodings : pair.dropCodings;
  const parent = pair.parentId ? (codes.find((code) => code.id === pair.parentId)?.name ?? null) : null;
  const text = nl.team.duplicates;
  return (
    <li className="duplicate-card" data-testid="team-duplicate">
      <div className="conflict-title">{text.pair(pair.name, parent)}</div>
      <div className="duplicate-sides">
        <div className="duplicate-side keep">
          <span className="duplicate-role">{text.keep}</span>
          <span className="color-swatch" style={{ background: keep.color }} aria-hidden="true" /> {keep.name}{' '}
          <span className="muted">· {text.codings(keepCodings)}</span>
        </div>
        <div className="duplicate-side drop">
          <span className="duplicate-role">{text.drop}</span>
          <span className="color-swatch" style={{ background: drop.color }} aria-hidden="true" /> {drop.name}{' '}
          <span className="muted">· {text.codings(dropCodings)}</span>
        </div>
      </div>
      <div className="duplicate-actions">
        <button type="button" className="small" onClick={() => setSwapped(!swapped)} disabled={busy !== null}>
          {text.swap}
        </button>
        <button type="button" className="small primary" data-testid="team-merge-codes" disabled={busy !== null} onClick={() => void mergeCodes(keep.id, drop.id)}>
          {text.merge}
        </button>
      </div>
    </li>
  );
}
