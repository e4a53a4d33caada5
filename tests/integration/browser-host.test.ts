import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../backend/api/session';
import { startBrowserHost, type BrowserHost } from '../../backend/host/http-server';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir();
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Veldwerk</title>');
writeFileSync(join(dir, 'geheim.txt'), 'buiten de renderer');

let host: BrowserHost;
let session: Session;

beforeAll(async () => {
  session = new Session({ kind: 'browser', fixedStudyPath: join(dir, 'web.veldwerk'), demoStudyPath: () => join(dir, 'demo.veldwerk') });
  host = await startBrowserHost(session, { rendererDir });
});
afterAll(async () => {
  await host.close();
  session.close();
});

/** A raw HTTP request, so that Host and Origin can be set freely. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = (headers: Record<string, string> = {}) => ({ 'x-veldwerk-token': host.token, 'content-type': 'application/json', ...headers });

describe('browser host', () => {
  it('listens on 127.0.0.1 and prints a URL with its token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=${host.token}$`));
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
    expect((await send({ path: '/../geheim.txt' })).status).toBe(404);
    expect((await send({ path: '/%2e%2e/geheim.txt' })).status).toBe(404);
  });

  it('rejects API calls without the token (401)', async () => {
    const response = await send({ method: 'POST', path: '/api/call/session.state', body: '{}' });
    expect(response.status).toBe(401);
    const wrong = await send({ method: 'POST', path: '/api/call/session.state', headers: { 'x-veldwerk-token': 'x'.repeat(43) }, body: '{}' });
    expect(wrong.status).toBe(401);
  });

  it('rejects a foreign Host (DNS rebinding) and a foreign Origin (403)', async () => {
    expect((await send({ method: 'POST', path: '/api/call/session.state', headers: withToken({ host: 'evil.example:80' }), body: '{}' })).status).toBe(403);
    expect((await send({ method: 'POST', path: '/api/call/session.state', headers: withToken({ origin: 'http://evil.example' }), body: '{}' })).status).toBe(403);
  });

  it('answers calls through the contract, with Dutch errors for bad input', async () => {
    const state = await send({ method: 'POST', path: '/api/call/session.state', headers: withToken(), body: '{}' });
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body)).toMatchObject({ ok: true, value: { host: 'browser', study: null } });

    const unknown = await send({ method: 'POST', path: '/api/call/bestaat.niet', headers: withToken(), body: '{}' });
    expect(JSON.parse(unknown.body).error.message).toContain('Onbekende opdracht');

    const invalid = await send({ method: 'POST', path: '/api/call/study.create', headers: withToken(), body: '{"name":""}' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toMatch(/Ongeldige invoer/);

    const noStudy = await send({ method: 'POST', path: '/api/call/sources.list', headers: withToken(), body: '{}' });
    expect(noStudy.status).toBe(409);
    expect(JSON.parse(noStudy.body).error.message).toBe('Er is geen onderzoek geopend.');

    const garbage = await send({ method: 'POST', path: '/api/call/session.state', headers: withToken(), body: '{niet json' });
    expect(garbage.status).toBe(400);
  });

  it('creates the study at its fixed path, stages an upload and imports it, reporting progress', async () => {
    const created = await send({
      method: 'POST',
      path: '/api/call/study.create',
      headers: withToken(),
      body: JSON.stringify({ name: 'Webronde', institutions: ['GI Web'], inspectors: [{ name: 'Web Inspecteur', initials: 'WI' }] }),
    });
    expect(JSON.parse(created.body).value.studyPath).toBe(join(dir, 'web.veldwerk'));
    const institutionId = JSON.parse(created.body).value.institutions[0].id;

    const progress: string[] = [];
    const events = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: withToken({ host: `127.0.0.1:${host.port}` }) }, (res) =>
      res.on('data', (chunk: Buffer) => progress.push(chunk.toString())),
    );
    events.end();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const staged = await send({
      method: 'POST',
      path: `/api/stage?name=${encodeURIComponent('verslag ouders.txt')}`,
      headers: withToken({ 'content-type': 'application/octet-stream' }),
      body: Buffer.from('De ouders zijn geïnformeerd.'),
    });
    const { stagedId } = JSON.parse(staged.body).value;
    const imported = await send({
      method: 'POST',
      path: '/api/call/sources.import',
      headers: withToken(),
      body: JSON.stringify({ stagedIds: [stagedId], meta: { institutionId, sourceType: 'interview', role: 'ouder' }, jobId: 'job-1' }),
    });
    expect(JSON.parse(imported.body).value).toEqual([expect.objectContaining({ status: 'imported', title: 'verslag ouders' })]);
    events.destroy();
    expect(progress.join('')).toContain('"jobId":"job-1"');

    const download = await send({ path: `/api/download/original/${JSON.parse(imported.body).value[0].sourceId}?token=${host.token}` });
    expect(download.body).toBe('De ouders zijn geïnformeerd.');
  });
});

describe('framework edits over the browser host', () => {
  it('renames, recolours and redefines a code through code.update', async () => {
    const codes = JSON.parse((await send({ method: 'POST', path: '/api/call/framework.list', headers: withToken(), body: '{}' })).body).value;
    const contact = codes.find((code: { key: string }) => code.key === 'contact');
    const updated = await send({
      method: 'POST',
      path: '/api/call/code.update',
      headers: withToken(),
      body: JSON.stringify({ id: contact.id, name: 'Contact met de jeugdige', color: '#112233', definition: 'Nieuwe definitie.' }),
    });
    expect(updated.status).toBe(200);
    expect(JSON.parse(updated.body).value).toMatchObject({ key: 'contact', name: 'Contact met de jeugdige', color: '#112233', definition: 'Nieuwe definitie.' });
  });
});
