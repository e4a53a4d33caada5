/**
 * The browser host's per-run token. It arrives once in the page address
 * (`?token=…`), is kept in sessionStorage for reloads, and is then removed from
 * the address bar so it does not linger in history or screenshots.
 */
const STORAGE_KEY = 'veldwerk.token';

export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
