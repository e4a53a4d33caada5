/**
 * "Overeenstemming": intercoder agreement on the sources two or more
 * inspectors coded. Per pair of coders, per norm (with its sub-codes) and
 * per sub-code: percentage agreement and Cohen's kappa at character level,
 * and segment-level agreement at an overlap threshold. Below, the
 * disagreements side by side, each settled by adopting one coder's solution.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AgreementReport, CodeAgreement, CoderPairAgreement, Disagreement } from '../../shared/api/types';
import { useEntitiesChanged } from '../api/study-changes';
import { jumpToSegment } from '../evidence/jump';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';
import { Field } from '../ui/Field';
import { coderInitials, formatKappa, formatPercent, kappaBand, pairKey, thresholdFraction } from './format';
import { useTeam } from './team-store';

const PAGE = 25;

export function AgreementTab() {
  const agreement = useTeam((store) => store.agreement);
  const loading = useTeam((store) => store.agreementLoading);
  const error = useTeam((store) => store.agreementError);
  const thresholdText = useTeam((store) => store.thresholdText);
  const [codingsChanged, setCodingsChanged] = useState(0);
  useEntitiesChanged(['coding', 'code', 'source'], () => setCodingsChanged((count) => count + 1));
  const threshold = thresholdFraction(thresholdText);
  const text = nl.team.agreement;

  // Recompute when the threshold settles, and after codings changed anywhere (merge, adopt, undo).
  useEffect(() => {
    if (threshold === null) return;
    const timer = setTimeout(() => void useTeam.getState().loadAgreement(threshold), 250);
    return () => clearTimeout(timer);
  }, [threshold, codingsChanged]);

  return (
    <div className="team-agreement" data-testid="team-agreement">
      <header className="agreement-header">
        <div>
          <h3 className="team-section-heading">{text.heading}</h3>
          <p className="section-intro" data-testid="team-kappa-explained">
            {text.kappaExplained}
          </p>
        </div>
        <ThresholdField invalid={threshold === null} />
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!agreement && loading && <p className="muted">{text.loading}</p>}
      {agreement && agreement.sources.length === 0 && (
        <p className="team-empty" data-testid="team-agreement-none">
          {text.none}
        </p>
      )}
      {agreement && agreement.sources.length > 0 && <AgreementBody report={agreement} />}
    </div>
  );
}

function ThresholdField({ invalid }: { invalid: boolean }) {
  const thresholdText = useTeam((store) => store.thresholdText);
  const setThresholdText = useTeam((store) => store.setThresholdText);
  const text = nl.team.agreement;
  return (
    <div className="threshold-field">
      <Field label={text.threshold} hint={invalid ? text.thresholdInvalid : text.thresholdHint}>
        <span className="threshold-input">
          <input
            type="number"
            min={1}
            max={100}
            step={5}
            value={thresholdText}
            aria-invalid={invalid || undefined}
            data-testid="team-threshold"
            onChange={(event) => setThresholdText(event.target.value)}
          />
          <span aria-hidden="true">%</span>
        </span>
      </Field>
    </div>
  );
}

function AgreementBody({ report }: { report: AgreementReport }) {
  const pairChoice = useTeam((store) => store.pair);
  const setPair = useTeam((store) => store.setPair);
  const pair = report.pairs.find((candidate) => pairKey(candidate) === pairChoice) ?? report.pairs[0] ?? null;
  const name = (id: string) => coderInitials(report.coders, id);
  const text = nl.team.agreement;
  return (
    <>
      <details className="agreement-sources" open={report.sources.length <= 8}>
        <summary>{text.sources(report.sources.length)}</summary>
        <ul aria-label={text.sourcesLabel} data-testid="team-agreement-sources">
          {report.sources.map((source) => (
            <li key={source.sourceId} data-testid="team-agreement-source">
              <span className="agreement-source-title">{source.title}</span>{' '}
              <span className="muted">· {text.characters(source.characters)} · </span>
              {source.coderIds.map((id) => (
                <span key={id} className="initials-badge">
                  {name(id)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </details>
      {pair && (
        <>
          {report.pairs.length > 1 ? (
            <label className="pair-choice">
              <span>{text.pair}</span>
              <select value={pairKey(pair)} data-testid="team-agreement-pair" onChange={(event) => setPair(event.target.value)}>
                {report.pairs.map((candidate) => (
                  <option key={pairKey(candidate)} value={pairKey(candidate)}>
                    {text.pairOption(coderName(report, candidate.coderA), coderName(report, candidate.coderB), candidate.sourceIds.length)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="pair-choice" data-testid="team-agreement-pair-label">
              <strong>{text.pairOption(coderName(report, pair.coderA), coderName(report, pair.coderB), pair.sourceIds.length)}</strong>
            </p>
          )}
          <PairTable report={report} pair={pair} />
          <Disagreements report={report} pair={pair} />
        </>
      )}
    </>
  );
}

const coderName = (report: AgreementReport, id: string) => {
  const coder = report.coders.find((candidate) => candidate.id === id);
  return coder ? `${coder.name} (${coder.initials})` : '?';
};

function PairTable({ report, pair }: { report: AgreementReport; pair: CoderPairAgreement }) {
  const codes = useFramework((store) => store.codes);
  const depth = useMemo(() => {
    const parent = new Map(codes.map((code) => [code.id, code.parentId]));
    return (id: string, kind: string) => {
      if (!parent.has(id)) return kind === 'subcode' ? 1 : 0;
      let level = 0;
      for (let at = parent.get(id); at && level < 10; at = parent.get(at)) level++;
      return level;
    };
  }, [codes]);
  const a = coderInitials(report.coders, pair.coderA);
  const b = coderInitials(report.coders, pair.coderB);
  const text = nl.team.agreement;
  return (
    <table className="team-table agreement-table" aria-label={text.tableLabel(a, b)} data-testid="team-agreement-table">
      <thead>
        <tr>
          <th scope="col">{text.code}</th>
          <th scope="col" className="num" title={text.percentHint}>
            {text.percent}
          </th>
          <th scope="col" className="num">
            {text.kappa}
          </th>
          <th scope="col" className="num" title={text.segmentsHint(a)}>
            {text.segments(a)}
          </th>
          <th scope="col" className="num" title={text.segmentsHint(b)}>
            {text.segments(b)}
          </th>
          <th scope="col" className="num">
            {text.segmentsBoth}
          </th>
        </tr>
      </thead>
      <tbody>
        {pair.codes.map((code) => (
          <CodeRow key={code.codeId} code={code} level={depth(code.codeId, code.kind)} a={a} b={b} />
        ))}
      </tbody>
    </table>
  );
}

function CodeRow({ code, level, a, b }: { code: CodeAgreement; level: number; a: string; b: string }) {
  const { characters, segments } = code.pooled;
  const band = kappaBand(characters.kappa);
  const text = nl.team.agreement;
  return (
    <tr data-testid="team-agreement-row" data-code-key={code.codeKey} className={level === 0 ? 'top-level' : undefined}>
      <th scope="row" style={{ paddingLeft: `${10 + level * 18}px` }}>
        {code.codeName}
        {code.rolledUp && <span className="muted"> ({text.withSubcodes})</span>}
      </th>
      <td className="num" title={text.cellTitle(characters.both, characters.onlyA, characters.onlyB, a, b)} data-testid="team-agreement-percent">
        {formatPercent(characters.percentAgreement)}
      </td>
      <td className="num" title={characters.kappa === null ? text.kappaUndefined : (band ?? undefined)} data-testid="team-agreement-kappa">
        {formatKappa(characters.kappa)}
      </td>
      <td className="num">
        {segments.a.matched}/{segments.a.total}
      </td>
      <td className="num">
        {segments.b.matched}/{segments.b.total}
      </td>
      <td className="num" data-testid="team-agreement-segments">
        {formatPercent(segments.percentMatched, 0)}
      </td>
    </tr>
  );
}

function Disagreements({ report, pair }: { report: AgreementReport; pair: CoderPairAgreement }) {
  const [codeId, setCodeId] = useState('');
  const [shown, setShown] = useState(PAGE);
  const all = report.disagreements.filter((item) => item.coderA === pair.coderA && item.coderB === pair.coderB);
  const codesUsed = [...new Map(all.map((item) => [item.codeId, item.codeName])).entries()];
  const list = codeId ? all.filter((item) => item.codeId === codeId) : all;
  const text = nl.team.agreement;
  return (
    <section className="disagreements" aria-labelledby="team-disagreements-heading">
      <header className="disagreements-header">
        <div>
          <h3 id="team-disagreements-heading" className="team-section-heading">
            {text.disagreements(all.length)}
          </h3>
          <p className="section-intro">{text.disagreementsIntro}</p>
        </div>
        {codesUsed.length > 1 && (
          <label className="pair-choice">
            <span>{text.filterCode}</span>
            <select value={codeId} onChange={(event) => setCodeId(event.target.value)} data-testid="team-disagreement-code">
              <option value="">{text.allCodes}</option>
              {codesUsed.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {list.length === 0 ? (
        <p className="team-empty">{text.noDisagreements}</p>
      ) : (
        <ul className="disagreement-list" data-testid="team-disagreements">
          {list.slice(0, shown).map((item) => (
            <DisagreementCard key={item.id} item={item} report={report} />
          ))}
        </ul>
      )}
      {list.length > shown && (
        <button type="button" className="small" onClick={() => setShown(shown + PAGE)}>
          {text.showMore(Math.min(PAGE, list.length - shown))}
        </button>
      )}
    </section>
  );
}

function DisagreementCard({ item, report }: { item: Disagreement; report: AgreementReport }) {
  const adopt = useTeam((store) => store.adopt);
  const busy = useTeam((store) => store.busy);
  const text = nl.team.agreement;
  const sides = [
    { coderId: item.coderA, side: item.a, other: item.coderB, otherSide: item.b },
    { coderId: item.coderB, side: item.b, other: item.coderA, otherSide: item.a },
  ];
  const initials = (id: string) => coderInitials(report.coders, id);
  return (
    <li className="disagreement-card" data-testid="team-disagreement" data-disagreement-id={item.id}>
      <header className="conflict-header">
        <span className="conflict-kind">{item.codeName}</span>
        <h4 className="conflict-title">{item.sourceTitle}</h4>
        {item.a && item.b && <span className="muted">{text.overlap(formatPercent(item.overlap * 100, 0))}</span>}
      </header>
      <div className="conflict-sides">
        {sides.map(({ coderId, side, other, otherSide }) => (
          <div key={coderId} className="conflict-side" data-testid="team-disagreement-side">
            <div className="conflict-side-heading">{coderName(report, coderId)}</div>
            {side ? (
              <button type="button" className="quote-button" title={text.showInSource} onClick={() => jumpToSegment({ sourceId: item.sourceId, start: side.start, end: side.end })}>
                <q>{side.text}</q>
              </button>
            ) : (
              <p className="muted not-coded">{text.notCoded(initials(coderId))}</p>
            )}
            <button
              type="button"
              className="small"
              disabled={busy !== null}
              data-testid="team-adopt"
              data-coder-id={coderId}
              title={text.adopt(coderName(report, coderId))}
              onClick={() => void adopt(item.id, coderId)}
            >
              {side && otherSide ? text.adoptAlign(initials(coderId)) : side ? text.adoptAdd(initials(other)) : text.adoptRemove(initials(other))}
            </button>
          </div>
        ))}
      </div>
    </li>
  );
}
