/**
 * Veldwerk's own house style for report drafts, as the styles part
 * (word/styles.xml) of a Word document: a calm sans-serif (Arial; LibreOffice
 * shows Liberation Sans, which has the same metrics), dark-blue headings,
 * Dutch (nl-NL) as the language of every style. resources/report/sjabloon.docx
 * is generated from it (see template.ts), and the styles a user's template
 * lacks are taken from here.
 *
 * Child elements are in the order the OOXML schema prescribes: Word refuses
 * (with a repair prompt) styles whose elements are out of order.
 */

/** Style ids the report writer uses, by their role. */
export const STYLE_IDS = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  caption: 'Caption',
  tocHeading: 'TOCHeading',
  footer: 'Footer',
  listParagraph: 'ListParagraph',
  quote: 'Citaat',
  lead: 'Inleidend',
  hint: 'Schrijfhint',
  box: 'Kader',
  boxTitle: 'KaderTitel',
  note: 'Notitie',
  noteTitle: 'NotitieTitel',
  figureNote: 'Figuuronderschrift',
  tableText: 'Tabeltekst',
  conceptLabel: 'Conceptlabel',
  titleMeta: 'Titelgegevens',
  table: 'VeldwerkTabel',
} as const;

const BLUE = '1F3864';
const MID_BLUE = '2E5C8A';
const LIGHT_BLUE = '7AA6D1';
const TEXT = '1F2933';
const GREY = '52606D';

const rPrDefault = `<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:color w:val="${TEXT}"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/></w:rPr>`;

const paragraphStyle = (
  id: string,
  name: string,
  options: { basedOn?: string; next?: string; qFormat?: boolean; uiPriority?: number; pPr?: string; rPr?: string; isDefault?: boolean; semiHidden?: boolean },
) =>
  `<w:style w:type="paragraph"${options.isDefault ? ' w:default="1"' : ''} w:styleId="${id}"><w:name w:val="${name}"/>${
    options.basedOn ? `<w:basedOn w:val="${options.basedOn}"/>` : ''
  }${options.next ? `<w:next w:val="${options.next}"/>` : ''}${options.uiPriority !== undefined ? `<w:uiPriority w:val="${options.uiPriority}"/>` : ''}${
    options.semiHidden ? '<w:semiHidden/><w:unhideWhenUsed/>' : ''
  }${options.qFormat ? '<w:qFormat/>' : ''}${options.pPr ? `<w:pPr>${options.pPr}</w:pPr>` : ''}${options.rPr ? `<w:rPr>${options.rPr}</w:rPr>` : ''}</w:style>`;

const boxBorder = (color: string, kind = 'single') =>
  `<w:pBdr><w:top w:val="${kind}" w:sz="6" w:space="4" w:color="${color}"/><w:left w:val="${kind}" w:sz="6" w:space="4" w:color="${color}"/><w:bottom w:val="${kind}" w:sz="6" w:space="4" w:color="${color}"/><w:right w:val="${kind}" w:sz="6" w:space="4" w:color="${color}"/></w:pBdr>`;

/** Every style of the house style, by id, as `<w:style>` XML. */
export const HOUSE_STYLES: Record<string, string> = {
  Normal: paragraphStyle('Normal', 'Normal', { isDefault: true, qFormat: true, pPr: '<w:spacing w:after="120" w:line="276" w:lineRule="auto"/>' }),
  Title: paragraphStyle('Title', 'Title', {
    basedOn: 'Normal',
    next: 'Subtitle',
    qFormat: true,
    uiPriority: 10,
    pPr: '<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${BLUE}"/><w:kern w:val="28"/><w:sz w:val="56"/><w:szCs w:val="56"/>`,
  }),
  Subtitle: paragraphStyle('Subtitle', 'Subtitle', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    uiPriority: 11,
    pPr: '<w:spacing w:after="480"/>',
    rPr: `<w:color w:val="${MID_BLUE}"/><w:sz w:val="30"/><w:szCs w:val="30"/>`,
  }),
  Heading1: paragraphStyle('Heading1', 'heading 1', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    uiPriority: 9,
    pPr: '<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before="0" w:after="280" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${BLUE}"/><w:kern w:val="32"/><w:sz w:val="40"/><w:szCs w:val="40"/>`,
  }),
  Heading2: paragraphStyle('Heading2', 'heading 2', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    uiPriority: 9,
    semiHidden: true,
    pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="1"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${BLUE}"/><w:sz w:val="28"/><w:szCs w:val="28"/>`,
  }),
  Heading3: paragraphStyle('Heading3', 'heading 3', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    uiPriority: 9,
    semiHidden: true,
    pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="2"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${MID_BLUE}"/><w:sz w:val="22"/><w:szCs w:val="22"/>`,
  }),
  Caption: paragraphStyle('Caption', 'caption', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    uiPriority: 35,
    semiHidden: true,
    pPr: '<w:keepNext/><w:spacing w:before="240" w:after="100"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${BLUE}"/><w:sz w:val="18"/><w:szCs w:val="18"/>`,
  }),
  TOCHeading: paragraphStyle('TOCHeading', 'TOC Heading', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    uiPriority: 39,
    semiHidden: true,
    pPr: '<w:keepNext/><w:spacing w:before="0" w:after="240"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${BLUE}"/><w:sz w:val="32"/><w:szCs w:val="32"/>`,
  }),
  TOC1: paragraphStyle('TOC1', 'toc 1', { basedOn: 'Normal', next: 'Normal', uiPriority: 39, semiHidden: true, pPr: '<w:spacing w:before="120" w:after="40"/>', rPr: '<w:b/><w:bCs/>' }),
  TOC2: paragraphStyle('TOC2', 'toc 2', { basedOn: 'Normal', next: 'Normal', uiPriority: 39, semiHidden: true, pPr: '<w:spacing w:after="20"/><w:ind w:left="220"/>' }),
  TOC3: paragraphStyle('TOC3', 'toc 3', { basedOn: 'Normal', next: 'Normal', uiPriority: 39, semiHidden: true, pPr: '<w:spacing w:after="20"/><w:ind w:left="440"/>', rPr: `<w:color w:val="${GREY}"/>` }),
  Header: paragraphStyle('Header', 'header', { basedOn: 'Normal', uiPriority: 99, semiHidden: true, pPr: '<w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0"/>' }),
  Footer: paragraphStyle('Footer', 'footer', {
    basedOn: 'Normal',
    uiPriority: 99,
    semiHidden: true,
    pPr: '<w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0"/>',
    rPr: `<w:color w:val="${GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>`,
  }),
  ListParagraph: paragraphStyle('ListParagraph', 'List Paragraph', { basedOn: 'Normal', qFormat: true, uiPriority: 34, pPr: '<w:spacing w:after="60"/><w:ind w:left="720"/>' }),
  Citaat: paragraphStyle('Citaat', 'Citaat', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    pPr: `<w:keepLines/><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="${LIGHT_BLUE}"/></w:pBdr><w:spacing w:before="60" w:after="140"/><w:ind w:left="454" w:right="454"/>`,
    rPr: '<w:i/><w:iCs/>',
  }),
  Inleidend: paragraphStyle('Inleidend', 'Inleidende alinea', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    pPr: '<w:spacing w:after="200"/>',
    rPr: `<w:color w:val="${BLUE}"/><w:sz w:val="22"/><w:szCs w:val="22"/>`,
  }),
  Schrijfhint: paragraphStyle('Schrijfhint', 'Schrijfhint', {
    basedOn: 'Normal',
    next: 'Normal',
    pPr: '<w:shd w:val="clear" w:color="auto" w:fill="FCEFE6"/>',
    rPr: '<w:i/><w:iCs/><w:color w:val="9C4221"/>',
  }),
  Kader: paragraphStyle('Kader', 'Kader', {
    basedOn: 'Normal',
    qFormat: true,
    pPr: `<w:keepLines/>${boxBorder(LIGHT_BLUE)}<w:shd w:val="clear" w:color="auto" w:fill="EAF1F8"/><w:spacing w:after="80"/><w:ind w:left="113" w:right="113"/>`,
  }),
  KaderTitel: paragraphStyle('KaderTitel', 'Kadertitel', {
    basedOn: 'Kader',
    next: 'Kader',
    qFormat: true,
    pPr: '<w:keepNext/><w:spacing w:before="240"/>',
    rPr: `<w:b/><w:bCs/><w:color w:val="${BLUE}"/><w:sz w:val="22"/><w:szCs w:val="22"/>`,
  }),
  Notitie: paragraphStyle('Notitie', 'Notitie voor de schrijver', {
    basedOn: 'Normal',
    qFormat: true,
    pPr: `<w:keepLines/>${boxBorder('C9A227', 'dashed')}<w:shd w:val="clear" w:color="auto" w:fill="FFF6D6"/><w:spacing w:after="80"/><w:ind w:left="113" w:right="113"/>`,
    rPr: '<w:sz w:val="18"/><w:szCs w:val="18"/>',
  }),
  NotitieTitel: paragraphStyle('NotitieTitel', 'Notitie voor de schrijver, titel', {
    basedOn: 'Notitie',
    next: 'Notitie',
    qFormat: true,
    pPr: '<w:keepNext/><w:spacing w:before="240"/>',
    rPr: '<w:b/><w:bCs/><w:caps/><w:color w:val="7A5C00"/>',
  }),
  Figuuronderschrift: paragraphStyle('Figuuronderschrift', 'Figuuronderschrift', {
    basedOn: 'Normal',
    next: 'Normal',
    qFormat: true,
    pPr: '<w:spacing w:before="40" w:after="200"/>',
    rPr: `<w:i/><w:iCs/><w:color w:val="${GREY}"/><w:sz w:val="17"/><w:szCs w:val="17"/>`,
  }),
  Tabeltekst: paragraphStyle('Tabeltekst', 'Tabeltekst', {
    basedOn: 'Normal',
    qFormat: true,
    pPr: '<w:spacing w:before="30" w:after="30" w:line="240" w:lineRule="auto"/>',
    rPr: '<w:sz w:val="18"/><w:szCs w:val="18"/>',
  }),
  Conceptlabel: paragraphStyle('Conceptlabel', 'Conceptlabel', {
    basedOn: 'Normal',
    next: 'Title',
    pPr: '<w:spacing w:before="1800" w:after="360"/>',
    rPr: '<w:b/><w:bCs/><w:caps/><w:color w:val="B4533C"/><w:spacing w:val="40"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
  }),
  Titelgegevens: paragraphStyle('Titelgegevens', 'Titelgegevens', {
    basedOn: 'Normal',
    pPr: '<w:spacing w:after="60"/>',
    rPr: `<w:color w:val="${GREY}"/><w:sz w:val="22"/><w:szCs w:val="22"/>`,
  }),
  Hyperlink: `<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="${MID_BLUE}"/><w:u w:val="single"/></w:rPr></w:style>`,
  TableNormal: `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`,
  VeldwerkTabel: `<w:style w:type="table" w:styleId="VeldwerkTabel"><w:name w:val="Veldwerk tabel"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="30" w:after="30" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="${BLUE}"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="${BLUE}"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="D9DEE4"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${BLUE}"/></w:tcPr></w:tblStylePr></w:style>`,
};

/** The built-in styles by the name Word gives them in every language (styleIds are translated, names are not). */
export const BUILT_IN_NAMES: Record<string, string> = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  'heading 1': 'Heading1',
  'heading 2': 'Heading2',
  'heading 3': 'Heading3',
  caption: 'Caption',
  'toc heading': 'TOCHeading',
  'toc 1': 'TOC1',
  'toc 2': 'TOC2',
  'toc 3': 'TOC3',
  header: 'Header',
  footer: 'Footer',
  'list paragraph': 'ListParagraph',
  hyperlink: 'Hyperlink',
  'normal table': 'TableNormal',
};

const NAMESPACES =
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"';

/** The complete styles part of the house style. */
export function houseStylesXml(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${NAMESPACES}><w:docDefaults><w:rPrDefault>${rPrDefault}</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"/>${Object.values(HOUSE_STYLES).join('')}</w:styles>`;
}
