import type { MenuCommand } from '../../shared/api/bridge';
import type { CallName } from '../../shared/api/contract';
import type { JobProgress, StagedFile } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';

/** How the UI reaches the backend: the Electron bridge or HTTP to the browser host. */
export interface Transport {
  /** Run one call; resolves to its value or rejects with an ApiError. */
  call(name: CallName, input: unknown): Promise<unknown>;
  /** Hand the backend one file to import; `relativePath`: where it sat in a dropped folder (else the chooser's webkitRelativePath). */
  stageFile(file: File, relativePath?: string): Promise<StagedFile>;
  onProgress(listener: (progress: JobProgress) => void): () => void;
  /** `study-changed`, pushed by the backend after every writing call (from any window). */
  onStudyChanged(listener: (event: StudyChangedEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
