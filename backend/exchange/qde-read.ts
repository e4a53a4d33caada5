/**
 * Reading a REFI-QDA project written by any program into the plain model,
 * checking what the schema cannot: that every reference points at something
 * in the project, that every selection lies inside its text, and that source
 * files stay inside the archive. Anything wrong refuses the whole project.
 * Sources Veldwerk cannot hold (pictures, audio, video, a PDF without a text
 * representation) are counted and left out.
 */
import { UserError } from '../errors';
import { codePointLength } from './positions';
import { PROJECT_ENTRY } from './qdpx-archive';
import type { RefiCode, RefiNote, RefiProject, RefiSelection, RefiSource, RefiValue, RefiVariable } from './refi-model';
import { child, childrenNamed, parseXml, type XmlElement } from './xml-tree';

export interface ReadProject {
  project: RefiProject;
  /** Sources left out because Veldwerk cannot hold them, by name. */
  skippedSources: string[];
  /** Codings Veldwerk cannot place: on a picture, sound or video, on PDF coordinates, or on a whole source. */
  unplacedCodings: number;
}

/** Codings anywhere below an element that are not inside a PlainTextSelection. */
function codingsOutsideText(element: XmlElement): number {
  if (element.name === 'PlainTextSelection') return 0;
  return (element.name === 'Coding' ? 1 : 0) + element.children.reduce((sum, c) => sum + codingsOutsideText(c), 0);
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

function refuse(reason: string): never {
  throw new UserError(`Het project is geweigerd: ${reason}`, 'rejected');
}

export function guidOf(value: string | undefined, what: string): string {
  const match = GUID.exec((value ?? '').trim());
  if (!match) refuse(`${what} heeft geen geldige GUID ("${(value ?? '').slice(0, 60)}").`);
  return match[1]!.toLowerCase();
}

const optionalGuid = (value: string | undefined, what: string) => (value ? guidOf(value, what) : null);
const refsOf = (element: XmlElement, name: string, what: string) => childrenNamed(element, name).map((r) => guidOf(r.attrs.targetGUID, what));

export function readProject(entries: Map<string, Buffer>): ReadProject {
  const qde = entries.get(PROJECT_ENTRY) ?? [...entries].find(([name]) => name.toLowerCase() === PROJECT_ENTRY)?.[1];
  if (!qde) refuse('het archief bevat geen project.qde.');
  const root = parseXml(decodeUtf8(qde, PROJECT_ENTRY), 'Het project');
  if (root.name !== 'Project') refuse(`het hoofdelement is <${root.name}> in plaats van <Project>.`);

  const codes = readCodes(child(child(root, 'CodeBook') ?? root, 'Codes'));
  const skippedSources: string[] = [];
  const sources: RefiSource[] = [];
  let unplacedCodings = 0;
  const lineEndIsOne = countsLineEndAsOne(root.attrs.origin);
  for (const element of child(root, 'Sources')?.children ?? []) {
    unplacedCodings += codingsOutsideText(element);
    const source = readSource(element, entries, lineEndIsOne);
    if (source) sources.push(source);
    else skippedSources.push(element.attrs.name ?? element.name);
  }
  const project: RefiProject = {
    name: root.attrs.name ?? 'Geïmporteerd project',
    origin: root.attrs.origin ?? null,
    created: root.attrs.creationDateTime ?? null,
    users: childrenNamed(child(root, 'Users') ?? root, 'User').map((u) => ({ guid: guidOf(u.attrs.guid, 'Een gebruiker'), name: u.attrs.name ?? '', id: u.attrs.id ?? null })),
    codes,
    variables: childrenNamed(child(root, 'Variables') ?? root, 'Variable').map(readVariable),
    cases: childrenNamed(child(root, 'Cases') ?? root, 'Case').map((c) => ({
      guid: guidOf(c.attrs.guid, 'Een case'),
      name: c.attrs.name ?? '',
      sourceGuids: refsOf(c, 'SourceRef', 'Een verwijzing naar een bron'),
      noteGuids: [],
    })),
    sources,
    notes: childrenNamed(child(root, 'Notes') ?? root, 'Note').map((n) => readNote(n, entries)),
    sets: childrenNamed(child(root, 'Sets') ?? root, 'Set').map((s) => ({
      guid: guidOf(s.attrs.guid, 'Een set'),
      name: s.attrs.name ?? '',
      sourceGuids: refsOf(s, 'MemberSource', 'Een verwijzing naar een bron'),
      codeGuids: refsOf(s, 'MemberCode', 'Een verwijzing naar een code'),
    })),
    description: child(root, 'Description')?.text ?? '',
  };
  checkReferences(project);
  return { project, skippedSources, unplacedCodings };
}

export function readCodes(codesElement: XmlElement | undefined): RefiCode[] {
  const read = (element: XmlElement): RefiCode => ({
    guid: guidOf(element.attrs.guid, `De code "${element.attrs.name ?? ''}"`),
    name: (element.attrs.name ?? '').trim() || 'Naamloze code',
    color: /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.test(element.attrs.color ?? '') ? expandColor(element.attrs.color!) : null,
    description: child(element, 'Description')?.text ?? '',
    isCodable: element.attrs.isCodable !== 'false' && element.attrs.isCodable !== '0',
    noteGuids: refsOf(element, 'NoteRef', 'Een verwijzing naar een notitie'),
    children: childrenNamed(element, 'Code').map(read),
  });
  return codesElement ? childrenNamed(codesElement, 'Code').map(read) : [];
}

function expandColor(color: string): string {
  const hex = color.slice(1);
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`.toLowerCase();
}

function readVariable(element: XmlElement): RefiVariable {
  const type = element.attrs.typeOfVariable as RefiVariable['type'];
  return { guid: guidOf(element.attrs.guid, 'Een variabele'), name: element.attrs.name ?? '', type: type ?? 'Text' };
}

/**
 * Positions count code points of the plain text as written, so "\r\n" is two,
 * except from programs known to count a line end as one whatever the file
 * holds. QualCoder counts on its own "\n" text, also when its export writes
 * "\r\n" into the files (its "MAXQDA" line-end choice; src/qualcoder/refi.py,
 * RefiExport.export_project).
 */
export function countsLineEndAsOne(origin: string | undefined): boolean {
  return /^\s*QualCoder\b/i.test(origin ?? '');
}

function readSource(element: XmlElement, entries: Map<string, Buffer>, lineEndIsOne: boolean): RefiSource | null {
  const name = element.attrs.name ?? 'Naamloze bron';
  const base = {
    guid: guidOf(element.attrs.guid, `De bron "${name}"`),
    name,
    description: child(element, 'Description')?.text ?? '',
    creatingUser: optionalGuid(element.attrs.creatingUser, `De maker van bron "${name}"`),
    created: element.attrs.creationDateTime ?? null,
    noteGuids: refsOf(element, 'NoteRef', 'Een verwijzing naar een notitie'),
    variables: childrenNamed(element, 'VariableValue').map((v) => readValue(v, name)),
  };
  const textOf = (holder: XmlElement) => {
    const text = plainTextOf(holder, entries, name);
    return lineEndIsOne ? { ...text, plainText: text.plainText.replace(/\r\n/g, '\n') } : text;
  };
  if (element.name === 'TextSource') {
    const text = textOf(element);
    const richPath = element.attrs.richTextPath;
    const original = richPath ? { fileName: fileNameOf(richPath), data: internalFile(richPath, entries, name) } : null;
    return { ...base, kind: 'text', ...text, original, selections: readSelections(element, text.plainText, name) };
  }
  if (element.name === 'PDFSource') {
    const representation = child(element, 'Representation');
    if (!representation) return null;
    const text = textOf(representation);
    const original = element.attrs.path ? { fileName: fileNameOf(element.attrs.path), data: internalFile(element.attrs.path, entries, name) } : null;
    return { ...base, kind: 'pdf', ...text, original, selections: readSelections(representation, text.plainText, name) };
  }
  return null;
}

function plainTextOf(element: XmlElement, entries: Map<string, Buffer>, name: string): { plainText: string; plainTextBytes: Buffer | null } {
  const content = child(element, 'PlainTextContent');
  if (content) return { plainText: content.text, plainTextBytes: null };
  const path = element.attrs.plainTextPath;
  if (!path) refuse(`de bron "${name}" heeft geen tekst (geen PlainTextContent en geen plainTextPath).`);
  const bytes = internalFile(path, entries, name);
  return { plainText: decodeUtf8(bytes, name).replace(/^\uFEFF/, ''), plainTextBytes: bytes };
}

const fileNameOf = (path: string) => path.replace(/^internal:\/\//, '').split('/').pop() ?? path;

/** Only files inside the archive: a path to elsewhere on the disk would let a project read the user's files. */
function internalFile(path: string, entries: Map<string, Buffer>, name: string): Buffer {
  const match = /^internal:\/\/([^/\\]+)$/.exec(path.trim());
  if (!match) refuse(`de bron "${name}" verwijst naar een bestand buiten het project (${path.slice(0, 80)}).`);
  const wanted = `sources/${match[1]!.toLowerCase()}`;
  const found = [...entries].find(([entry]) => entry.toLowerCase() === wanted);
  if (!found) refuse(`het bestand ${match[1]} van bron "${name}" ontbreekt in het archief.`);
  return found[1];
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(`${what} is geen geldige UTF-8-tekst.`);
  }
}

function readSelections(element: XmlElement, plainText: string, sourceName: string): RefiSelection[] {
  const length = codePointLength(plainText);
  return childrenNamed(element, 'PlainTextSelection').map((s) => {
    const start = Number(s.attrs.startPosition);
    const end = Number(s.attrs.endPosition);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > length || start >= end) {
      refuse(`een fragment in bron "${sourceName}" ligt buiten de tekst (posities ${s.attrs.startPosition}–${s.attrs.endPosition}, de tekst telt ${length} tekens).`);
    }
    return {
      guid: guidOf(s.attrs.guid, `Een fragment in bron "${sourceName}"`),
      start,
      end,
      creatingUser: optionalGuid(s.attrs.creatingUser, 'De maker van een fragment'),
      created: s.attrs.creationDateTime ?? null,
      description: child(s, 'Description')?.text ?? '',
      codings: childrenNamed(s, 'Coding').map((c) => ({
        guid: guidOf(c.attrs.guid, 'Een codering'),
        codeGuid: guidOf(child(c, 'CodeRef')?.attrs.targetGUID, 'De code van een codering'),
        creatingUser: optionalGuid(c.attrs.creatingUser, 'De maker van een codering'),
        created: c.attrs.creationDateTime ?? null,
        noteGuids: refsOf(c, 'NoteRef', 'Een verwijzing naar een notitie'),
      })),
      noteGuids: refsOf(s, 'NoteRef', 'Een verwijzing naar een notitie'),
    };
  });
}

function readValue(element: XmlElement, sourceName: string): { variableGuid: string; value: RefiValue } {
  const variableGuid = guidOf(child(element, 'VariableRef')?.attrs.targetGUID, `Een variabele van bron "${sourceName}"`);
  const valueElement = element.children.find((c) => c.name.endsWith('Value'));
  const raw = valueElement?.text.trim() ?? '';
  switch (valueElement?.name) {
    case 'DateValue':
    case 'DateTimeValue':
      return { variableGuid, value: { type: 'Date', value: raw.slice(0, 10) } };
    case 'IntegerValue':
    case 'FloatValue':
      return { variableGuid, value: { type: 'Integer', value: Number(raw) } };
    case 'BooleanValue':
      return { variableGuid, value: { type: 'Boolean', value: raw === 'true' || raw === '1' } };
    default:
      return { variableGuid, value: { type: 'Text', value: raw } };
  }
}

function readNote(element: XmlElement, entries: Map<string, Buffer>): RefiNote {
  const name = element.attrs.name ?? '';
  const content = child(element, 'PlainTextContent');
  const text = content ? content.text : element.attrs.plainTextPath ? plainTextOf(element, entries, name).plainText : '';
  return {
    guid: guidOf(element.attrs.guid, 'Een notitie'),
    name,
    text,
    creatingUser: optionalGuid(element.attrs.creatingUser, 'De maker van een notitie'),
    created: element.attrs.creationDateTime ?? null,
    passage: passageOf(child(element, 'PlainTextSelection')),
  };
}

/** QualCoder writes an annotation as a note holding the PlainTextSelection it is about (RefiExport.create_annotation_note_xml). */
function passageOf(selection: XmlElement | undefined): { start: number; end: number } | null {
  const start = Number(selection?.attrs.startPosition);
  const end = Number(selection?.attrs.endPosition);
  return selection && Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start < end ? { start, end } : null;
}

/** Every coding's code, every selection's user and note must be in the project. */
function checkReferences(project: RefiProject): void {
  const codes = new Set<string>();
  const visit = (list: RefiCode[]) => list.forEach((c) => (codes.add(c.guid), visit(c.children)));
  visit(project.codes);
  const notes = new Set(project.notes.map((n) => n.guid));
  for (const source of project.sources) {
    for (const selection of source.selections) {
      for (const coding of selection.codings) {
        if (!codes.has(coding.codeGuid)) refuse(`een codering in bron "${source.name}" verwijst naar een code die niet in het codeboek staat.`);
        for (const note of coding.noteGuids) if (!notes.has(note)) refuse(`een codering in bron "${source.name}" verwijst naar een ontbrekende notitie.`);
      }
    }
  }
}
