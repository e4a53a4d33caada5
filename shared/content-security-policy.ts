/**
 * The Content-Security-Policy of the renderer, the same in the desktop app
 * (app:// protocol) and the browser host (HTTP): scripts and everything else
 * only from the app itself, no eval, no plugins, no framing, no remote content.
 * Inline styles are allowed because React sets style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
