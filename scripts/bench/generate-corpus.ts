/**
 * A generated corpus of fictional dossier text for the benchmark: deterministic
 * (seeded), Dutch-looking, with the domain's vocabulary so that searches hit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDocx, makePdf } from '../../tests/fixtures/make-files';
import { seededRandom } from '../../shared/seeded-random';

const WORDS = (
  'de het een en van in op met voor bij over naar dat niet ook nog wel door ' +
  'jeugdige ouders moeder vader gezin jeugdzorgwerker gedragswetenschapper teammanager voogd ' +
  'huisbezoek gesprek contact afspraak veiligheid veiligheidsplan zorgen risico ontwikkeling school ' +
  'plan aanpak evaluatie doelen hulp wachtlijst gemeente aanbieder indicatie budget overdracht ' +
  'dossier journaal rapportage verslag besluit kinderrechter ondertoezichtstelling voogdij jeugdreclassering ' +
  'geïnformeerd besproken afgesproken gezien gesproken gevraagd ingezet gewacht gestart beëindigd ' +
  'betekenisvol structureel regelmatig alleen samen tijdig passend vertraagd onduidelijk positief'
).split(' ');

function sentence(random: () => number): string {
  const length = 6 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const text = words.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

/** About 3,000 characters in lines of at most 90 characters: one page. */
export function pageLines(random: () => number): string[] {
  const lines: string[] = [];
  let line = '';
  while (lines.length < 34) {
    const next = sentence(random);
    if ((line + ' ' + next).length > 90) {
      lines.push(line);
      line = next.slice(0, 90);
    } else line = line ? `${line} ${next}` : next;
  }
  return lines;
}

export interface CorpusFile {
  path: string;
  fileName: string;
  pages: number;
  format: 'txt' | 'docx' | 'pdf';
}

/**
 * Write `count` files totalling about `count * 15` pages, a third of each
 * format. Each file depends only on its index, so a corpus can be extended:
 * `first` skips the files an earlier call wrote.
 */
export async function generateCorpus(dir: string, count: number, first = 0): Promise<CorpusFile[]> {
  mkdirSync(dir, { recursive: true });
  const files: CorpusFile[] = [];
  for (let index = first; index < count; index++) {
    const random = seededRandom(index + 1);
    const pages = 5 + ((index * 8) % 21); // 5..25 pages, 15 on average (8 and 21 are coprime)
    const content = Array.from({ length: pages }, () => pageLines(random));
    const format = (['txt', 'docx', 'pdf'] as const)[index % 3]!;
    const fileName = `bron-${String(index + 1).padStart(4, '0')}.${format}`;
    const path = join(dir, fileName);
    writeFileSync(path, await render(format, index, content));
    files.push({ path, fileName, pages, format });
  }
  return files;
}

async function render(format: 'txt' | 'docx' | 'pdf', index: number, pages: string[][]): Promise<Uint8Array | string> {
  const title = `Dossier ${index + 1}`;
  if (format === 'pdf') return makePdf(pages);
  if (format === 'docx') {
    return makeDocx([{ text: title, heading: 1 }, ...pages.flatMap((lines, page) => [{ text: `Deel ${page + 1}`, heading: 2 as const }, { text: lines.join(' ') }])]);
  }
  return `${title}\n\n${pages.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
