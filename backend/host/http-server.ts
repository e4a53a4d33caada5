/**
 * The browser host: the renderer build and the backend's handlers over HTTP,
 * for driving the real UI in a browser (e2e tests, machines without the
 * Electron runtime). Listens on 127.0.0.1 only; every API request must carry
 * this run's random token, and requests with a foreign Host or Origin are
 * refused (DNS rebinding, cross-site requests).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { toApiError } from '../api/handlers';
import { MAX_STAGED_BYTES, Session } from '../api/session';
import { inProcessBackend, type BackendPort } from '../api/backend-port';
import { UserError } from '../errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

const MAX_JSON_BYTES = 5 * 1024 * 1024;


const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const STATUS_BY_ERROR_CODE: Record<string, number> = {
  'invalid-input': 400,
  'no-study': 409,
  conflict: 409,
  'not-found': 404,
  rejected: 422,
  internal: 500,
};

export interface BrowserHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serve `backend`: a session in this thread, or the backend service behind a
 * message transport (see backend/service/), which `veldwerk serve` uses.
 */
export async function startBrowserHost(
  backend: Session | BackendPort,
  options: { port?: number; rendererDir: string },
): Promise<BrowserHost> {
  const session = backend instanceof Session ? inProcessBackend(backend) : backend;
  const token = randomBytes(32).toString('base64url');
  const server = createServer((request, response) => {
    handleRequest(session, options.rendererDir, token, server, request, response).catch((error) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: toApiError(error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handleRequest(
  session: BackendPort,
  rendererDir: string,
  token: string,
  server: Server,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const port = (server.address() as { port: number }).port;
  if (!isOwnHost(request, port) || !isOwnOrigin(request, port)) {
    return sendJson(response, 403, { ok: false, error: { code: 'rejected', message: 'Verzoek van een andere herkomst geweigerd.' } });
  }
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  if (!url.pathname.startsWith('/api/')) return serveStatic(rendererDir, url.pathname, request, response);

  const offered = request.headers['x-veldwerk-token'] ?? (isDownload(url) ? url.searchParams.get('token') : null);
  if (typeof offered !== 'string' || !tokensMatch(offered, token)) {
    return sendJson(response, 401, { ok: false, error: { code: 'rejected', message: 'Geen of een ongeldig toegangstoken.' } });
  }
  const { pathname } = url;
  if (request.method === 'POST' && pathname.startsWith('/api/call/')) {
    return handleCall(session, decodeURIComponent(pathname.slice('/api/call/'.length)), request, response);
  }
  if (request.method === 'POST' && pathname === '/api/stage') return handleStage(session, url, request, response);
  if (request.method === 'GET' && pathname === '/api/events') return handleEvents(session, request, response);
  if (request.method === 'GET' && isDownload(url)) {
    return handleDownload(session, pathname.slice('/api/download/'.length), response);
  }
  return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'Onbekend adres.' } });
}

async function handleCall(session: BackendPort, name: string, request: IncomingMessage, response: ServerResponse) {
  if (name === 'files.stage') {
    return sendJson(response, 400, { ok: false, error: { code: 'invalid-input', message: 'Gebruik /api/stage voor bestanden.' } });
  }
  let input: unknown;
  try {
    const body = await readBody(request, MAX_JSON_BYTES);
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch (error) {
    const message = error instanceof UserError ? error.message : 'De invoer is geen geldige JSON.';
    return sendJson(response, 400, { ok: false, error: { code: 'invalid-input', message } });
  }
  const result = await session.call(name, input);
  sendJson(response, result.ok ? 200 : (STATUS_BY_ERROR_CODE[result.error.code] ?? 500), result);
}

async function handleStage(session: BackendPort, url: URL, request: IncomingMessage, response: ServerResponse) {
  const fileName = url.searchParams.get('name') ?? '';
  let bytes: Buffer;
  try {
    bytes = await readBody(request, MAX_STAGED_BYTES);
  } catch (error) {
    return sendJson(response, 413, { ok: false, error: toApiError(error) });
  }
  const result = await session.call('files.stage', { fileName, bytes: new Uint8Array(bytes) });
  sendJson(response, result.ok ? 200 : (STATUS_BY_ERROR_CODE[result.error.code] ?? 500), result);
}

/** Progress of long jobs and `study-changed` after every writing call, as server-sent events. */
function handleEvents(session: BackendPort, request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': verbonden\n\n');
  const unsubscribe = session.onProgress((progress) => {
    response.write(`data: ${JSON.stringify({ type: 'progress', ...progress })}\n\n`);
  });
  const unsubscribeChanges = session.onStudyChanged((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => response.write(': hartslag\n\n'), 15_000);
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    unsubscribeChanges();
  });
}

async function handleDownload(session: BackendPort, what: string, response: ServerResponse) {
  const download = await session.download(what);
  if (!download.ok) return sendJson(response, STATUS_BY_ERROR_CODE[download.error.code] ?? 500, { ok: false, error: download.error });
  response.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
    'Content-Length': download.bytes.byteLength,
    'X-Content-Type-Options': 'nosniff',
    ...(download.noStore ? { 'Cache-Control': 'no-store' } : {}),
  });
  response.end(download.bytes);
}

async function serveStatic(rendererDir: string, pathname: string, request: IncomingMessage, response: ServerResponse) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendJson(response, 405, { ok: false, error: { code: 'invalid-input', message: 'Methode niet toegestaan.' } });
  }
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const filePath = normalize(join(rendererDir, relative));
  if (!filePath.startsWith(rendererDir + sep)) {
    return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'Niet gevonden.' } });
  }
  let data: Buffer;
  try {
    data = await readFile(filePath);
  } catch {
    return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'Niet gevonden.' } });
  }
  response.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(filePath)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : data);
}

function isDownload(url: URL): boolean {
  return url.pathname.startsWith('/api/download/');
}

function isOwnHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isOwnOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function tokensMatch(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new UserError(`De aanvraag is groter dan ${Math.round(limit / 1024 / 1024)} MB.`, 'rejected'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}
