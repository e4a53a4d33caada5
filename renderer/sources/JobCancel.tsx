/**
 * Under a running import's progress bar: which scanned page OCR is reading
 * (at a few seconds a page, a long scan takes minutes) and a button that stops
 * the job; the backend ends its workers and stores nothing of unfinished files.
 */
import { useState } from 'react';
import { nl } from '../text/nl';
import { ProgressBar } from '../ui/ProgressBar';
import type { ImportProgress } from './import-store';

export function JobCancel({ ocr, onCancel, testId }: { ocr: ImportProgress['ocr']; onCancel: () => void; testId: string }) {
  const [asked, setAsked] = useState(false);
  return (
    <div className="job-cancel">
      {ocr && (
        <ProgressBar done={ocr.page - 1} total={ocr.pages} message={nl.ocr.page(ocr.fileName, ocr.page, ocr.pages)} label={nl.ocr.progressLabel} testId="ocr-progress" />
      )}
      <button
        type="button"
        className="small"
        data-testid={testId}
        disabled={asked}
        onClick={() => {
          setAsked(true);
          onCancel();
        }}
      >
        {asked ? nl.ocr.cancelling : nl.ocr.cancel}
      </button>
    </div>
  );
}
