// Regenerates the .docx and .pdf files of the demo study from their input
// texts, then checks the whole demo (manifest, files, vocabularies).
//
//   node --experimental-strip-types scripts/make-demo-files.ts          generate + check
//   node --experimental-strip-types scripts/make-demo-files.ts --check  only check
//
// The manifest (resources/demo/manifest.json) is the single list of sources.
// Every source whose file ends in .docx or .pdf is generated from
// resources/demo/texts/<same name>.txt; .txt sources are written by hand.
//
// Input text markup, one block per line (blank lines are ignored):
//   @kop: <label>   PDF only: the page header reads "<label> – pagina N"
//   # <text>        Heading 1
//   ## <text>       Heading 2
//   - <text>        bullet item
//   anything else   a body paragraph
//
// Output is deterministic: the docx/pdf metadata dates and zip timestamps are
// pinned, so re-running the script on unchanged texts gives identical bytes.
// Type annotations only (no enums), so Node 22's type stripping can run it.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { MEASURES, ROLES, SOURCE_TYPES } from '../shared/vocabulary.ts';

// Every Date the generators create reads this instant (see withFixedClock).
process.env.TZ = 'UTC';
const FIXED_TIME = Date.UTC(2026, 0, 15, 12, 0, 0);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, 'resources', 'demo');
const TEXTS = join(DEMO, 'texts');
const MANIFEST = join(DEMO, 'manifest.json');

const MAX_FILE_BYTES = 100 * 1024;
const MIN_SOURCES = 24;
const MIN_PER_INSTITUTION = 7;
const MIN_PER_FORMAT = { docx: 4, pdf: 4 };
const PDF_DOSSIER_PAGES = { min: 4, max: 8 };
const WORDS = { min: 300, max: 1500, maxGenerated: 3000 };

interface ManifestSource {
  file: string;
  title: string;
  institution: string;
  sourceType: string;
  role: string | null;
  measure: string | null;
  date: string;
  inspector: string;
}
interface Manifest {
  study: { name: string; periodStart: string; periodEnd: string };
  institutions: string[];
  inspectors: { name: string; initials: string }[];
  sources: ManifestSource[];
}

type BlockKind = 'h1' | 'h2' | 'li' | 'p';
interface Block {
  kind: BlockKind;
  text: string;
}
interface InputText {
  header: string | null;
  blocks: Block[];
}

// ---------------------------------------------------------------- input

function parseInput(source: string): InputText {
  let header: string | null = null;
  const blocks: Block[] = [];
  for (const raw of source.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('@kop:')) header = line.slice('@kop:'.length).trim();
    else if (line.startsWith('## ')) blocks.push({ kind: 'h2', text: line.slice(3).trim() });
    else if (line.startsWith('# ')) blocks.push({ kind: 'h1', text: line.slice(2).trim() });
    else if (line.startsWith('- ')) blocks.push({ kind: 'li', text: line.slice(2).trim() });
    else blocks.push({ kind: 'p', text: line });
  }
  return { header, blocks };
}

function baseName(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
}

function extensionOf(file: string): string {
  return file.slice(file.lastIndexOf('.') + 1).toLowerCase();
}

// ---------------------------------------------------------------- fixed clock

/** Runs `fn` while `new Date()` and `Date.now()` return FIXED_TIME (docx stamps both into its output). */
async function withFixedClock<T>(fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(FIXED_TIME);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return FIXED_TIME;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// ---------------------------------------------------------------- docx

async function makeDocx(input: InputText, title: string): Promise<Uint8Array> {
  return withFixedClock(async () => {
    const children = input.blocks.map((block) => {
      switch (block.kind) {
        case 'h1':
          return new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_1, spacing: { after: 160 } });
        case 'h2':
          return new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 } });
        case 'li':
          return new Paragraph({ children: [new TextRun(block.text)], bullet: { level: 0 }, spacing: { after: 80 } });
        default:
          return new Paragraph({ children: [new TextRun(block.text)], alignment: AlignmentType.LEFT, spacing: { after: 120 } });
      }
    });
    const doc = new Document({
      creator: 'Veldwerk (demomateriaal)',
      lastModifiedBy: 'Veldwerk (demomateriaal)',
      title,
      description: 'Fictief demomateriaal voor Veldwerk.',
      styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
      sections: [{ children }],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  });
}

// ---------------------------------------------------------------- pdf

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 64, right: 64, top: 78, bottom: 64 };
const BODY = { size: 10.5, leading: 15, after: 6 };
const HEADING = {
  h1: { size: 15, leading: 20, before: 0, after: 8 },
  h2: { size: 12, leading: 17, before: 10, after: 4 },
};
const BULLET_INDENT = 14;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

async function makePdf(input: InputText, title: string): Promise<{ bytes: Uint8Array; pages: number }> {
  if (!input.header) throw new Error(`PDF "${title}": de invoertekst mist een regel "@kop: …" voor de paginakop.`);
  const header = input.header;
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title);
  pdf.setAuthor('Veldwerk (demomateriaal)');
  pdf.setSubject('Fictief demomateriaal voor Veldwerk');
  pdf.setCreator('scripts/make-demo-files.ts');
  pdf.setProducer('pdf-lib');
  pdf.setCreationDate(new Date(FIXED_TIME));
  pdf.setModificationDate(new Date(FIXED_TIME));

  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const textWidth = A4.width - MARGIN.left - MARGIN.right;

  let page: PDFPage | null = null;
  let y = 0;
  let pageNumber = 0;

  const newPage = (): void => {
    page = pdf.addPage([A4.width, A4.height]);
    pageNumber += 1;
    page.drawText(`${header} – pagina ${pageNumber}`, {
      x: MARGIN.left,
      y: A4.height - 42,
      size: 9,
      font: regular,
      color: rgb(0.35, 0.35, 0.35),
    });
    page.drawLine({
      start: { x: MARGIN.left, y: A4.height - 50 },
      end: { x: A4.width - MARGIN.right, y: A4.height - 50 },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
    y = A4.height - MARGIN.top;
  };
  const room = (): number => y - MARGIN.bottom;

  newPage();
  for (const block of input.blocks) {
    if (block.kind === 'h1' || block.kind === 'h2') {
      const style = HEADING[block.kind];
      const lines = wrap(block.text, bold, style.size, textWidth);
      const atTop = y === A4.height - MARGIN.top;
      // Keep a heading together with at least three body lines.
      if (room() < (atTop ? 0 : style.before) + lines.length * style.leading + 3 * BODY.leading) newPage();
      if (y !== A4.height - MARGIN.top) y -= style.before;
      for (const line of lines) {
        y -= style.leading;
        page!.drawText(line, { x: MARGIN.left, y, size: style.size, font: bold });
      }
      y -= style.after;
      continue;
    }
    const indent = block.kind === 'li' ? BULLET_INDENT : 0;
    const lines = wrap(block.text, regular, BODY.size, textWidth - indent);
    lines.forEach((line, i) => {
      if (room() < BODY.leading) newPage();
      y -= BODY.leading;
      if (i === 0 && block.kind === 'li') page!.drawText('•', { x: MARGIN.left + 3, y, size: BODY.size, font: regular });
      page!.drawText(line, { x: MARGIN.left + indent, y, size: BODY.size, font: regular });
    });
    y -= BODY.after;
  }
  const bytes = await pdf.save({ useObjectStreams: false });
  return { bytes, pages: pageNumber };
}

// ---------------------------------------------------------------- generate

async function generate(manifest: Manifest): Promise<Map<string, number>> {
  const pdfPages = new Map<string, number>();
  for (const source of manifest.sources) {
    const ext = extensionOf(source.file);
    if (ext !== 'docx' && ext !== 'pdf') continue;
    const inputPath = join(TEXTS, `${baseName(source.file)}.txt`);
    if (!existsSync(inputPath)) throw new Error(`Invoertekst ontbreekt voor ${source.file}: ${inputPath}`);
    const input = parseInput(readFileSync(inputPath, 'utf8'));
    const outPath = join(DEMO, source.file);
    if (ext === 'docx') {
      writeFileSync(outPath, await makeDocx(input, source.title));
    } else {
      const { bytes, pages } = await makePdf(input, source.title);
      writeFileSync(outPath, bytes);
      pdfPages.set(source.file, pages);
    }
    console.log(`  geschreven: ${source.file}`);
  }
  return pdfPages;
}

// ---------------------------------------------------------------- check

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

async function check(manifest: Manifest): Promise<string[]> {
  const errors: string[] = [];
  const fail = (message: string): void => {
    errors.push(message);
  };
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;
  const validDate = (value: string): boolean =>
    isoDate.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

  const { study, institutions, inspectors, sources } = manifest;
  if (!study?.name) fail('study.name ontbreekt');
  if (!validDate(study?.periodStart ?? '')) fail(`study.periodStart is geen geldige datum: ${study?.periodStart}`);
  if (!validDate(study?.periodEnd ?? '')) fail(`study.periodEnd is geen geldige datum: ${study?.periodEnd}`);
  if (study.periodStart > study.periodEnd) fail('study.periodStart ligt na study.periodEnd');

  if (!Array.isArray(institutions) || institutions.length !== 3) fail('er moeten precies drie instellingen zijn');
  if (new Set(institutions).size !== institutions.length) fail('instellingsnamen zijn niet uniek');
  if (!Array.isArray(inspectors) || inspectors.length !== 3) fail('er moeten precies drie inspecteurs zijn');
  for (const inspector of inspectors) {
    if (!inspector.name || !inspector.initials) fail(`inspecteur zonder naam of initialen: ${JSON.stringify(inspector)}`);
  }
  const initials = new Set(inspectors.map((i) => i.initials));
  if (initials.size !== inspectors.length) fail('initialen van inspecteurs zijn niet uniek');

  if (sources.length < MIN_SOURCES) fail(`te weinig bronnen: ${sources.length} < ${MIN_SOURCES}`);
  const files = new Set<string>();
  const titles = new Set<string>();
  for (const s of sources) {
    const where = s.file;
    if (!/^sources\/[a-z0-9-]+\.(txt|docx|pdf)$/.test(s.file)) fail(`${where}: bestandsnaam moet sources/<kebab-case>.(txt|docx|pdf) zijn`);
    if (files.has(s.file)) fail(`${where}: staat dubbel in het manifest`);
    files.add(s.file);
    const titleKey = `${s.institution}|${s.title}`;
    if (titles.has(titleKey)) fail(`${where}: titel komt dubbel voor binnen de instelling`);
    titles.add(titleKey);
    if (!s.title) fail(`${where}: titel ontbreekt`);
    if (!institutions.includes(s.institution)) fail(`${where}: onbekende instelling "${s.institution}"`);
    if (!(SOURCE_TYPES as readonly string[]).includes(s.sourceType)) fail(`${where}: ongeldig sourceType "${s.sourceType}"`);
    if (s.role !== null && !(ROLES as readonly string[]).includes(s.role)) fail(`${where}: ongeldige rol "${s.role}"`);
    if (s.measure !== null && !(MEASURES as readonly string[]).includes(s.measure)) fail(`${where}: ongeldige maatregel "${s.measure}"`);
    if ((s.sourceType === 'interview' || s.sourceType === 'groepsgesprek') && s.role === null) fail(`${where}: een gesprek heeft een rol nodig`);
    if (s.sourceType === 'clientdossier' && s.measure === null) fail(`${where}: een cliëntdossier heeft een maatregel nodig`);
    if (!validDate(s.date)) fail(`${where}: ongeldige datum "${s.date}"`);
    else if (s.date < study.periodStart || s.date > study.periodEnd) fail(`${where}: datum ${s.date} valt buiten de onderzoeksperiode`);
    if (!initials.has(s.inspector)) fail(`${where}: onbekende inspecteur "${s.inspector}"`);

    const path = join(DEMO, s.file);
    if (!existsSync(path)) {
      fail(`${where}: bestand bestaat niet`);
      continue;
    }
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) fail(`${where}: ${size} bytes, meer dan ${MAX_FILE_BYTES}`);
    const ext = extensionOf(s.file);
    let words: number;
    if (ext === 'txt') {
      const bytes = readFileSync(path);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        fail(`${where}: geen geldige UTF-8`);
        continue;
      }
      if (text.startsWith('\uFEFF')) fail(`${where}: begint met een BOM`);
      words = wordCount(text);
      if (words < WORDS.min || words > WORDS.max) fail(`${where}: ${words} woorden, verwacht ${WORDS.min}–${WORDS.max}`);
    } else {
      const input = readFileSync(join(TEXTS, `${baseName(s.file)}.txt`), 'utf8');
      words = wordCount(parseInput(input).blocks.map((b) => b.text).join(' '));
      if (words < WORDS.min || words > WORDS.maxGenerated) fail(`${where}: ${words} woorden, verwacht ${WORDS.min}–${WORDS.maxGenerated}`);
      const head = readFileSync(path).subarray(0, 5).toString('latin1');
      if (ext === 'pdf' && head !== '%PDF-') fail(`${where}: geen PDF`);
      if (ext === 'docx' && !head.startsWith('PK')) fail(`${where}: geen zip/docx`);
      if (ext === 'pdf' && s.sourceType === 'clientdossier') {
        const pages = (await PDFDocument.load(readFileSync(path))).getPageCount();
        if (pages < PDF_DOSSIER_PAGES.min || pages > PDF_DOSSIER_PAGES.max) {
          fail(`${where}: ${pages} pagina's, verwacht ${PDF_DOSSIER_PAGES.min}–${PDF_DOSSIER_PAGES.max}`);
        }
      }
    }
  }

  for (const institution of institutions) {
    const n = sources.filter((s) => s.institution === institution).length;
    if (n < MIN_PER_INSTITUTION) fail(`${institution}: ${n} bronnen, minimaal ${MIN_PER_INSTITUTION}`);
  }
  for (const [ext, min] of Object.entries(MIN_PER_FORMAT)) {
    const n = sources.filter((s) => extensionOf(s.file) === ext).length;
    if (n < min) fail(`${n} .${ext}-bronnen, minimaal ${min}`);
  }

  // Every input text belongs to a generated source and every file on disk to the manifest.
  const generated = new Set(sources.filter((s) => extensionOf(s.file) !== 'txt').map((s) => baseName(s.file)));
  for (const name of readdirSync(TEXTS)) {
    if (!generated.has(baseName(name))) fail(`texts/${name}: hoort bij geen .docx- of .pdf-bron in het manifest`);
  }
  for (const name of readdirSync(join(DEMO, 'sources'))) {
    if (!files.has(`sources/${name}`)) fail(`sources/${name}: staat niet in het manifest`);
  }
  return errors;
}

function summary(manifest: Manifest): void {
  const words = (s: ManifestSource): number => {
    const ext = extensionOf(s.file);
    const text = ext === 'txt'
      ? readFileSync(join(DEMO, s.file), 'utf8')
      : parseInput(readFileSync(join(TEXTS, `${baseName(s.file)}.txt`), 'utf8')).blocks.map((b) => b.text).join(' ');
    return wordCount(text);
  };
  let total = 0;
  for (const institution of manifest.institutions) {
    const own = manifest.sources.filter((s) => s.institution === institution);
    const byType = new Map<string, number>();
    const byExt = new Map<string, number>();
    let w = 0;
    for (const s of own) {
      byType.set(s.sourceType, (byType.get(s.sourceType) ?? 0) + 1);
      byExt.set(extensionOf(s.file), (byExt.get(extensionOf(s.file)) ?? 0) + 1);
      w += words(s);
    }
    total += w;
    const fmt = (m: Map<string, number>): string => [...m].map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  ${institution}: ${own.length} bronnen (${fmt(byExt)}); ${fmt(byType)}; ${w} woorden`);
  }
  console.log(`  totaal: ${manifest.sources.length} bronnen, ${total} woorden`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  if (!process.argv.includes('--check')) {
    console.log('Demobestanden genereren:');
    const pages = await generate(manifest);
    for (const [file, n] of pages) console.log(`  ${file}: ${n} pagina's`);
  }
  const errors = await check(manifest);
  if (errors.length > 0) {
    console.error(`Manifestcontrole: ${errors.length} fout(en):`);
    for (const e of errors) console.error(`  - ${e}`);
    process.exitCode = 1;
    return;
  }
  console.log('Manifestcontrole: in orde.');
  summary(manifest);
}

await main();
