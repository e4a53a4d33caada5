/**
 * What a PDF page says outside its content stream: the values typed into form
 * fields (text, choices, ticked boxes) and the text of comments (free-text
 * boxes, sticky notes). pdf.js returns them as annotations, not as page text;
 * a filled-in form imported without them loses nearly everything the person
 * wrote. Each goes into the page text at the height where it stands: on the
 * line beside it when it shares that line (a field after its label), else
 * between the lines above and below it.
 */

/** A line of page text and where it stands (PDF user space: y grows upwards). */
export interface TextLine {
  text: string;
  y: number;
  height: number;
}

export interface PlacedText {
  text: string;
  /** The middle of the annotation's rectangle, top to bottom. */
  y: number;
  x: number;
}

/** The subset of pdf.js's annotation data read here. */
interface AnnotationData {
  subtype?: string;
  rect?: number[];
  fieldType?: string;
  fieldValue?: unknown;
  checkBox?: boolean;
  radioButton?: boolean;
  exportValue?: unknown;
  buttonValue?: unknown;
  password?: boolean;
  hidden?: boolean;
  contentsObj?: { str?: string };
  textContent?: string[];
}

const CHECKED = '☒';
const UNCHECKED = '☐';

export function annotationTexts(annotations: unknown[]): PlacedText[] {
  const texts: PlacedText[] = [];
  for (const raw of annotations) {
    const annotation = raw as AnnotationData;
    const text = textOf(annotation);
    const rect = annotation.rect;
    if (!text || !rect || rect.length < 4) continue;
    texts.push({ text, y: (rect[1]! + rect[3]!) / 2, x: Math.min(rect[0]!, rect[2]!) });
  }
  return texts;
}

function textOf(annotation: AnnotationData): string | null {
  if (annotation.hidden) return null;
  switch (annotation.subtype) {
    case 'Widget':
      return fieldText(annotation);
    case 'FreeText':
    case 'Text':
      // A comment's text; its Popup (subtype 'Popup') repeats it and is left out.
      return clean(annotation.contentsObj?.str ?? annotation.textContent?.join('\n') ?? '');
    default:
      return null;
  }
}

function fieldText(annotation: AnnotationData): string | null {
  if (annotation.password) return null;
  const value = annotation.fieldValue;
  if (annotation.checkBox || annotation.radioButton) {
    const on = annotation.radioButton ? annotation.buttonValue : annotation.exportValue;
    const checked = value !== undefined && value !== null && value !== 'Off' && (on === undefined || value === on);
    return checked ? CHECKED : UNCHECKED;
  }
  if (annotation.fieldType === 'Tx' || annotation.fieldType === 'Ch') {
    const text = Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(', ') : typeof value === 'string' ? value : '';
    return clean(text);
  }
  return null;
}

function clean(text: string): string | null {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The page's lines with the annotation texts put in: beside a line whose
 * height they share, or as a line of their own before the first line below
 * them. Lines keep their order; annotations at one height go left to right.
 */
export function placeAnnotations(lines: TextLine[], texts: PlacedText[]): TextLine[] {
  if (texts.length === 0) return lines;
  const result = lines.map((line) => ({ ...line }));
  const sorted = [...texts].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const placed of sorted) {
    const sameLine = result.findIndex((line) => line.text.trim() !== '' && Math.abs(line.y + line.height / 2 - placed.y) <= Math.max(line.height, 6) * 0.75);
    if (sameLine >= 0) {
      result[sameLine]!.text = `${result[sameLine]!.text.trimEnd()} ${placed.text}`;
      continue;
    }
    const below = result.findIndex((line) => line.y + line.height / 2 < placed.y);
    const line = { text: placed.text, y: placed.y, height: 0 };
    if (below < 0) result.push(line);
    else result.splice(below, 0, line);
  }
  return result;
}
