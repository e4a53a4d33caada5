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
import { dispatch, toApiError } from '../api/handlers';
import { MAX_STAGED_BYTES, type Session } from '../api/session';
import { originalFile } from '../sources/original-file';
import { getDownload } from '../merge/session-files';
import { keptReport } from '../reports/generate';
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

export async function startBrowserHost(
  session: Session,
  options: { port?: number; rendererDir: string },
): Promise<BrowserHost> {
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
  session: Session,
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

async function handleCall(session: Session, name: string, request: IncomingMessage, response: ServerResponse) {
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
  const result = await dispatch(session, name, input);
  sendJson(response, result.ok ? 200 : (STATUS_BY_ERROR_CODE[result.error.code] ?? 500), result);
}

async function handleStage(session: Session, url: URL, request: IncomingMessage, response: ServerResponse) {
  const fileName = url.searchParams.get('name') ?? '';
  let bytes: Buffer;
  try {
    bytes = await readBody(request, MAX_STAGED_BYTES);
  } catch (error) {
    return sendJson(response, 413, { ok: false, error: toApiError(error) });
  }
  const result = await dispatch(session, 'files.stage', { fileName, bytes: new Uint8Array(bytes) });
  sendJson(response, result.ok ? 200 : (STATUS_BY_ERROR_CODE[result.error.code] ?? 500), result);
}

/** Progress of long jobs as server-sent events. */
function handleEvents(session: Session, request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': verbonden\n\n');
  const unsubscribe = session.onProgress((progress) => {
    response.write(`data: ${JSON.stringify({ type: 'progress', ...progress })}\n\n`);
  });
  const heartbeat = setInterval(() => response.write(': hartslag\n\n'), 15_000);
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

function handleDownload(session: Session, what: string, response: ServerResponse) {
  const report = /^report\/([0-9a-f-]{36})$/.exec(what);
  if (report) return sendReport(session, report[1]!, response);
  const bundle = /^bundle\/([0-9a-f-]{36})$/.exec(what);
  const download = bundle ? getDownload(session, bundle[1]!) : undefined;
  if (bundle && !download) return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'Deze bundel is niet (meer) beschikbaar.' } });
  if (download) {
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      'Content-Length': download.bytes.byteLength,
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(download.bytes);
    return;
  }
  const match = /^original\/([0-9a-f-]{36})$/.exec(what);
  if (!match) return sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'Onbekende download.' } });
  const { fileName, data } = originalFile(session.requireStudy(), match[1]!);
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Content-Length': data.byteLength,
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(data);
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

/** Kept files are Word drafts, or exports (`exchange.export`) of other types. */
const KEPT_TYPES: Array<[RegExp, string]> = [
  [/\.xlsx$/i, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/\.(qdpx|qdc)$/i, 'application/octet-stream'],
];

/** A report draft generated in this session (`report.generate`), as a Word download, or a kept export. */
function sendReport(session: Session, id: string, response: ServerResponse): void {
  let report;
  try {
    report = keptReport(session, id);
  } catch (error) {
    return sendJson(response, 404, { ok: false, error: toApiError(error) });
  }
  response.writeHead(200, {
    'Content-Type': KEPT_TYPES.find(([pattern]) => pattern.test(report.fileName))?.[1] ?? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
    'Content-Length': report.data.byteLength,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  response.end(report.data);
}
