/**
 * Writing QDA-XML: the project file (project.qde) and the codebook (.qdc).
 * Elements follow the order the schemas prescribe (xsd:sequence), which
 * validating readers insist on.
 */
import type { RefiCode, RefiCoding, RefiNote, RefiProject, RefiSelection, RefiSource, RefiValue } from './refi-model';

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/** Characters XML 1.0 cannot carry: replaced by U+FFFD, one code point for one, so positions hold. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Tabs and line ends as references: a parser would otherwise turn them into spaces. */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

type Attributes = Record<string, string | number | boolean | null | undefined>;

/** xsd:dateTime; a time taken over from elsewhere in another form is left out rather than make the file invalid. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== null && value !== undefined)
    .filter(([name, value]) => !/DateTime$/.test(name) || DATE_TIME.test(String(value)))
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/** An element; `children` are already-serialised strings (empty ones are skipped). */
function el(name: string, attrs: Attributes, ...children: string[]): string {
  const inner = children.filter(Boolean).join('');
  return inner ? `<${name}${attributes(attrs)}>${inner}</${name}>` : `<${name}${attributes(attrs)}/>`;
}

function textEl(name: string, text: string): string {
  return text ? `<${name}>${escapeText(text)}</${name}>` : '';
}

function list<T>(wrapper: string, items: T[], write: (item: T) => string): string {
  return items.length === 0 ? '' : el(wrapper, {}, ...items.map(write));
}

const refs = (name: string, guids: string[]) => guids.map((guid) => el(name, { targetGUID: guid })).join('');

/** The project's Code may refer to notes; the codebook schema's Code may not. */
function code(c: RefiCode, withNotes: boolean): string {
  return el(
    'Code',
    { guid: c.guid, name: c.name, isCodable: c.isCodable, color: c.color },
    textEl('Description', c.description),
    withNotes ? refs('NoteRef', c.noteGuids) : '',
    ...c.children.map((child) => code(child, withNotes)),
  );
}

function coding(c: RefiCoding): string {
  return el(
    'Coding',
    { guid: c.guid, creatingUser: c.creatingUser, creationDateTime: c.created },
    el('CodeRef', { targetGUID: c.codeGuid }),
    refs('NoteRef', c.noteGuids),
  );
}

function selection(s: RefiSelection): string {
  return el(
    'PlainTextSelection',
    { guid: s.guid, startPosition: s.start, endPosition: s.end, creatingUser: s.creatingUser, creationDateTime: s.created },
    textEl('Description', s.description),
    ...s.codings.map(coding),
    refs('NoteRef', s.noteGuids),
  );
}

function variableValue(variableGuid: string, value: RefiValue): string {
  const tag = `${value.type === 'Text' ? 'Text' : value.type}Value`;
  return el('VariableValue', {}, el('VariableRef', { targetGUID: variableGuid }), `<${tag}>${escapeText(String(value.value))}</${tag}>`);
}

export const internalPath = (fileName: string) => `internal://${fileName}`;

/** A note's text travels as sources/<guid>.txt. */
export const noteFileName = (note: RefiNote) => `${note.guid}.txt`;

/** File names inside the archive's sources/ folder. */
export function sourceFileNames(source: RefiSource): { plainText: string; original: string | null } {
  const extension = source.original ? (/\.([A-Za-z0-9]{1,8})$/.exec(source.original.fileName)?.[1]?.toLowerCase() ?? 'bin') : null;
  return { plainText: `${source.guid}.txt`, original: extension ? `${source.guid}.${extension}` : null };
}

function textSource(tag: string, source: RefiSource, withSelections: boolean): string {
  const files = sourceFileNames(source);
  const richText = tag === 'TextSource' && files.original?.endsWith('.docx') ? internalPath(files.original) : null;
  return el(
    tag,
    {
      guid: tag === 'TextSource' ? source.guid : representationGuid(source.guid),
      name: source.name,
      richTextPath: richText,
      plainTextPath: internalPath(files.plainText),
      creatingUser: source.creatingUser,
      creationDateTime: source.created,
    },
    // A PDF's memo is read from its Representation by QualCoder (RefiImport.load_pdf_source → load_text_source).
    textEl('Description', source.description),
    ...(withSelections ? source.selections.map(selection) : []),
    tag === 'TextSource' ? refs('NoteRef', source.noteGuids) : '',
    ...(tag === 'TextSource' ? source.variables.map((v) => variableValue(v.variableGuid, v.value)) : []),
  );
}

/**
 * The representation of a PDF gets its own guid, derived from the PDF's by
 * flipping the last hex digit's lowest bit: stable, and distinct.
 */
export function representationGuid(guid: string): string {
  const last = parseInt(guid.slice(-1), 16) ^ 1;
  return guid.slice(0, -1) + last.toString(16);
}

function source(s: RefiSource): string {
  if (s.kind === 'text') return textSource('TextSource', s, true);
  const files = sourceFileNames(s);
  return el(
    'PDFSource',
    { guid: s.guid, name: s.name, path: files.original ? internalPath(files.original) : null, creatingUser: s.creatingUser, creationDateTime: s.created },
    textEl('Description', s.description),
    textSource('Representation', s, true),
    refs('NoteRef', s.noteGuids),
    ...s.variables.map((v) => variableValue(v.variableGuid, v.value)),
  );
}

export function writeProjectXml(project: RefiProject): string {
  const body = el(
    'Project',
    {
      xmlns: PROJECT_NS,
      name: project.name,
      origin: project.origin,
      creationDateTime: project.created,
    },
    list('Users', project.users, (u) => el('User', { guid: u.guid, name: u.name, id: u.id })),
    project.codes.length === 0 ? '' : el('CodeBook', {}, list('Codes', project.codes, (c) => code(c, true))),
    list('Variables', project.variables, (v) => el('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type })),
    list('Cases', project.cases, (c) => el('Case', { guid: c.guid, name: c.name }, refs('SourceRef', c.sourceGuids))),
    list('Sources', project.sources, source),
    // The text in a file, not PlainTextContent: QualCoder's importer (RefiImport.parse_notes) reads a note only through its plainTextPath.
    list('Notes', project.notes, (n) =>
      el('Note', { guid: n.guid, name: n.name, plainTextPath: internalPath(noteFileName(n)), creatingUser: n.creatingUser, creationDateTime: n.created }),
    ),
    list('Sets', project.sets, (s) => el('Set', { guid: s.guid, name: s.name }, refs('MemberCode', s.codeGuids), refs('MemberSource', s.sourceGuids))),
    textEl('Description', project.description),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}

export function writeCodebookXml(codes: RefiCode[]): string {
  const body = el('CodeBook', { xmlns: CODEBOOK_NS, origin: 'Veldwerk' }, list('Codes', codes, (c) => code(c, false)));
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}
