/** What happened to each file: imported, already there, or rejected with the reason. */
import type { ImportOutcome } from '../../shared/api/types';
import { openSource } from '../document/open-source';
import { nl } from '../text/nl';

export function ImportResults({ outcomes }: { outcomes: ImportOutcome[] }) {
  return (
    <section className="import-results" aria-label={nl.importer.results}>
      <ul data-testid="import-result">
        {outcomes.map((outcome, index) => (
          <li key={`${outcome.fileName}-${index}`} className={`import-result-row status-${outcome.status}`} data-testid="import-result-row" data-status={outcome.status}>
            <span className="import-status">{nl.importer.status[outcome.status]}</span>
            <span className="import-file">
              {outcome.status === 'rejected' ? (
                outcome.fileName
              ) : (
                <button type="button" className="link-button" aria-label={nl.importer.openSource(outcome.title)} onClick={() => openSource(outcome.sourceId)}>
                  {outcome.title}
                </button>
              )}
            </span>
            {outcome.status === 'rejected' && <span className="import-message">{outcome.reason}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
