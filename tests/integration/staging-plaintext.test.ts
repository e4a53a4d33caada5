/**
 * Issue 11, item 4: bytes that are not yet part of the study are never
 * readable on disk. Uploads through the browser host (`veldwerk serve`, a
 * child process, over HTTP) of a .txt, a .docx, a .pdf and a dossier zip
 * (written by Python's zipfile) whose texts carry a word found nowhere else:
 * while staged, while a zip waits unpacked for confirmation, after discard,
 * after import, and after the host is killed with files staged, no file in
 * the temporary folder (written since the test began) or the study's folder
 * holds the word, as it is or unpacked (zip entries, PDF streams). The
 * sealed pieces the kill left behind are removed at the next start.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchPreview, ImportOutcome } from '../../shared/api/types';
import { makeDocx, makePdf } from '../fixtures/make-files';
import { startServe, veldwerk } from '../helpers/cli';
import { filesHolding, filesUnder, holdsWord } from '../helpers/plaintext-scan';
import { tempDir } from '../helpers/temp-study';

const since = Date.now() - 1000;
const studyDir = join(tempDir('veldwerk-klaarzetten-'), 'onderzoek');
mkdirSync(studyDir);
const studyPath = join(studyDir, 'ronde.veldwerk');
/** An invented word, new on every run, that only the uploads carry. */
const WORD = `Plompverdiept${randomBytes(4).toString('hex')}`;
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const text = (n: number) => `Verslag ${n}\n\nDe jeugdige vertelde over ${WORD} en over school, deel ${n}.\n`;

/** A dossier zip made in memory by Python's zipfile (deflated), never written to disk here. */
function pythonZip(entries: Record<string, string>): Buffer {
  const script = `import sys,json,zipfile,io
b=io.BytesIO(); z=zipfile.ZipFile(b,'w',zipfile.ZIP_DEFLATED)
for n,t in json.load(sys.stdin).items(): z.writestr(n,t)
z.close(); sys.stdout.buffer.write(b.getvalue())`;
  return execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(entries) });
}

const dossierZip = (n: number) =>
  pythonZip({ [`Export ${n}/Gesprekken/gesprek-${n}.txt`]: text(100 + n), [`Export ${n}/notitie-${n}.txt`]: text(200 + n), [`Export ${n}/Dossier/verslag-${n}.txt`]: text(300 + n) });

/** Files holding the word: in the temporary folder (written since the test began) and in the study's folder. */
async function leaks(): Promise<string[]> {
  return filesHolding([...new Set([...filesUnder(tmpdir(), since), ...filesUnder(studyDir)])], WORD);
}

const stagingFolders = () => readdirSync(studyDir).filter((name) => name.startsWith('.veldwerk-staging-'));
const sealedPieces = () => stagingFolders().flatMap((name) => readdirSync(join(studyDir, name)));

/** One POST on a connection of its own (a reused keep-alive connection may be closed by the host while a scan runs). */
function post(url: string, headers: Record<string, string>, body: Buffer): Promise<{ ok: boolean; value: any; error?: { message: string } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers, agent: false }, async (response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function host() {
  const served = startServe([studyPath]);
  const url = new URL(await served.url);
  const headers = { 'x-veldwerk-token': url.searchParams.get('token')! };
  const expectOk = <T>(result: { ok: boolean; value: T; error?: { message: string } }): T => {
    expect(result.ok, result.error?.message).toBe(true);
    return result.value;
  };
  return {
    ...served,
    async stage(name: string, bytes: Buffer): Promise<string> {
      return expectOk<{ stagedId: string }>(await post(`${url.origin}/api/stage?name=${encodeURIComponent(name)}`, headers, bytes)).stagedId;
    },
    async call<T>(name: string, input: unknown): Promise<T> {
      return expectOk<T>(await post(`${url.origin}/api/call/${name}`, { ...headers, 'content-type': 'application/json' }, Buffer.from(JSON.stringify(input))));
    },
  };
}

describe('nothing staged is readable on disk', () => {
  it('while staged, unpacked, discarded, imported and after a kill; the next start removes what the kill left', async () => {
    const init = veldwerk(['init', studyPath, '--name', 'Ronde klaarzetten']);
    expect(init.code, init.stderr).toBe(0);
    const files = { txt: Buffer.from(text(1)), docx: await makeDocx([{ text: text(2) }]), pdf: await makePdf([[`Beleid over ${WORD}, deel 3.`]]) };
    const zips = [dossierZip(1), dossierZip(2), dossierZip(3)];
    // The search would find each upload as it is on disk, however packed.
    for (const bytes of [...Object.values(files), ...zips]) expect(await holdsWord(bytes, WORD)).toBe(true);

    const first = await host();
    try {
      const institution = await first.call<{ id: string }>('institution.create', { name: 'GI Noord' });
      const meta = { institutionId: institution.id, sourceType: 'overig' };
      const single = [await first.stage('verslag.txt', files.txt), await first.stage('notitie.docx', files.docx), await first.stage('beleid.pdf', files.pdf)];
      const zip = await first.stage('Export GI Noord.zip', zips[0]!);
      expect(sealedPieces().length).toBe(4);
      expect(await leaks()).toEqual([]);

      const preview = await first.call<BatchPreview>('batch.preview', { stagedIds: [zip], chooseFolder: false });
      expect(preview.rows).toHaveLength(3);
      expect(sealedPieces().length).toBe(4 + 3);
      expect(await leaks()).toEqual([]);
      await first.call('batch.discard', { batchId: preview.batchId });
      expect(sealedPieces().length).toBe(3);
      expect(await leaks()).toEqual([]);

      const imported = await first.call<ImportOutcome[]>('sources.import', { stagedIds: single, meta });
      expect(imported.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'imported']);
      expect(sealedPieces()).toEqual([]);
      expect(await leaks()).toEqual([]);

      const second = await first.call<BatchPreview>('batch.preview', { stagedIds: [await first.stage('Export GI Zuid.zip', zips[1]!)], chooseFolder: false });
      const rows = second.rows.map((row) => ({ rowId: row.rowId, meta: { ...meta, title: row.title } }));
      const outcomes = await first.call<ImportOutcome[]>('batch.import', { batchId: second.batchId, rows });
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'imported']);
      expect(sealedPieces()).toEqual([]);
      // In the study, and only there: encrypted.
      const found = await first.call<{ hits: unknown[] }>('search', { query: WORD, limit: 20 });
      expect(found.hits.length).toBeGreaterThan(0);
      expect(await leaks()).toEqual([]);
    } finally {
      await first.stop();
    }
    expect(stagingFolders()).toEqual([]);

    const killed = await host();
    try {
      await killed.stage('laatste.txt', Buffer.from(text(4)));
      await killed.call<BatchPreview>('batch.preview', { stagedIds: [await killed.stage('Export GI West.zip', zips[2]!)], chooseFolder: false });
    } finally {
      await killed.kill();
    }
    // What the kill left: sealed pieces nobody can read any more.
    expect(sealedPieces().length).toBe(2 + 3);
    expect(await leaks()).toEqual([]);

    const next = await host();
    try {
      expect(stagingFolders()).toEqual([]);
    } finally {
      await next.stop();
    }
    expect(await leaks()).toEqual([]);
  }, 180_000);
});
