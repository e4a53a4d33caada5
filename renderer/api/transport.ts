import type { MenuCommand } from '../../shared/api/bridge';
import type { CallName } from '../../shared/api/contract';
import type { JobProgress, StagedFile } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';

/** A file the backend produced and keeps for this session (api/produced-files.ts). */
export interface KeptFile {
  fileId: string;
  fileName: string;
  /** Browser host: the address the producing call named for it (default: the address of every kept file). */
  downloadPath?: string | null | undefined;
}

/** What handing a file to the user came to. */
export type HandedOff = { how: 'downloaded' } | { how: 'saved'; path: string; opened: boolean } | { how: 'cancelled' };

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
  /** How this host hands a produced file to the user: a browser download, or the app's save dialog. */
  readonly handOff: 'download' | 'save';
  /** Hand a kept file to the user (the one host seam of renderer/ui/hand-off.ts). */
  handOffFile(file: KeptFile, open: boolean): Promise<HandedOff>;
}
