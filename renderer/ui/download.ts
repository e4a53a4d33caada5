/** Hand the user a file as a browser download (the browser host; the desktop app saves with a dialog instead). */

/** Start a download of a same-origin or blob address, as if a download link were clicked. */
export function startDownload(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Download bytes the backend made and sent as base64. */
export function downloadBase64(fileName: string, base64: string, mimeType: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  startDownload(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
