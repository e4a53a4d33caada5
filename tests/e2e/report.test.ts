/**
 * The report dialog as a report writer meets it, on the demo study in a real
 * browser through the browser host: the outline with its counts follows the
 * choices, a draft is made with a progress bar and downloaded as Word file.
 *
 * The app shell decides where the dialog opens (a button or menu item). When
 * the shell has no such button, the dialog is mounted on its own page, built
 * here with esbuild and served by the same browser host, so it is tested
 * either way.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Session } from '../../backend/api/session';
import { ensureDemoStudy } from '../../backend/demo/demo-study';
import { startBrowserHost, type BrowserHost } from '../../backend/host/http-server';
import { startServe } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { launchChromium } from './browser';

const root = resolve(__dirname, '../..');
const dir = tempDir('veldwerk-e2e-report-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A page with only the report dialog, on the renderer's own code and styles. */
async function buildHarness(outDir: string): Promise<void> {
  const entry = join(dir, 'harness.tsx');
  writeFileSync(
    entry,
    `import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import ${JSON.stringify(join(root, 'renderer/app/base.css'))};
import ${JSON.stringify(join(root, 'renderer/ui/controls.css'))};
import { ReportDialog } from ${JSON.stringify(join(root, 'renderer/reports/ReportDialog'))};
import { useSession } from ${JSON.stringify(join(root, 'renderer/study/session-store'))};
function Harness() {
  const session = useSession((store) => store.session);
  const [open, setOpen] = useState(true);
  useEffect(() => { void useSession.getState().load(); }, []);
  if (!session) return <p>laden</p>;
  return open ? <ReportDialog onClose={() => setOpen(false)} /> : <p data-testid="closed">gesloten</p>;
}
createRoot(document.getElementById('root')!).render(<Harness />);
`,
  );
  await build({
    entryPoints: { harness: entry },
    bundle: true,
    outdir: outDir,
    format: 'esm',
    jsx: 'automatic',
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Rapport</title><link rel="stylesheet" href="/harness.css"></head><body><div id="root"></div><script type="module" src="/harness.js"></script></body></html>',
  );
}

async function exerciseDialog(page: Page): Promise<void> {
  const dialog = page.getByTestId('report-dialog');
  await dialog.waitFor();
  const outline = page.getByTestId('report-outline');
  await outline.getByText('Betekenisvol contact').waitFor({ timeout: 30_000 });
  await expect(outline.getByText(/citaten/).first().isVisible()).resolves.toBe(true);

  // Leaving out a chapter shows in the outline; so does the appendix.
  await dialog.getByRole('checkbox', { name: 'Oorzaken' }).uncheck();
  await expect.poll(async () => outline.getByText('Oorzaken', { exact: true }).count(), { timeout: 10_000 }).toBe(0);
  await dialog.getByRole('checkbox', { name: /Verantwoording/ }).check();
  await outline.getByText('Bijlage: verantwoording (intern)').waitFor();

  await page.getByTestId('report-generate').click();
  await page.getByTestId('report-progress').waitFor();
  const download = page.getByRole('link', { name: 'Downloaden' });
  await download.waitFor({ timeout: 90_000 });
  const href = await download.getAttribute('href');
  expect(href).toMatch(/^\/api\/download\/report\/[0-9a-f-]{36}\?token=/);
  const fetched = await page.evaluate(async (address) => {
    const response = await fetch(address!);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), start: String.fromCharCode(bytes[0]!, bytes[1]!), size: bytes.length };
  }, href);
  expect(fetched).toMatchObject({ status: 200, start: 'PK' });
  expect(fetched.type).toContain('wordprocessingml');
  expect(fetched.size).toBeGreaterThan(50_000);
}

describe('report dialog end to end', () => {
  it('makes a draft and offers it for download (the dialog on its own page)', async () => {
    const harnessDir = join(dir, 'harness');
    await buildHarness(harnessDir);
    const demo = join(dir, 'demo.veldwerk');
    await ensureDemoStudy(demo);
    const session = new Session({ kind: 'browser', fixedStudyPath: demo, demoStudyPath: () => demo });
    session.openPath(demo);
    let host: BrowserHost | null = null;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      host = await startBrowserHost(session, { rendererDir: harnessDir });
      await page.goto(host.url);
      await exerciseDialog(page);
      await page.screenshot({ path: process.env.VELDWERK_SCREENSHOT_DIR ? join(process.env.VELDWERK_SCREENSHOT_DIR, 'rapportvenster.png') : join(dir, 'rapportvenster.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await host?.close();
      session.close();
    }
  });

  it('opens from the app itself, where the shell offers it', async (context) => {
    const server = startServe(['--demo'], { VELDWERK_HOME: join(dir, 'home') });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(await server.url);
      await page.getByTestId('source-list').waitFor({ timeout: 60_000 });
      const opener = page.getByRole('button', { name: /rapport/i }).first();
      if ((await opener.count()) === 0) return context.skip('de app heeft (nog) geen knop voor het rapportvenster');
      await opener.click();
      await exerciseDialog(page);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
