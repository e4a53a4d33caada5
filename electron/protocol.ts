/**
 * The `app://veldwerk/` scheme: serves the renderer build from dist/renderer
 * only, with the Content-Security-Policy on every response.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveRendererFile, responseHeaders } from './protocol-paths';
import { APP_SCHEME } from './security';

/** Must run before the app is ready. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and an origin of their own; secure: like https. No bypassCSP, no CORS.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

/** Serve `app://veldwerk/...` from `rendererRoot` (for the default session). */
export function handleAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Niet toegestaan');
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return plain(404, 'Niet gevonden');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Niet gevonden');
    }
    const bytes = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
    return new Response(request.method === 'HEAD' ? null : bytes, {
      status: 200,
      headers: responseHeaders(contentTypeFor(file)),
    });
  });
}
