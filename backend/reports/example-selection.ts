/**
 * Good examples ("Mooi voorbeeld") in a draft: a selection, not every coding.
 * A national round codes thousands of passages as a good example; a draft
 * that boxes them all runs to well over a thousand pages. So a section shows
 * at most a few, spread over the institutions in turn, those the inspectors
 * marked quotable first (they chose them to be read), then those with a note;
 * the rest is counted in one sentence that stays true of the data.
 */
import { count, plural } from './phrasing';

interface ExampleLike {
  institutionId: string;
  quotable: boolean;
  note: string;
}

export interface ExampleSelection<T> {
  shown: T[];
  /** The examples not shown. */
  left: T[];
}

/** How much the inspectors said about an example: quotable, then with a note, then neither. */
const rank = (example: ExampleLike) => (example.quotable ? 0 : example.note.trim() ? 1 : 2);

/** Up to `max` examples: per institution in rank order (stable), taken from each institution in turn. */
export function selectExamples<T extends ExampleLike>(examples: readonly T[], max: number): ExampleSelection<T> {
  const queues = new Map<string, T[]>();
  for (const example of [...examples].sort((a, b) => rank(a) - rank(b))) {
    const queue = queues.get(example.institutionId);
    if (queue) queue.push(example);
    else queues.set(example.institutionId, [example]);
  }
  const shown: T[] = [];
  const lists = [...queues.values()];
  for (let round = 0; shown.length < max && lists.some((list) => list.length > round); round++) {
    for (const list of lists) if (round < list.length && shown.length < max) shown.push(list[round]!);
  }
  const picked = new Set(shown);
  return { shown, left: examples.filter((example) => !picked.has(example)) };
}

/** "Daarnaast zijn 12 andere passages als goed voorbeeld gecodeerd, bij 3 instellingen (waarvan 4 citeerbaar); ze staan niet in dit rapport." */
export function examplesLeftSentence(left: readonly ExampleLike[], severalInstitutions: boolean, codeName: string): string | null {
  if (left.length === 0) return null;
  const institutions = new Set(left.map((example) => example.institutionId)).size;
  const quotable = left.filter((example) => example.quotable).length;
  const where = severalInstitutions ? `, bij ${plural(institutions, 'instelling', 'instellingen')}` : '';
  // One passage left: "waarvan 1" of one would read oddly.
  const chosen = quotable === 0 ? '' : left.length === 1 ? ' (als citeerbaar gemarkeerd)' : ` (waarvan ${count(quotable)} als citeerbaar gemarkeerd)`;
  const subject = left.length === 1 ? `is ${plural(1, 'andere passage', 'andere passages')}` : `zijn ${plural(left.length, 'andere passage', 'andere passages')}`;
  return `Daarnaast ${subject} als goed voorbeeld gecodeerd${where}${chosen}; ${left.length === 1 ? 'die staat' : 'die staan'} niet in dit rapport, maar ${left.length === 1 ? 'is' : 'zijn'} in Veldwerk terug te vinden onder de code ‘${codeName}’.`;
}
