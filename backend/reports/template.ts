/**
 * The report template: a .docx whose styles (fonts, colours, headings,
 * captions, boxes) every draft takes. resources/report/sjabloon.docx is
 * Veldwerk's default, generated from house-style.ts by `makeDefaultTemplate`;
 * a user may replace it with their own Word document or template (the
 * organisation's house style). Only its styles part is used.
 *
 * A template saved by a Dutch Word has translated style ids ("Kop1" for
 * heading 1, "Standaard" for Normal): styles are recognised by their built-in
 * name and given the ids the writer uses. Styles the template lacks are taken
 * from the house style, and every language setting becomes nl-NL.
 *
 * Which template a draft takes: `templatePath` in the writer's options (the
 * CLI's --template), else the house style chosen for the study (see
 * study-template.ts), else this file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { resourcesDir } from '../app-paths';
import { UserError } from '../errors';
import { bytesOf, type FileSource } from '../store/staging-store';
import { BUILT_IN_NAMES, HOUSE_STYLES, STYLE_IDS, houseStylesXml } from './house-style';

export const defaultTemplatePath = () => join(resourcesDir(), 'report', 'sjabloon.docx');

const MAX_TEMPLATE_BYTES = 30 * 1024 * 1024;
const MAX_STYLES_BYTES = 5 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** The styles part of a template file (its path, or a staged upload), checked against limits (a template comes from outside). */
export async function readTemplateStyles(source: FileSource): Promise<string> {
  if (typeof source === 'string' && !existsSync(source)) throw new UserError(`Het rapportsjabloon "${source}" bestaat niet.`, 'not-found');
  const buffer = bytesOf(source);
  if (buffer.byteLength > MAX_TEMPLATE_BYTES) throw new UserError('Het rapportsjabloon is groter dan 30 MB.', 'rejected');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    throw new UserError('Het rapportsjabloon is geen geldig Word-document.', 'rejected');
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new UserError('Het rapportsjabloon bevat te veel onderdelen.', 'rejected');
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== 'word/styles.xml') continue;
      if (entry.uncompressedSize > MAX_STYLES_BYTES) throw new UserError('De opmaakprofielen in het rapportsjabloon zijn te groot.', 'rejected');
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_STYLES_BYTES) throw new UserError('De opmaakprofielen in het rapportsjabloon zijn te groot.', 'rejected');
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('Het rapportsjabloon is beschadigd.', 'rejected');
  } finally {
    zip.close();
  }
  throw new UserError('Het rapportsjabloon bevat geen opmaakprofielen (word/styles.xml).', 'rejected');
}

const STYLE_BLOCK = /<w:style\b[^>]*>[\s\S]*?<\/w:style>/g;
const LANG_NL = '<w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>';

function attribute(tag: string, name: string): string | null {
  return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

/**
 * Make a template's styles fit the writer: built-in styles under the ids the
 * writer uses, the house style's styles where the template has none, and
 * nl-NL as the language everywhere.
 */
export function prepareTemplateStyles(stylesXml: string): string {
  if (!/<w:styles[\s>]/.test(stylesXml)) throw new UserError('De opmaakprofielen van het rapportsjabloon zijn onleesbaar.', 'rejected');
  let xml = stylesXml;
  const ids = new Set<string>();
  const renames = new Map<string, string>();
  for (const block of xml.match(STYLE_BLOCK) ?? []) {
    const id = attribute(block.slice(0, block.indexOf('>') + 1), 'w:styleId');
    const name = /<w:name w:val="([^"]*)"/.exec(block)?.[1];
    if (!id) continue;
    ids.add(id);
    const wanted = name ? BUILT_IN_NAMES[name.toLowerCase()] : undefined;
    if (wanted && wanted !== id) renames.set(id, wanted);
  }
  for (const [from, to] of renames) {
    if (ids.has(to)) continue;
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    xml = xml.replace(new RegExp(`(w:styleId="|<w:(?:basedOn|next|link) w:val=")${escaped}"`, 'g'), `$1${to}"`);
    ids.delete(from);
    ids.add(to);
  }
  const missing = Object.keys(HOUSE_STYLES).filter((id) => !ids.has(id));
  if (missing.length > 0) xml = xml.replace(/<\/w:styles>\s*$/, `${missing.map((id) => HOUSE_STYLES[id]).join('')}</w:styles>`);

  xml = xml.replace(/<w:lang\b[^>]*\/>/g, LANG_NL);
  if (!/<w:docDefaults>/.test(xml)) {
    xml = xml.replace(/(<w:styles\b[^>]*>)/, `$1<w:docDefaults><w:rPrDefault><w:rPr>${LANG_NL}</w:rPr></w:rPrDefault></w:docDefaults>`);
  } else if (!/<w:rPrDefault>[\s\S]*?<w:lang\b[\s\S]*?<\/w:rPrDefault>/.test(xml)) {
    xml = xml
      .replace(/<w:rPrDefault\s*\/>/, `<w:rPrDefault><w:rPr>${LANG_NL}</w:rPr></w:rPrDefault>`)
      .replace(/<w:rPrDefault>\s*<\/w:rPrDefault>/, `<w:rPrDefault><w:rPr>${LANG_NL}</w:rPr></w:rPrDefault>`)
      .replace(/(<w:rPrDefault>\s*<w:rPr>[\s\S]*?)(<w:eastAsianLayout\b|<w:specVanish\b|<w:oMath\b|<\/w:rPr>)/, `$1${LANG_NL}$2`);
    if (!/<w:rPrDefault>/.test(xml)) xml = xml.replace(/<w:docDefaults>/, `<w:docDefaults><w:rPrDefault><w:rPr>${LANG_NL}</w:rPr></w:rPrDefault>`);
  }
  return xml;
}

/** The styles the writer uses: from the template at `path` (default: the bundled one), or the house style when there is none. */
export async function templateStyles(path?: string): Promise<string> {
  const chosen = path ?? defaultTemplatePath();
  if (!path && !existsSync(chosen)) return houseStylesXml();
  return prepareTemplateStyles(await readTemplateStyles(chosen));
}

/** Veldwerk's default template: the house style and a page that shows its styles. */
export async function makeDefaultTemplate(): Promise<Buffer> {
  return makeTemplateDocx(houseStylesXml());
}

/**
 * A template with the given styles (as the writer uses them, see
 * prepareTemplateStyles) and a page that shows each of them.
 */
export async function makeTemplateDocx(styles: string): Promise<Buffer> {
  const p = (style: string, text: string) => new Paragraph({ style, children: [new TextRun(text)] });
  const document = new Document({
    creator: 'Veldwerk',
    title: 'Rapportsjabloon Veldwerk',
    description: 'Sjabloon met de opmaakprofielen van Veldwerk-rapporten',
    externalStyles: styles,
    sections: [
      {
        children: [
          p(STYLE_IDS.conceptLabel, 'Concept'),
          p(STYLE_IDS.title, 'Rapportsjabloon'),
          p(STYLE_IDS.subtitle, 'De opmaakprofielen van de rapportconcepten van Veldwerk'),
          p(
            STYLE_IDS.normal,
            'Veldwerk neemt van dit document alleen de opmaakprofielen over: lettertypen, kleuren, koppen, bijschriften, kaders en tabellen. Pas de profielen hieronder aan in Word (Start > Opmaakprofielen) en bewaar het bestand onder dezelfde naam om de huisstijl van uw organisatie te gebruiken. Profielen die ontbreken, vult Veldwerk aan met zijn eigen opmaak.',
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: false, children: [new TextRun('Kop 1: hoofdstuk')] }),
          p(STYLE_IDS.lead, 'Inleidende alinea: de eerste alinea van een hoofdstuk.'),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Kop 2: paragraaf')] }),
          p(STYLE_IDS.normal, 'Gewone tekst (Normal). Rapporten zijn in het Nederlands; de taal van elk profiel is Nederlands.'),
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Kop 3: subparagraaf')] }),
          p(STYLE_IDS.quote, 'Citaat: “Een citaat, alleen met de rol van de spreker erbij.”'),
          p(STYLE_IDS.caption, 'Figuur 1. Bijschrift van een figuur of tabel'),
          p(STYLE_IDS.figureNote, 'Figuuronderschrift: n = 16 dossiers'),
          p(STYLE_IDS.boxTitle, 'Kadertitel'),
          p(STYLE_IDS.box, 'Kader: het oordeel over een norm, of een mooi voorbeeld.'),
          p(STYLE_IDS.noteTitle, 'Notitie voor de schrijver, titel'),
          p(STYLE_IDS.note, 'Notitie voor de schrijver: memo’s en aandachtspunten, niet voor publicatie.'),
          p(STYLE_IDS.hint, 'Schrijfhint: een aanwijzing voor de schrijver, te vervangen door eigen tekst.'),
          new Paragraph({ style: STYLE_IDS.titleMeta, alignment: AlignmentType.LEFT, children: [new TextRun('Titelgegevens: datum en onderzoek op de titelpagina')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
