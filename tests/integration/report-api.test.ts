/**
 * Report drafts through the API: the outline, generation as a job with
 * progress, the download of the browser host and the save (and open) of the
 * desktop host. Runs on the demo study.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { ensureDemoStudy } from '../../backend/demo/demo-study';
import { startBrowserHost, type BrowserHost } from '../../backend/host/http-server';
import type { ReportGenerated, ReportSaved } from '../../shared/api/types';
import { FIXED_CHAPTERS, type ReportOutline } from '../../shared/report-model';
import type { JobProgress } from '../../shared/api/types';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-report-api-');
const demo = join(dir, 'demo.veldwerk');
let host: BrowserHost;
let browser: Session;

beforeAll(async () => {
  await ensureDemoStudy(demo);
  browser = new Session({ kind: 'browser', fixedStudyPath: demo, demoStudyPath: () => demo });
  browser.openPath(demo);
  host = await startBrowserHost(browser, { rendererDir: dir });
}, 120_000);

afterAll(async () => {
  await host?.close();
  browser?.close();
});

function http(method: string, path: string, body?: unknown) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method,
        path,
        headers: { host: `127.0.0.1:${host.port}`, 'x-veldwerk-token': host.token, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const response = await http('POST', `/api/call/${name}`, input);
  const parsed = JSON.parse(response.body.toString('utf8')) as { ok: boolean; value: T; error?: { message: string } };
  if (!parsed.ok) throw new Error(parsed.error?.message);
  return parsed.value;
}

describe('report drafts over the API', () => {
  it('outline: chapters with their counts, for an institution and overall', async () => {
    const institutionId = browser.state().institutions[0]!.id;
    const outline = await call<ReportOutline>('report.outline', { scope: { institutionId }, options: {} });
    expect(outline.kind).toBe('instelling');
    expect(outline.chapters.map((chapter) => chapter.key)).toEqual([
      'samenvatting',
      'inleiding',
      'norm:contact',
      'norm:veiligheid',
      'norm:participatie',
      'norm:hulp',
      'norm:bestuur',
      'gevolgen',
      'oorzaken',
      'vragenlijst',
      'verwachtingen',
      'memos',
    ]);
    expect(outline.totals.quotes).toBeGreaterThan(5);
    expect(outline.totals.figures).toBeGreaterThan(5);
    const contact = outline.chapters.find((chapter) => chapter.key === 'norm:contact')!;
    expect(contact.figures).toBeGreaterThan(0);
    const overall = await call<ReportOutline>('report.outline', { scope: { overall: true }, options: { includeAppendix: true, includeMemos: false } });
    expect(overall.kind).toBe('overkoepelend');
    expect(overall.chapters.at(-1)!.key).toBe('verantwoording');
    expect(overall.chapters.some((chapter) => chapter.key === 'memos')).toBe(false);
  });

  it('refuses unknown chapters and institutions with a Dutch message', async () => {
    const bad = await http('POST', '/api/call/report.outline', { scope: { overall: true }, options: { chapters: ['colofon'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain('onbekend hoofdstuk');
    // Every chapter the dialog offers is accepted, the closing chapter included.
    const every = await http('POST', '/api/call/report.outline', { scope: { overall: true }, options: { chapters: [...FIXED_CHAPTERS, 'norm:contact'] } });
    expect(every.status, every.body.toString()).toBe(200);
    const missing = await http('POST', '/api/call/report.outline', { scope: { institutionId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('Deze instelling bestaat niet');
  });

  it('generate: a job with progress, then a download of the Word file (browser host)', async () => {
    const progress: JobProgress[] = [];
    const stop = browser.onProgress((event) => progress.push(event));
    const generated = await call<ReportGenerated>('report.generate', { scope: { overall: true }, options: {}, jobId: 'rapport-1' });
    stop();
    expect(generated.fileName).toMatch(/^Rapport overkoepelend \(concept \d{4}-\d{2}-\d{2}\)\.docx$/);
    expect(generated.downloadUrl).toBe(`/api/download/report/${generated.reportId}`);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((event) => event.jobId === 'rapport-1')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ message: 'Klaar' });

    const download = await http('GET', generated.downloadUrl!);
    expect(download.status).toBe(200);
    expect(String(download.headers['content-type'])).toContain('wordprocessingml');
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent(generated.fileName));
    expect(download.body.subarray(0, 2).toString()).toBe('PK');
    expect(download.body.byteLength).toBe(generated.size);
    expect((await http('GET', '/api/download/report/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  }, 120_000);

  it('save: the desktop host asks where, writes the file and opens it', async () => {
    const target = join(dir, 'opgeslagen.docx');
    const opened: string[] = [];
    const asked: Array<[string, string]> = [];
    const desktop = new Session({
      kind: 'electron',
      demoStudyPath: () => demo,
      chooseSavePath: async (suggested, kind) => {
        asked.push([suggested, kind]);
        return target;
      },
      openPath: async (path) => {
        opened.push(path);
        return true;
      },
    });
    desktop.openPath(demo);
    try {
      const institutionId = desktop.state().institutions[1]!.id;
      const generated = await dispatch(desktop, 'report.generate', { scope: { institutionId }, options: { includeAppendix: true } });
      expect(generated.ok).toBe(true);
      const value = (generated as { value: ReportGenerated }).value;
      expect(value.downloadUrl).toBeNull();
      const saved = await dispatch(desktop, 'report.save', { reportId: value.reportId });
      expect((saved as { value: ReportSaved }).value).toEqual({ path: target, opened: true });
      expect(asked).toEqual([[value.fileName, 'report']]);
      expect(opened).toEqual([target]);
      expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    } finally {
      desktop.close();
    }
    expect(existsSync(target)).toBe(true);
  }, 120_000);
});
