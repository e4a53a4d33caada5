/** A folder dropped on the window is walked into files with their paths, reading each directory until it gives no more entries. */
import { describe, expect, it } from 'vitest';
import { droppedFiles, holdsFolder, type DroppedEntry } from '../../renderer/sources/dropped-folder';

function file(path: string): DroppedEntry {
  const name = path.split('/').pop()!;
  return { isFile: true, isDirectory: false, name, fullPath: path, file: (success) => success(new File(['x'], name)) };
}

/** A directory whose reader gives its children in chunks of `chunk`, as Chromium gives at most 100 at a time. */
function folder(path: string, children: DroppedEntry[], chunk = 100): DroppedEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').pop()!,
    fullPath: path,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (success) => {
          const next = children.slice(at, at + chunk);
          at += next.length;
          success(next);
        },
      };
    },
  };
}

describe('a dropped folder', () => {
  it('yields every file under it with its path from the folder on, past the reader\'s chunks', async () => {
    const many = Array.from({ length: 150 }, (_, index) => file(`/Aanlevering/Dossiers OTS/dossier-${index}.pdf`));
    const dropped = folder('/Aanlevering', [file('/Aanlevering/Interviews ouders/gesprek.docx'), folder('/Aanlevering/Dossiers OTS', many, 100)]);
    const files = await droppedFiles([dropped]);
    expect(files).toHaveLength(151);
    expect(files[0]!.relativePath).toBe('Aanlevering/Interviews ouders/gesprek.docx');
    expect(files.at(-1)!.relativePath).toBe('Aanlevering/Dossiers OTS/dossier-149.pdf');
    expect(files[0]!.file.name).toBe('gesprek.docx');
  });

  it('goes to batch import only when a folder is among the dropped entries', () => {
    expect(holdsFolder([file('/brief.pdf')])).toBe(false);
    expect(holdsFolder([file('/brief.pdf'), folder('/Map', [])])).toBe(true);
  });
});
