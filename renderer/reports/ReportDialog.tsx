/**
 * "Rapportconcept maken": choose the report (per institution or overarching),
 * the institutions, the chapters, memos and appendix, the minimum number of
 * codings for quotes and the study's house style; see the outline with its
 * counts while choosing; make the draft(s) with a progress bar; then save and
 * open them (desktop) or download them (browser).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReportGenerated } from '../../shared/api/types';
import type { ChapterKey, ReportOptions, ReportOutline } from '../../shared/report-model';
import { api, errorMessage, onProgress } from '../api/client';
import { useFramework } from '../framework/framework-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { ProgressBar } from '../ui/ProgressBar';
import { handOffFile, handsOffByDownload } from '../ui/hand-off';
import { HouseStyleField } from './HouseStyleField';
import { institutionWithMostMaterial } from './most-material';
import { QuotesBelowMinimum } from './QuotesBelowMinimum';
import { StorylineEditor } from '../findings/StorylineEditor';
import { PrivacyReview } from '../privacy/PrivacyReview';
import './reports.css';

type OutlineRequest = Parameters<(typeof api)['report.outline']>[0];

type Kind = 'instelling' | 'overkoepelend';

interface Result {
  generated: ReportGenerated;
  saved: string | null;
  note: string | null;
}

const FIXED_BEFORE: ChapterKey[] = ['samenvatting', 'inleiding'];
const FIXED_AFTER: ChapterKey[] = ['gevolgen', 'oorzaken', 'verwachtingen', 'memos'];
/** The questionnaire chapter, offered when the study has a survey; it comes before the writer's notes. */
const SURVEY_CHAPTER: ChapterKey = 'vragenlijst';

export function ReportDialog({ onClose }: { onClose: () => void }) {
  const institutions = useSession(selectInstitutions);
  const codes = useFramework((store) => store.codes);
  const loaded = useFramework((store) => store.loaded);
  const loadFramework = useFramework((store) => store.load);
  useEffect(() => {
    if (!loaded) void loadFramework();
  }, [loaded, loadFramework]);
  const norms = useMemo(() => codes.filter((code) => code.kind === 'norm' && code.parentId === null), [codes]);
  const [hasSurvey, setHasSurvey] = useState(false);
  useEffect(() => {
    let current = true;
    api['survey.list']({}).then(
      (list) => current && setHasSurvey(list.surveys.length > 0),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  const allChapters = useMemo<ChapterKey[]>(
    () => [
      ...FIXED_BEFORE,
      ...norms.map((norm) => `norm:${norm.key}` as const),
      ...FIXED_AFTER.filter((chapter) => chapter !== 'memos'),
      ...(hasSurvey ? [SURVEY_CHAPTER] : []),
      'memos',
    ],
    [norms, hasSurvey],
  );

  const [kind, setKind] = useState<Kind>('instelling');
  const [chosen, setChosen] = useState<string[]>(() => (institutions[0] ? [institutions[0].id] : []));
  const chosenByWriter = useRef(false);
  const choose = (ids: string[]) => {
    chosenByWriter.current = true;
    setChosen(ids);
  };
  // Start with the institution that has the most material, unless the writer has already chosen.
  useEffect(() => {
    let current = true;
    api.stats({}).then(
      (stats) => {
        const best = institutionWithMostMaterial(institutions, stats);
        if (current && best && !chosenByWriter.current) setChosen([best]);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [institutions]);
  const [overallChosen, setOverallChosen] = useState<string[]>(() => institutions.map((institution) => institution.id));
  const [excluded, setExcluded] = useState<ChapterKey[]>([]);
  const [includeMemos, setIncludeMemos] = useState(true);
  const [includeAppendix, setIncludeAppendix] = useState(false);
  const [institutionRatings, setInstitutionRatings] = useState(false);
  const [minCodings, setMinCodings] = useState(3);
  const [keepQuotesBelowMinimum, setKeepQuotesBelowMinimum] = useState(false);

  const [outline, setOutline] = useState<ReportOutline | null>(null);
  const [outlineError, setOutlineError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0, message: '' });
  const [results, setResults] = useState<Result[]>([]);
  const [error, setError] = useState<string | null>(null);

  const chapters = allChapters.filter((chapter) => !excluded.includes(chapter) && (chapter !== 'memos' || includeMemos));
  const selected = kind === 'instelling' ? chosen : overallChosen;
  const options: ReportOptions = {
    chapters: [...chapters, ...(includeAppendix ? (['verantwoording'] as ChapterKey[]) : [])],
    includeMemos,
    includeAppendix,
    minCodingsForQuotes: minCodings,
    keepQuotesBelowMinimum,
    ...(kind === 'overkoepelend' ? { institutions: overallChosen, institutionRatings } : {}),
  };
  const [storylineVersion, setStorylineVersion] = useState(0);
  // The outline request as text: the outline reloads when what it asks for changes, not each time the object is rebuilt.
  const outlineRequest: OutlineRequest = { scope: kind === 'instelling' ? { institutionId: chosen[0]! } : { overall: true }, options };
  const outlineKey = JSON.stringify(outlineRequest);
  const problem = selected.length === 0 ? nl.reports.noInstitution : chapters.length === 0 ? nl.reports.noChapter : null;

  // The live outline, for the first chosen institution or the overarching report.
  useEffect(() => {
    if (problem || !loaded) return;
    let current = true;
    const timer = setTimeout(() => {
      api['report.outline'](JSON.parse(outlineKey) as OutlineRequest).then(
        (value) => {
          if (!current) return;
          setOutline(value);
          setOutlineError(null);
        },
        (caught: unknown) => {
          if (current) setOutlineError(errorMessage(caught, nl.errors.unexpected));
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // A saved storyline changes the outline without changing the request.
  }, [outlineKey, storylineVersion, problem, loaded]);

  const jobRef = useRef<string | null>(null);
  useEffect(
    () =>
      onProgress((event) => {
        if (event.jobId === jobRef.current) setProgress(event);
      }),
    [],
  );

  const generate = async () => {
    setBusy(true);
    setError(null);
    const scopes = kind === 'instelling' ? chosen.map((institutionId) => ({ institutionId })) : [{ overall: true as const }];
    try {
      for (const scope of scopes) {
        const jobId = `rapport-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        jobRef.current = jobId;
        setProgress({ done: 0, total: 0, message: nl.reports.generating });
        const generated = await api['report.generate']({ scope, options, jobId });
        // Earlier drafts of this session stay listed (and downloadable): the newest goes on top.
        setResults((previous) => [{ generated, saved: null, note: null }, ...previous]);
      }
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      jobRef.current = null;
      setBusy(false);
    }
  };

  /** Hand the draft (or, with `file`, its appendix) to the user: downloaded, or saved (and opened) where the user chooses. */
  const handOff = async (index: number, open: boolean, file: { reportId: string; fileName: string; downloadUrl: string | null } | undefined = results[index]?.generated) => {
    const result = results[index];
    if (!result || !file) return;
    try {
      const outcome = await handOffFile({ fileName: file.fileName, fileId: file.reportId, downloadPath: file.downloadUrl }, { open });
      // The internal appendix is saved as a file of its own; its path is not the draft's.
      if (file !== result.generated || outcome.how !== 'saved') return;
      setResults((previous) =>
        previous.map((entry, at) => (at === index ? { ...entry, saved: outcome.path, note: open && !outcome.opened ? nl.reports.openFailed : null } : entry)),
      );
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    }
  };

  const firstName = institutions.find((institution) => institution.id === chosen[0])?.name ?? '';
  const labelOf = (chapter: ChapterKey) =>
    chapter.startsWith('norm:') ? (norms.find((norm) => `norm:${norm.key}` === chapter)?.name ?? chapter) : (nl.reports.chapterLabels[chapter] ?? chapter);

  return (
    <Dialog title={nl.reports.title} onClose={busy ? undefined : onClose} className="report-dialog" testId="report-dialog">
      <div className="report-layout">
        <div className="report-choices">
          <fieldset className="report-fieldset">
            <legend>{nl.reports.scope}</legend>
            <label className="report-check">
              <input type="radio" name="report-kind" checked={kind === 'instelling'} onChange={() => setKind('instelling')} disabled={busy} />
              {nl.reports.perInstitution}
            </label>
            <label className="report-check">
              <input type="radio" name="report-kind" checked={kind === 'overkoepelend'} onChange={() => setKind('overkoepelend')} disabled={busy} />
              {nl.reports.overall}
            </label>
          </fieldset>

          <CheckList
            legend={nl.reports.institutions}
            hint={kind === 'instelling' ? nl.reports.institutionsHint : nl.reports.overallInstitutionsHint}
            items={institutions.map((institution) => ({ key: institution.id, label: institution.name }))}
            checked={selected}
            disabled={busy}
            onChange={kind === 'instelling' ? choose : setOverallChosen}
          />

          <CheckList
            legend={nl.reports.chapters}
            items={allChapters.map((chapter) => ({ key: chapter, label: labelOf(chapter), disabled: chapter === 'memos' && !includeMemos }))}
            checked={allChapters.filter((chapter) => !excluded.includes(chapter))}
            disabled={busy}
            onChange={(keys) => setExcluded(allChapters.filter((chapter) => !keys.includes(chapter)))}
          />

          <fieldset className="report-fieldset">
            <label className="report-check">
              <input type="checkbox" checked={includeMemos} onChange={(event) => setIncludeMemos(event.target.checked)} disabled={busy} />
              {nl.reports.includeMemos}
            </label>
            <label className="report-check">
              <input type="checkbox" checked={includeAppendix} onChange={(event) => setIncludeAppendix(event.target.checked)} disabled={busy} />
              {nl.reports.includeAppendix}
            </label>
            {kind === 'overkoepelend' && (
              <label className="report-check">
                <input type="checkbox" data-testid="report-institution-ratings" checked={institutionRatings} onChange={(event) => setInstitutionRatings(event.target.checked)} disabled={busy} />
                {nl.reports.institutionRatings}
              </label>
            )}
            <MinCodings value={minCodings} onChange={setMinCodings} disabled={busy} />
          </fieldset>

          {kind === 'overkoepelend' && <StorylineEditor disabled={busy} onChange={() => setStorylineVersion((version) => version + 1)} />}
          <HouseStyleField disabled={busy} />
        </div>

        <section className="report-outline" aria-label={nl.reports.outline} aria-live="polite" data-testid="report-outline">
          <h3>{kind === 'instelling' && firstName ? nl.reports.outlineFor(firstName) : nl.reports.overall}</h3>
          {problem ? (
            <p className="report-problem">{problem}</p>
          ) : outlineError ? (
            <p className="report-problem">{outlineError}</p>
          ) : !outline ? (
            <p className="muted">{nl.reports.outlineLoading}</p>
          ) : (
            <>
              <QuotesBelowMinimum entries={outline.quotesBelowMinimum} perInstitution={outline.kind === 'overkoepelend'} keep={keepQuotesBelowMinimum} onChange={setKeepQuotesBelowMinimum} disabled={busy} />
              <OutlineView outline={outline} />
            </>
          )}
          <PrivacyReview
            scope={problem ? null : kind === 'instelling' ? { institutionId: chosen[0]! } : { overall: true }}
            options={options}
            disabled={busy}
          />
        </section>
      </div>

      {(busy || results.length > 0) && (
        <div className="report-progress">
          {busy && <ProgressBar {...progress} label={nl.reports.progressLabel} testId="report-progress" />}
          {results.length > 0 && !busy && <p>{nl.reports.done(results.length)}</p>}
          <ul className="report-results" data-testid="report-results">
            {results.map((result, index) => (
              <li key={result.generated.reportId}>
                <span className="report-file">
                  {result.generated.fileName} <span className="muted">({nl.reports.size(result.generated.size)})</span>
                </span>
                {handsOffByDownload ? (
                  <button type="button" className="button-link" onClick={() => void handOff(index, false)}>
                    {nl.reports.download}
                  </button>
                ) : result.saved ? (
                  <span className="muted">{nl.reports.savedAt(result.saved)}</span>
                ) : (
                  <span className="report-result-actions">
                    <button type="button" className="small" onClick={() => void handOff(index, false)}>
                      {nl.reports.save}
                    </button>
                    <button type="button" className="small primary" onClick={() => void handOff(index, true)}>
                      {nl.reports.saveAndOpen}
                    </button>
                  </span>
                )}
                {result.generated.appendix && (
                  <span className="report-result-actions">
                    <button
                      type="button"
                      className={handsOffByDownload ? 'button-link' : 'small'}
                      onClick={() => void handOff(index, false, result.generated.appendix!)}
                    >
                      {handsOffByDownload ? nl.privacy.appendixLink : nl.privacy.appendixSave}
                    </button>
                  </span>
                )}
                {result.note && <span className="report-problem">{result.note}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="report-problem" role="alert">
          {error}
        </p>
      )}

      <footer className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {nl.common.close}
        </button>
        <button type="button" className="primary" onClick={() => void generate()} disabled={busy || problem !== null} data-testid="report-generate">
          {busy ? nl.reports.generating : nl.reports.generate}
        </button>
      </footer>
    </Dialog>
  );
}

function CheckList({
  legend,
  hint,
  items,
  checked,
  disabled,
  onChange,
}: {
  legend: string;
  hint?: string;
  items: Array<{ key: string; label: string; disabled?: boolean }>;
  checked: string[];
  disabled: boolean;
  onChange: (keys: string[]) => void;
}) {
  const hintId = useId();
  return (
    <fieldset className="report-fieldset" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {items.map((item) => (
        <label key={item.key} className="report-check">
          <input
            type="checkbox"
            checked={checked.includes(item.key) && !item.disabled}
            disabled={disabled || item.disabled}
            onChange={(event) => onChange(event.target.checked ? [...checked, item.key] : checked.filter((key) => key !== item.key))}
          />
          {item.label}
        </label>
      ))}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
    </fieldset>
  );
}

function MinCodings({ value, onChange, disabled }: { value: number; onChange: (value: number) => void; disabled: boolean }) {
  const id = useId();
  return (
    <div className="field report-min">
      <label htmlFor={id}>{nl.reports.minCodings}</label>
      <input
        id={id}
        type="number"
        min={0}
        max={100}
        value={value}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const next = Number(event.target.value);
          if (Number.isInteger(next) && next >= 0 && next <= 100) onChange(next);
        }}
      />
      <span id={`${id}-hint`} className="field-hint">
        {nl.reports.minCodingsHint}
      </span>
    </div>
  );
}

function OutlineView({ outline }: { outline: ReportOutline }) {
  return (
    <>
      <ol className="report-outline-list">
        {outline.chapters.map((chapter, index) => {
          const counts = nl.reports.counts(chapter.quotes, chapter.figures, chapter.tables);
          return (
            <li key={`${chapter.key ?? chapter.title}-${index}`}>
              <span className="report-outline-title">{chapter.title}</span>
              {counts && <span className="muted"> – {counts}</span>}
            </li>
          );
        })}
      </ol>
      <p className="report-outline-totals">{nl.reports.totals(outline.totals.chapters, outline.totals.quotes, outline.totals.figures)}</p>
      {outline.privacy.replacements > 0 && <p className="muted">{nl.reports.privacy(outline.privacy.replacements)}</p>}
      {outline.warnings.length > 0 && (
        <div className="report-warnings">
          <strong>{nl.reports.warnings}</strong>
          <ul>
            {outline.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

