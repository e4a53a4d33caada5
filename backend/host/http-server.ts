/**
 * The browser host: the renderer build and the backend's handlers over HTTP,
 * for driving the real UI in a browser (e2e tests, machines without the
 * Electron runtime). Listens on 127.0.0.1 only; every API request must carry
 * this run's random token, and requests with a foreign Host or Origin (or two
 * of either) are refused (DNS rebinding, cross-site requests).
 *
 * Downloads (a browser cannot put a header on them) go by one-time links: the
 * page asks POST /api/download-link {path} with its token and gets the path
 * with `?once=<key>`, good for one GET within a minute. The session token
 * itself never appears in an address, so it does not end up in the browser's
 * history, its downloads list or a proxy log.
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
  const links = new OneTimeLinks();
  const server = createServer((request, response) => {
    handleRequest(session, options.rendererDir, token, links, server, request, response).catch((error) => {
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
  links: OneTimeLinks,
  server: Server,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const port = (server.address() as { port: number }).port;
  if (!isOwnHost(request, port) || !isOwnOrigin(request, port) || hasRepeatedHeader(request, 'host') || hasRepeatedHeader(request, 'origin')) {
    return sendJson(response, 403, { ok: false, error: { code: 'rejected', message: 'Verzoek van een andere herkomst geweigerd.' } });
  }
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  // Every escape in the path must decode; a malformed one ("%zz", "%e0%a4") is the client's error, not ours.
  if (decoded(url.pathname) === null) {
    return sendJson(response, 400, { ok: false, error: { code: 'invalid-input', message: 'Het adres bevat een ongeldige %-code.' } });
  }
  if (!url.pathname.startsWith('/api/')) return serveStatic(rendererDir, url.pathname, request, response);

  const { pathname } = url;
  const once = url.searchParams.get('once');
  if (request.method === 'GET' && isDownload(url) && once !== null) {
    if (!links.take(once, pathname)) {
      return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'Deze downloadlink is al gebruikt of verlopen. Download opnieuw.' } });
    }
    return handleDownload(session, pathname.slice('/api/download/'.length), response);
  }
  const offered = request.headers['x-veldwerk-token'];
  if (typeof offered !== 'string' || !tokensMatch(offered, token)) {
    return sendJson(response, 401, { ok: false, error: { code: 'rejected', message: 'Geen of een ongeldig toegangstoken.' } });
  }
  if (request.method === 'POST' && pathname === '/api/download-link') return handleDownloadLink(links, request, response);
  if (request.method === 'POST' && pathname.startsWith('/api/call/')) {
    return handleCall(session, decoded(pathname.slice('/api/call/'.length))!, request, response);
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
    if (error instanceof BodyTooLarge) return sendTooLarge(response, error);
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
    if (error instanceof BodyTooLarge) return sendTooLarge(response, error);
    return sendJson(response, 400, { ok: false, error: toApiError(error) });
  }
  const relativePath = url.searchParams.get('path');
  const result = await session.call('files.stage', { fileName, bytes: new Uint8Array(bytes), ...(relativePath ? { relativePath } : {}) });
  sendJson(response, result.ok ? 200 : (STATUS_BY_ERROR_CODE[result.error.code] ?? 500), result);
}

/** Keys for one GET each of one download path, for a minute. */
class OneTimeLinks {
  private readonly keys = new Map<string, { path: string; expires: number }>();
  static readonly LIFETIME_MS = 60_000;

  issue(path: string): string {
    const now = Date.now();
    for (const [key, link] of this.keys) if (link.expires < now) this.keys.delete(key);
    const key = randomBytes(24).toString('base64url');
    this.keys.set(key, { path, expires: now + OneTimeLinks.LIFETIME_MS });
    return key;
  }

  take(key: string, path: string): boolean {
    const link = this.keys.get(key);
    if (!link) return false;
    this.keys.delete(key);
    return link.path === path && link.expires >= Date.now();
  }
}

const DOWNLOAD_PATH = /^\/api\/download\/(report|bundle|original)\/[0-9a-f-]{36}$/;

async function handleDownloadLink(links: OneTimeLinks, request: IncomingMessage, response: ServerResponse) {
  let path: unknown;
  try {
    path = (JSON.parse((await readBody(request, 4096)).toString('utf8')) as { path?: unknown }).path;
  } catch (error) {
    if (error instanceof BodyTooLarge) return sendTooLarge(response, error);
    path = undefined;
  }
  if (typeof path !== 'string' || !DOWNLOAD_PATH.test(path)) {
    return sendJson(response, 400, { ok: false, error: { code: 'invalid-input', message: 'Onbekende download.' } });
  }
  sendJson(response, 200, { ok: true, value: { href: `${path}?once=${links.issue(path)}` } });
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
  const relative = pathname === '/' ? 'index.html' : decoded(pathname)!.replace(/^\/+/, '');
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

/** The decoded text of a URL part, or null when one of its %-escapes is malformed. */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** A header sent more than once (Node keeps only the first Host, so a second could slip past the check). */
function hasRepeatedHeader(request: IncomingMessage, name: string): boolean {
  let count = 0;
  for (let i = 0; i < request.rawHeaders.length; i += 2) if (request.rawHeaders[i]!.toLowerCase() === name) count++;
  return count > 1;
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

class BodyTooLarge extends UserError {
  constructor(readonly limit: number) {
    super(`De aanvraag is te groot: Veldwerk neemt hier hoogstens ${Math.round(limit / 1024 / 1024)} MB aan.`, 'rejected');
  }
}

/** What is read past the limit only to let the client hear the answer (closing with unread data resets the connection). */
const DRAIN_BEYOND_LIMIT = 64 * 1024 * 1024;

/**
 * The request body up to `limit` bytes. A larger one (by Content-Length or as
 * it streams in) is refused with BodyTooLarge: the rest is read and dropped,
 * up to a cap, so that the 413 reaches the client instead of a reset.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > limit;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit + DRAIN_BEYOND_LIMIT) {
          reject(new BodyTooLarge(limit));
          request.destroy();
        }
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => (tooLarge ? reject(new BodyTooLarge(limit)) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

function sendTooLarge(response: ServerResponse, error: BodyTooLarge): void {
  sendJson(response, 413, { ok: false, error: { code: 'rejected', message: error.message } });
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
