/**
 * The backend service behind a message transport (backend/service/), run in a
 * worker thread as `veldwerk serve` runs it: calls and downloads through the
 * browser host reach the same handlers, study-changed and progress come back
 * pushed, host requests (a save dialog) are answered by the host, and
 * stopping waits for a running import.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServiceWorker } from '../../backend/service/service-client';
import { startBrowserHost } from '../../backend/host/http-server';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { newTestStudy, tempDir, SMALL_SETUP } from '../helpers/temp-study';
import { ensureWorkerBundles } from '../helpers/worker-bundles';

const dir = tempDir('veldwerk-service-');
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Veldwerk</title>');

beforeAll(() => ensureWorkerBundles(), 120_000);

function textFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the backend service in a worker thread', () => {
  it('answers the browser host: calls, pushed changes and downloads', async () => {
    const study = newTestStudy(dir);
    const path = study.path;
    const institutionId = study.institutions()[0]!.id;
    study.close();
    const service = await startServiceWorker({ kind: 'browser', fixedStudyPath: path, demoStudyPath: join(dir, 'demo.veldwerk') }, path);
    expect(service.openError).toBeNull();
    const host = await startBrowserHost(service.client, { rendererDir });
    const events: StudyChangedEvent[] = [];
    service.client.onStudyChanged((event) => events.push(event));
    const call = async (name: string, input: unknown) => {
      const response = await fetch(`http://127.0.0.1:${host.port}/api/call/${name}`, {
        method: 'POST',
        headers: { 'x-veldwerk-token': host.token, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean; value?: any; error?: { message: string } } };
    };
    try {
      const original = 'Jeugdige: mijn voogd komt elke maand langs en vraagt hoe het op school gaat.';
      const staged = await fetch(`http://127.0.0.1:${host.port}/api/stage?name=gesprek.txt`, {
        method: 'POST',
        headers: { 'x-veldwerk-token': host.token, 'content-type': 'application/octet-stream' },
        body: original,
      }).then((response) => response.json() as Promise<{ value: { stagedId: string } }>);
      const imported = await call('sources.import', { stagedIds: [staged.value.stagedId], meta: { institutionId, sourceType: 'interview' } });
      expect(imported.body.ok, JSON.stringify(imported.body)).toBe(true);
      const sourceId = imported.body.value[0].sourceId as string;
      expect(events.at(-1)).toMatchObject({ type: 'study-changed', entities: ['source'], reopened: false });
      expect(typeof events.at(-1)!.actionId).toBe('string');

      const download = await fetch(`http://127.0.0.1:${host.port}/api/download/original/${sourceId}`, { headers: { 'x-veldwerk-token': host.token } });
      expect(download.status).toBe(200);
      expect(await download.text()).toBe(original);
      const missing = await fetch(`http://127.0.0.1:${host.port}/api/download/report/${crypto.randomUUID()}`, { headers: { 'x-veldwerk-token': host.token } });
      expect(missing.status).toBe(404);

      const refused = await call('verzonnen.opdracht', {});
      expect(refused.status).toBe(400);
      expect(refused.body.error!.message).toBe('Onbekende opdracht "verzonnen.opdracht".');
    } finally {
      await host.close();
      await service.stop();
    }
    const reopened = Study.open(path);
    expect(reopened.db.prepare("SELECT count(*) FROM action WHERE call = 'sources.import'").pluck().get()).toBe(1);
    reopened.close();
  });

  it('asks the host for a save dialog and uses its answer', async () => {
    const path = join(dir, 'dialoog.veldwerk');
    createStudy(path, SMALL_SETUP).close();
    const target = join(dir, 'kopie-IE.veldwerk');
    const asked: unknown[][] = [];
    const service = await startServiceWorker(
      {
        kind: 'electron',
        demoStudyPath: join(dir, 'demo.veldwerk'),
        requests: {
          chooseSavePath: async (...args) => {
            asked.push(args);
            return target;
          },
        },
      },
      path,
    );
    try {
      const result = await service.client.call('study.copyForInspector', { initials: 'IE' });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect(asked).toEqual([['dialoog-IE.veldwerk', 'study']]);
      expect(existsSync(target)).toBe(true);
    } finally {
      await service.stop();
    }
  });

  it('stops only after a running import finished', async () => {
    const study = newTestStudy(dir);
    const path = study.path;
    const institutionId = study.institutions()[0]!.id;
    study.close();
    const service = await startServiceWorker({ kind: 'cli', demoStudyPath: join(dir, 'demo.veldwerk') }, path);
    const files = Array.from({ length: 5 }, (_, index) =>
      textFile(`stop-${index}.txt`, `Verslag ${index}: de gedragswetenschapper besprak het veiligheidsplan met moeder.\n`.repeat(50)),
    );
    const staged = await Promise.all(
      files.map((file) => service.client.call('files.stage', { fileName: 'verslag.txt', bytes: new Uint8Array(readFileSync(file)) })),
    );
    const stagedIds = staged.map((result) => (result as { value: { stagedId: string } }).value.stagedId);
    const importing = service.client.call('sources.import', { stagedIds, meta: { institutionId, sourceType: 'interview' } });
    await service.stop();
    const result = await importing;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const reopened = Study.open(path);
    expect(reopened.db.prepare('SELECT count(*) FROM source WHERE deleted = 0').pluck().get()).toBe(5);
    reopened.close();
  });
});
