/**
 * The import, as a panel in the corner rather than a modal: the window stays
 * usable while files are staged and imported. It can shrink to a progress strip
 * and stays until the user closes it.
 */
import { useId, type KeyboardEvent } from 'react';
import type { SourceMeta } from '../../shared/api/contract';
import { notify, reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { ProgressBar } from '../ui/ProgressBar';
import { ImportForm } from './ImportForm';
import { ImportResults } from './ImportResults';
import { JobCancel } from './JobCancel';
import { useImport } from './import-store';
import { useSources } from './sources-store';
import { openSource } from '../document/open-source';

export function ImportPanel() {
  const phase = useImport((store) => store.phase);
  const files = useImport((store) => store.files);
  const minimised = useImport((store) => store.minimised);
  const setMinimised = useImport((store) => store.setMinimised);
  const close = useImport((store) => store.close);
  const titleId = useId();

  if (phase === null) return null;
  if (minimised) return <ImportStrip onRestore={() => setMinimised(false)} />;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (phase === 'running') setMinimised(true);
    else close();
  };

  return (
    <section className="import-panel" role="dialog" aria-modal="false" aria-labelledby={titleId} data-testid="import-panel" onKeyDown={onKeyDown}>
      <header className="import-panel-header">
        <h2 id={titleId}>
          {nl.importer.title} <span className="muted">({nl.importer.files(files.length)})</span>
        </h2>
        {phase !== 'form' && (
          <button type="button" className="icon-button" aria-label={nl.importer.minimiseLabel} title={nl.importer.minimise} onClick={() => setMinimised(true)}>
            –
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          data-testid="import-close"
          aria-label={nl.importer.closeLabel}
          title={nl.common.close}
          disabled={phase === 'running'}
          onClick={close}
        >
          ×
        </button>
      </header>
      <div className="import-panel-body">
        {phase === 'form' ? <ImportSetup /> : <ImportProgressView />}
      </div>
    </section>
  );
}

function ImportSetup() {
  const files = useImport((store) => store.files);
  const run = useImport((store) => store.run);
  const close = useImport((store) => store.close);

  const start = (meta: SourceMeta) => {
    run(meta)
      .then((outcomes) => {
        const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
        notify(nl.importer.summary(count('imported'), count('duplicate'), count('rejected')));
        // One file imported: the inspector wants to read it next (the list follows by itself).
        const only = outcomes.length === 1 ? outcomes[0] : undefined;
        if (only && only.status === 'imported') openSource(only.sourceId);
      })
      .catch(reportError);
  };

  return (
    <>
      <ul className="import-files">
        {files.map((file, index) => (
          <li key={`${file.name}-${index}`}>
            <span className="truncate">{file.name}</span>
            <span className="muted">{formatSize(file.size)}</span>
          </li>
        ))}
      </ul>
      <ImportForm fileCount={files.length} onSubmit={start} onCancel={close} />
    </>
  );
}

function ImportProgressView() {
  const phase = useImport((store) => store.phase);
  const progress = useImport((store) => store.progress);
  const outcomes = useImport((store) => store.outcomes);
  return (
    <>
      <ProgressBar {...progress} label={nl.importer.progressLabel} testId="import-progress" />
      {phase === 'running' && <JobCancel ocr={progress.ocr} onCancel={() => useImport.getState().cancel()} testId="import-cancel" />}
      {phase === 'done' && <ImportResults outcomes={outcomes} />}
    </>
  );
}

function ImportStrip({ onRestore }: { onRestore: () => void }) {
  const progress = useImport((store) => store.progress);
  const phase = useImport((store) => store.phase);
  return (
    <section className="import-strip" aria-label={nl.importer.title}>
      <span className="import-strip-title">{phase === 'done' ? nl.importer.done : nl.importer.minimised}</span>
      <ProgressBar {...progress} label={nl.importer.progressLabel} testId="import-progress" />
      <button type="button" className="small" aria-label={nl.importer.restoreLabel} onClick={onRestore}>
        {nl.importer.restore}
      </button>
    </section>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}

