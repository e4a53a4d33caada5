import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
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

    const path = `/api/download/original/${JSON.parse(imported.body).value[0].sourceId}`;
    const link = await send({ method: 'POST', path: '/api/download-link', headers: withToken(), body: JSON.stringify({ path }) });
    const download = await send({ path: JSON.parse(link.body).value.href });
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

/** A request written byte for byte, for what Node's client will not send (two Host headers). */
function sendRaw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the browser host with hostile requests (issue 12)', () => {
  it('answers a malformed %-escape with 400, not a stack trace', async () => {
    for (const path of ['/%zz', '/%e0%a4%a', '/api/call/session.%zzstate']) {
      const response = await send({ method: path.startsWith('/api') ? 'POST' : 'GET', path, headers: withToken(), body: path.startsWith('/api') ? '{}' : undefined });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).error.message).toBe('Het adres bevat een ongeldige %-code.');
    }
  });

  it('answers an unknown download with 404', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const what of [`original/${missing}`, `bundle/${missing}`, `report/${missing}`, 'iets-anders']) {
      expect((await send({ path: `/api/download/${what}`, headers: withToken() })).status).toBe(404);
    }
  });

  it('refuses an oversized body with 413 and a Dutch message (the connection is not reset)', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0x20);
    const response = await send({ method: 'POST', path: '/api/call/session.state', headers: withToken(), body: big });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.message).toBe('De aanvraag is te groot: Veldwerk neemt hier hoogstens 5 MB aan.');
  });

  it('refuses a second Host header', async () => {
    const request = (hosts: string[]) =>
      `POST /api/call/session.state HTTP/1.1\r\n${hosts.map((value) => `Host: ${value}\r\n`).join('')}X-Veldwerk-Token: ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`;
    expect(await sendRaw(request([`127.0.0.1:${host.port}`]))).toMatch(/^HTTP\/1\.1 200/);
    expect(await sendRaw(request([`127.0.0.1:${host.port}`, 'evil.example']))).toMatch(/^HTTP\/1\.1 (400|403)/);
  });

  it('hands out downloads only by one-time links, never with the session token in the address', async () => {
    const sources = JSON.parse((await send({ method: 'POST', path: '/api/call/sources.list', headers: withToken(), body: '{}' })).body).value;
    const path = `/api/download/original/${sources[0].id}`;
    expect((await send({ path: `${path}?token=${host.token}` })).status).toBe(401);
    const link = JSON.parse((await send({ method: 'POST', path: '/api/download-link', headers: withToken(), body: JSON.stringify({ path }) })).body).value.href as string;
    expect(link).toMatch(/\?once=[\w-]+$/);
    expect(link).not.toContain(host.token);
    expect((await send({ path: link.replace('/original/', '/bundle/') })).status).toBe(404);
    expect((await send({ path: link })).status).toBe(404);
    const fresh = JSON.parse((await send({ method: 'POST', path: '/api/download-link', headers: withToken(), body: JSON.stringify({ path }) })).body).value.href as string;
    expect((await send({ path: fresh })).status).toBe(200);
    expect((await send({ path: fresh })).status).toBe(404);
    const refused = await send({ method: 'POST', path: '/api/download-link', headers: withToken(), body: JSON.stringify({ path: '/etc/passwd' }) });
    expect(refused.status).toBe(400);
    expect((await send({ method: 'POST', path: '/api/download-link', body: JSON.stringify({ path }) })).status).toBe(401);
  });

  it('writes a copy for an inspector only where the host chooses, never at a path the page sends', async () => {
    const target = join(dir, 'elders', 'kopie.veldwerk');
    const refused = await send({ method: 'POST', path: '/api/call/study.copyForInspector', headers: withToken(), body: JSON.stringify({ initials: 'WI', targetPath: target }) });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).error.message).toMatch(/opslagvenster/);
    expect(existsSync(target)).toBe(false);
    const made = await send({ method: 'POST', path: '/api/call/study.copyForInspector', headers: withToken(), body: JSON.stringify({ initials: 'WI' }) });
    expect(JSON.parse(made.body).value.path).toBe(join(dir, 'web-WI.veldwerk'));
  });
});
