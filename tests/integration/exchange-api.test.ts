/**
 * Exchange through the API, as the app uses it: an export is kept and
 * downloaded from the browser host (the report drafts' route) or saved
 * through the desktop host's save dialog; a staged project is imported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { startBrowserHost, type BrowserHost } from '../../backend/host/http-server';
import type { ExchangeExported, ImportPreview, QdpxImportResult } from '../../shared/api/types';
import { codedExchangeStudy } from '../helpers/coded-study';
import { schemaErrors, unzipWithInfoZip } from '../helpers/refi';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles, fakeWorker, withWorkerDir } from '../helpers/worker-bundles';
import { measureLoop } from '../helpers/event-loop';
import { exportFile } from '../../backend/exchange/exchange';
import { exportFileInWorker } from '../../backend/exchange/exchange-thread';

const dir = tempDir('veldwerk-exchange-api-');
const closers: Array<() => unknown> = [];
beforeAll(() => ensureWorkerBundles(), 120_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

function download(host: BrowserHost, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      // The session token goes in a header, never in a download's address.
      { host: '127.0.0.1', port: host.port, method: 'GET', path, headers: { host: `127.0.0.1:${host.port}`, 'x-veldwerk-token': host.token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function ok<T>(session: Session, name: string, input: unknown): Promise<T> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('exchange over the API', () => {
  it('browser host: the export is downloaded, valid, pseudonymised; a full one carries a warning', async () => {
    const { study } = await codedExchangeStudy(dir);
    const path = study.path;
    study.close();
    const session = new Session({ kind: 'browser', fixedStudyPath: path, demoStudyPath: () => path });
    session.openPath(path);
    const host = await startBrowserHost(session, { rendererDir: dir });
    closers.push(() => session.close(), () => host.close());

    const exported = await ok<ExchangeExported>(session, 'exchange.export', { kind: 'qdpx' });
    expect(exported.warning).toBeNull();
    expect(exported.fileName).toMatch(/\.qdpx$/);
    const file = await download(host, exported.downloadUrl!);
    expect(file.status).toBe(200);
    expect(file.body.byteLength).toBe(exported.size);
    expect(schemaErrors(join(unzipWithInfoZip(dir, file.body), 'project.qde'), 'Project.xsd')).toBe('');
    expect(file.body.includes(Buffer.from('Inspecteur Een'))).toBe(false);

    const table = await ok<ExchangeExported>(session, 'exchange.export', { kind: 'segments', full: true });
    expect(table.warning).toMatch(/volledige export/);
    expect(table.fileName).toMatch(/\(volledig\) - fragmenten\.xlsx$/);
    expect((await download(host, table.downloadUrl!)).type).toContain('spreadsheetml');

    const refused = await dispatch(session, 'exchange.export', { kind: 'pdf' });
    expect(refused.ok).toBe(false);
  });

  it('desktop host: saved where the user chooses; a staged project imports into another study', async () => {
    const { study } = await codedExchangeStudy(dir);
    const target = join(dir, 'gekozen.qdpx');
    const desktop = new Session({ kind: 'electron', demoStudyPath: () => study.path, chooseSavePath: async () => target });
    desktop.setStudy(study);
    closers.push(() => desktop.close());
    const exported = await ok<ExchangeExported>(desktop, 'exchange.export', { kind: 'qdpx', full: true });
    expect(exported.downloadUrl).toBeNull();
    expect(await ok<{ path: string | null }>(desktop, 'exchange.save', { exportId: exported.exportId })).toEqual({ path: target });

    const other = newTestStudy(dir);
    const importer = new Session({ kind: 'electron', demoStudyPath: () => other.path });
    importer.setStudy(other);
    closers.push(() => importer.close());
    const forPreview = importer.stage('gekozen.qdpx', readFileSync(target));
    const preview = await ok<ImportPreview>(importer, 'exchange.preview', { stagedId: forPreview.stagedId });
    expect(preview.result.codings.added).toBe(6);
    expect(preview.codes.find((code) => code.path === 'Tijdige inzet passende hulp')?.codeKey).toBe('hulp');
    expect((other.db.prepare('SELECT count(*) AS n FROM coding').get() as { n: number }).n).toBe(0);
    // The user sends "hulp" to the norm "bestuur" instead.
    const staged = importer.stage('gekozen.qdpx', readFileSync(target));
    const hulpGuid = preview.codes.find((code) => code.path === 'Tijdige inzet passende hulp')!.guid;
    const result = await ok<QdpxImportResult>(importer, 'exchange.import', { stagedId: staged.stagedId, mapping: { codes: { [hulpGuid]: 'bestuur' } } });
    expect(result.codings.added).toBe(6);
    const bestuur = other.db.prepare("SELECT count(*) AS n FROM coding k JOIN code c ON c.id = k.code_id WHERE c.key = 'bestuur'").get() as { n: number };
    expect(bestuur.n).toBe(2);

    writeFileSync(join(dir, 'kapot.qdpx'), 'geen zip');
    const broken = importer.stage('kapot.qdpx', readFileSync(join(dir, 'kapot.qdpx')));
    const failed = await dispatch(importer, 'exchange.import', { stagedId: broken.stagedId });
    expect(failed.ok ? '' : failed.error.message).toMatch(/zip-archief is beschadigd/);
  });

  it('the export is made in a worker: the same file as in-process, the calling thread free, a crash told in Dutch', async () => {
    const { study } = await codedExchangeStudy(dir);
    closers.push(() => study.close());
    const inProcess = await exportFile(study, 'segments', 'pseudonymised');
    const { result, figures } = await measureLoop(() => exportFileInWorker({ studyPath: study.path, kind: 'qdpx', mode: 'pseudonymised', codeIds: null }));
    expect(result.fileName).toMatch(/\.qdpx$/);
    expect(schemaErrors(join(unzipWithInfoZip(dir, result.data), 'project.qde'), 'Project.xsd')).toBe('');
    expect(figures.ticks).toBeGreaterThan(0);
    const table = await exportFileInWorker({ studyPath: study.path, kind: 'segments', mode: 'pseudonymised', codeIds: null });
    expect(table.fileName).toBe(inProcess.fileName);
    const crashed = await withWorkerDir(fakeWorker(dir, 'exchange-worker.mjs', 'stopt', 'process.exit(3);'), () =>
      exportFileInWorker({ studyPath: study.path, kind: 'qdpx', mode: 'full', codeIds: null }).then(() => null, (error: Error) => error.message),
    );
    expect(crashed).toMatch(/export is onverwacht afgebroken/);
  });
});
