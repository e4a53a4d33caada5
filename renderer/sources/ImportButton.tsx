/** "Importeren…": opens the file chooser; the chosen files go to the import panel. */
import { useRef } from 'react';
import { nl } from '../text/nl';
import { beginImport } from './begin-import';

export function ImportButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="primary small"
        data-testid="import-button"
        aria-label={nl.sources.importLabel}
        onClick={() => inputRef.current?.click()}
      >
        {nl.sources.import}
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file-input"
        accept=".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          beginImport(files);
        }}
      />
    </>
  );
}
