/**
 * The staging store seals each piece (AES-256-GCM, a key per store held only
 * in memory): what lies on disk is not the bytes, a piece changed or swapped
 * on disk is refused in Dutch instead of being read, another store (a later
 * run) cannot read it, and closing removes the store's folder.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StagingStore } from '../../backend/store/staging-store';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-kluis-');
const WORD = Buffer.from('Jeugdige woont aan de Brommelsteeg 12. '.repeat(50));
const DAMAGED = 'Een klaargezet bestand is beschadigd of verdwenen; kies het opnieuw. Er is niets opgeslagen.';

const storeFolders = () => readdirSync(dir).filter((entry) => entry.startsWith('.veldwerk-staging-')).map((name) => join(dir, name));

describe('staging store', () => {
  it('seals what it keeps, refuses a changed or swapped piece, and removes its folder when cleared', async () => {
    const store = new StagingStore(() => dir);
    const first = store.put(WORD);
    const second = await store.putStream(Readable.from([WORD.subarray(0, 100), WORD.subarray(100)]));
    expect(store.read(first).equals(WORD)).toBe(true);
    expect(store.read(second).equals(WORD)).toBe(true);
    expect(store.size(second)).toBe(WORD.length);

    const [folder] = storeFolders() as [string];
    const onDisk = readdirSync(folder).map((name) => readFileSync(join(folder, name)));
    expect(onDisk).toHaveLength(2);
    for (const bytes of onDisk) expect(bytes.includes('Brommelsteeg')).toBe(false);

    // Swapped: each piece's id is bound to it, so one put in another's place is refused.
    renameSync(join(folder, first), join(folder, 'tijdelijk'));
    renameSync(join(folder, second), join(folder, first));
    expect(() => store.read(first)).toThrow(DAMAGED);
    // Changed by one byte.
    const sealed = readFileSync(join(folder, first));
    sealed[sealed.length - 20]! ^= 1;
    writeFileSync(join(folder, first), sealed);
    expect(() => store.read(first)).toThrow(DAMAGED);

    // Another run's store has another key: the piece a kill left is noise to it.
    const later = new StagingStore(() => dir);
    const own = later.put(WORD);
    const laterFolder = storeFolders().find((path) => path !== folder)!;
    renameSync(join(folder, 'tijdelijk'), join(laterFolder, own));
    expect(() => later.read(own)).toThrow(DAMAGED);

    store.clear();
    later.clear();
    expect(existsSync(folder)).toBe(false);
    expect(storeFolders()).toEqual([]);
  });
});
