/**
 * The one place where exchange exports meet the privacy code: every text an
 * export writes goes through `ExportPrivacy`. Pseudonymised (the default)
 * replaces identifying details through the one privacy pass
 * (backend/privacy/privacy-pass.ts), with the persons register and the names
 * the study knows; full leaves text as it is (the caller warns).
 *
 * Source text is harder than a quote: codings point into it, and a
 * placeholder is longer or shorter than what it replaces. The text is cut at
 * every coding boundary and each piece pseudonymised on its own, so a
 * boundary's new position is the length of the pieces before it. A boundary
 * that falls inside an identifying detail (a name, a date) would let that
 * detail escape in two halves; such a boundary is moved to the left until it
 * no longer splits one.
 */
import { privacyPass } from '../privacy/privacy-pass';
import { studyPassContext } from '../privacy/study-pass';
import type { Study } from '../study/study';

/** A text through the privacy code, and how many details it replaced. */
type Clean = (text: string) => { text: string; replaced: number };

/** The one privacy pass with the study's persons register, known names and choices. */
function cleanerFor(study: Study): Clean {
  const pass = studyPassContext(study);
  return (text) => {
    const passed = privacyPass(text, pass);
    return { text: passed.text, replaced: passed.findings.length };
  };
}

export type ExportMode = 'pseudonymised' | 'full';

export interface MappedText {
  text: string;
  /** Where a coding's start (one given) lands in the new text. */
  startOf(offset: number): number;
  /** Where a coding's end (one given) lands in the new text. */
  endOf(offset: number): number;
}

/** Characters either side of a boundary looked at to see whether it splits a detail. */
const WINDOW = 48;

export class ExportPrivacy {
  private readonly clean: Clean | null;

  constructor(study: Study, readonly mode: ExportMode) {
    this.clean = mode === 'full' ? null : cleanerFor(study);
  }

  get pseudonymised(): boolean {
    return this.clean !== null;
  }

  text(text: string): string {
    return this.clean && text ? this.clean(text).text : text;
  }

  /**
   * A source text with the coding spans carried over into the result. A start
   * inside a detail moves left and an end moves right, so the span keeps the
   * placeholder and never becomes empty.
   */
  sourceText(text: string, spans: Array<{ start: number; end: number }>): MappedText {
    const context = this.clean;
    const unchanged = { text, startOf: (offset: number) => offset, endOf: (offset: number) => offset };
    // Most of a text has nothing to replace: then nothing moves.
    if (!context || context(text).replaced === 0) return unchanged;
    const starts = new Map<number, number>();
    const ends = new Map<number, number>();
    for (const span of spans) {
      if (!starts.has(span.start)) starts.set(span.start, safeBoundary(text, span.start, -1, context));
      if (!ends.has(span.end)) ends.set(span.end, safeBoundary(text, span.end, 1, context));
    }
    const cuts = [...new Set([0, ...starts.values(), ...ends.values(), text.length])].sort((a, b) => a - b);
    const newOffset = new Map<number, number>();
    let result = '';
    for (let index = 0; index < cuts.length; index++) {
      newOffset.set(cuts[index]!, result.length);
      if (index + 1 < cuts.length) result += context(text.slice(cuts[index], cuts[index + 1])).text;
    }
    const at = (moved: Map<number, number>) => (offset: number) => newOffset.get(moved.get(offset) ?? offset) ?? result.length;
    return { text: result, startOf: at(starts), endOf: at(ends) };
  }
}

/** True when pseudonymising the two sides of a cut apart gives another text than doing it whole. */
function splitsADetail(text: string, at: number, context: Clean): boolean {
  if (at <= 0 || at >= text.length) return false;
  const left = text.slice(Math.max(0, at - WINDOW), at);
  const right = text.slice(at, at + WINDOW);
  const whole = context(left + right);
  // No detail near the cut: nothing to split.
  if (whole.replaced === 0) return false;
  return context(left).text + context(right).text !== whole.text;
}

function safeBoundary(text: string, boundary: number, step: -1 | 1, context: Clean): number {
  let at = boundary;
  while (at > 0 && at < text.length && Math.abs(boundary - at) < WINDOW && splitsADetail(text, at, context)) at += step;
  return at;
}
