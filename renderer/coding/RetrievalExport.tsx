/**
 * The retrieval list's exports: the segments it shows to Excel (the exchange's
 * segments table narrowed to the list: code, institution, part, filters and
 * "only this source"), or the code's segments per institution to Word.
 * Pseudonymised through the privacy pass unless "volledig" is ticked, which
 * warns first. Downloaded by a one-time link in the browser, saved where the
 * user chooses on the desktop.
 */
import { useId, useState } from 'react';
import type { SegmentScope } from '../../shared/api/types';
import type { ExportKind } from '../../shared/exchange';
import { api } from '../api/client';
import { nl } from '../text/nl';
import { handOffFile } from '../ui/hand-off';
import { notify, reportError } from '../ui/toast-store';

export function RetrievalExport({ scope }: { scope: SegmentScope }) {
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const warningId = useId();
  const run = (kind: ExportKind) => {
    setBusy(true);
    exportSegments(kind, scope, full)
      .catch(reportError)
      .finally(() => setBusy(false));
  };
  return (
    <div className="retrieval-export">
      <button type="button" className="small" data-testid="retrieval-export-excel" disabled={busy} onClick={() => run('segments')} title={nl.retrieval.excelTitle}>
        {nl.retrieval.toExcel}
      </button>
      <button type="button" className="small" data-testid="retrieval-export" disabled={busy} onClick={() => run('retrieval')}>
        {nl.codingDay.exportToWord}
      </button>
      <label className="check-label">
        <input type="checkbox" data-testid="retrieval-export-full" checked={full} aria-describedby={warningId} onChange={(event) => setFull(event.target.checked)} />
        {nl.retrieval.full}
      </label>
      <p id={warningId} className={full ? 'exchange-warning' : 'visually-hidden'} role={full ? 'alert' : undefined} data-testid="retrieval-export-warning">
        {full ? nl.exchange.fullWarning : nl.exchange.pseudonymisedNote}
      </p>
    </div>
  );
}

async function exportSegments(kind: ExportKind, scope: SegmentScope, full: boolean): Promise<void> {
  const exported =
    kind === 'segments'
      ? await api['exchange.export']({ kind, full, scope })
      : await api['exchange.export']({ kind, full, codeIds: [scope.codeId] });
  if (exported.warning) notify(exported.warning);
  await handOffFile({ fileName: exported.fileName, fileId: exported.exportId, downloadPath: exported.downloadUrl });
}
