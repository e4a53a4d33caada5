/**
 * A folder dragged onto the window: the browser hands over entries, not files,
 * so the folder is walked here (readEntries gives at most about 100 entries a
 * call, so it is called until it gives none) and each file keeps its path in
 * the folder, from which batch import guesses its details.
 */

/** The parts of the File and Directory Entries API used here (Chromium, Electron). */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  /** "/Map/sub/bestand.pdf" */
  fullPath: string;
  file?(success: (file: File) => void, failure: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: DroppedEntry[]) => void, failure: (error: unknown) => void): void };
}

export interface DroppedFile {
  file: File;
  relativePath: string;
}

/** A folder among the dropped entries: batch import; only loose files: null (the ordinary import takes them). */
export function holdsFolder(entries: readonly DroppedEntry[]): boolean {
  return entries.some((entry) => entry.isDirectory);
}

/** Every file under the dropped entries, each with its path from the dropped folder on. */
export async function droppedFiles(entries: readonly DroppedEntry[], limit = 2000): Promise<DroppedFile[]> {
  const files: DroppedFile[] = [];
  const walk = async (entry: DroppedEntry): Promise<void> => {
    if (files.length > limit) return; // the backend refuses a batch this large whole; no need to read on
    if (entry.isFile && entry.file) {
      const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
      files.push({ file, relativePath: entry.fullPath.replace(/^\/+/, '') || entry.name });
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}
