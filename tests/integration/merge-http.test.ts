/** Bundles through the browser host: export as a download, stage it elsewhere, preview and apply over HTTP. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../backend/api/session';
import { startBrowserHost, type BrowserHost } from '../../backend/host/http-server';
import { createCodings } from '../../backend/coding/codings';
import { createStudy } from '../../backend/study/setup';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, PASSPHRASE, TEAM_SETUP, TEST_WORK_FACTOR } from '../property/merge-kit';

const dir = tempDir('veldwerk-merge-http-');
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Veldwerk</title>');

let hosts: BrowserHost[] = [];
let sessions: Session[] = [];
let annaUrl: string;
let leadUrl: string;
let annaToken: string;
let leadToken: string;

beforeAll(async () => {
  process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N = String(TEST_WORK_FACTOR);
  const lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
  const sourceId = await addTextSource(lead, dir, 'Jeugdige: ik weet niet wie mijn jeugdbeschermer is.');
  const anna = copyFor(lead, dir, 'AA', 'anna');
  createCodings(anna, [{ sourceId, codeId: codeId(anna, 'contact'), start: 0, end: 10, valence: 'negatief', note: '', quotable: false }], 'Coderen');
  const paths = [anna.path, lead.path];
  anna.close();
  lead.close();
  for (const path of paths) {
    const session = new Session({ kind: 'browser', fixedStudyPath: path, demoStudyPath: () => join(dir, 'demo.veldwerk') });
    session.openPath(path);
    sessions.push(session);
    hosts.push(await startBrowserHost(session, { rendererDir }));
  }
  annaUrl = `http://127.0.0.1:${hosts[0]!.port}`;
  leadUrl = `http://127.0.0.1:${hosts[1]!.port}`;
  annaToken = hosts[0]!.token;
  leadToken = hosts[1]!.token;
});

afterAll(async () => {
  delete process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N;
  for (const host of hosts) await host.close();
  for (const session of sessions) session.close();
  hosts = [];
  sessions = [];
});

async function callApi(base: string, token: string, name: string, input: unknown) {
  const response = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'x-veldwerk-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: any; error?: { message: string } };
}

describe('bundles over the browser host', () => {
  it('exports a download, which another copy stages, previews and applies', async () => {
    const exported = await callApi(annaUrl, annaToken, 'bundle.export', { passphrase: PASSPHRASE });
    expect(exported.ok).toBe(true);
    expect(exported.value.path).toBeNull();
    const path = `/api/download/bundle/${exported.value.downloadId}`;
    const link = await fetch(`${annaUrl}/api/download-link`, { method: 'POST', headers: { 'x-veldwerk-token': annaToken }, body: JSON.stringify({ path }) });
    const { href } = ((await link.json()) as { value: { href: string } }).value;
    expect(href).not.toContain(annaToken);
    const download = await fetch(`${annaUrl}${href}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('.vwbundle');
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.byteLength).toBe(exported.value.bytes);
    expect((await fetch(`${annaUrl}/api/download/bundle/${exported.value.downloadId}`)).status).toBe(401);
    expect((await fetch(`${annaUrl}${href}`)).status).toBe(404);
    expect((await fetch(`${annaUrl}/api/download/bundle/00000000-0000-4000-8000-000000000000`, { headers: { 'x-veldwerk-token': annaToken } })).status).toBe(404);

    const staged = await fetch(`${leadUrl}/api/stage?name=anna.vwbundle`, { method: 'POST', headers: { 'x-veldwerk-token': leadToken }, body: bytes });
    const { value: stagedFile } = (await staged.json()) as { value: { stagedId: string } };
    const preview = await callApi(leadUrl, leadToken, 'bundle.preview', { stagedId: stagedFile.stagedId, passphrase: PASSPHRASE });
    expect(preview.value.perKind.codings.new).toBe(1);
    const applied = await callApi(leadUrl, leadToken, 'bundle.apply', { stagedId: stagedFile.stagedId, passphrase: PASSPHRASE });
    expect(applied.ok).toBe(true);
    expect(applied.value.applied).toBeGreaterThan(0);
    const status = await callApi(leadUrl, leadToken, 'merge.status', {});
    expect(status.value.backupPath).toBe(applied.value.backupPath);
    const undone = await callApi(leadUrl, leadToken, 'merge.undo', {});
    expect(undone.ok).toBe(true);
    expect((await callApi(leadUrl, leadToken, 'merge.status', {})).value.backupPath).toBeNull();
  });
});
