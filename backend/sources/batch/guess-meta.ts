/**
 * A file's details guessed from the names of the folders it sits in, only
 * where a folder clearly says so: a whole word that names a source type, a
 * role or a measure ("Interviews ouders", "Dossiers OTS"), a known
 * institution's full name, a date written out (2026-03-12 or 12-03-2026).
 * A deeper folder is more specific, so it wins; everything else stays empty
 * for the user to fill in.
 */
import type { Measure, Role, SourceType } from '../../../shared/vocabulary';
import type { Institution } from '../../../shared/api/types';

export interface GuessedMeta {
  institutionId: string | null;
  sourceType: SourceType | null;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
}

const SOURCE_TYPE_WORDS: Record<string, SourceType> = words<SourceType>({
  clientdossier: 'clientdossier clientdossiers dossier dossiers',
  personeelsdossier: 'personeelsdossier personeelsdossiers',
  beleidsdocument: 'beleid beleidsdocument beleidsdocumenten beleidsstukken',
  interview: 'interview interviews',
  groepsgesprek: 'groepsgesprek groepsgesprekken',
  uitspraak: 'uitspraak uitspraken beschikking beschikkingen vonnis vonnissen',
});

const ROLE_WORDS: Record<string, Role> = words<Role>({
  jeugdige: 'jeugdige jeugdigen jongere jongeren kind kinderen',
  ouder: 'ouder ouders',
  jeugdzorgwerker: 'jeugdzorgwerker jeugdzorgwerkers jeugdbeschermer jeugdbeschermers gezinsmanager gezinsmanagers jeugdreclasseerder jeugdreclasseerders',
  gedragswetenschapper: 'gedragswetenschapper gedragswetenschappers',
  manager: 'teammanager teammanagers manager managers',
  bestuurder: 'bestuurder bestuurders bestuur',
  'raad-van-toezicht': 'rvt',
  clientenraad: 'clientenraad',
  ondernemingsraad: 'ondernemingsraad',
  ketenpartner: 'ketenpartner ketenpartners',
  gemeente: 'gemeente gemeenten gemeentes',
});

const MEASURE_WORDS: Record<string, Measure> = words<Measure>({
  ots: 'ots ondertoezichtstelling',
  voogdij: 'voogdij',
  jeugdreclassering: 'jr jeugdreclassering',
});

/** `folders`: the folder names from the outermost in; the file's own name is not among them. */
export function guessFromFolders(folders: readonly string[], institutions: readonly Institution[]): GuessedMeta {
  const guess: GuessedMeta = { institutionId: null, sourceType: null, role: null, measure: null, date: null };
  for (const folder of folders) {
    const folded = fold(folder);
    const tokens = folded.split(/[^a-z0-9]+/).filter(Boolean);
    const phrase = ` ${tokens.join(' ')} `;
    guess.sourceType = firstWord(tokens, SOURCE_TYPE_WORDS) ?? guess.sourceType;
    guess.role = (phrase.includes(' raad van toezicht ') ? 'raad-van-toezicht' : firstWord(tokens, ROLE_WORDS)) ?? guess.role;
    guess.measure = firstWord(tokens, MEASURE_WORDS) ?? guess.measure;
    guess.institutionId = institutionIn(phrase, institutions) ?? guess.institutionId;
    guess.date = dateIn(folder) ?? guess.date;
  }
  return guess;
}

function words<T extends string>(lists: Partial<Record<T, string>>): Record<string, T> {
  const map: Record<string, T> = {};
  for (const [value, list] of Object.entries(lists) as Array<[T, string]>) for (const word of list.split(' ')) map[word] = value;
  return map;
}

function firstWord<T>(tokens: readonly string[], map: Record<string, T>): T | null {
  for (const token of tokens) if (Object.hasOwn(map, token)) return map[token]!;
  return null;
}

/** Lower case without diacritics, so "Cliëntdossiers" and "clientdossiers" read alike. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');
}

/**
 * The one institution whose whole name occurs in the folder's name; null when
 * none or more than one do. Longer names are taken out first, so "GI Noord-Oost"
 * is not also read as "GI Noord".
 */
function institutionIn(phrase: string, institutions: readonly Institution[]): string | null {
  const named = institutions
    .map((institution) => ({ id: institution.id, name: ` ${fold(institution.name).split(/[^a-z0-9]+/).filter(Boolean).join(' ')} ` }))
    .filter((institution) => institution.name.trim() !== '')
    .sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  let rest = phrase;
  for (const institution of named) {
    if (!rest.includes(institution.name)) continue;
    found.push(institution.id);
    rest = rest.split(institution.name).join(' | ');
  }
  return found.length === 1 ? found[0]! : null;
}

function dateIn(folder: string): string | null {
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(folder);
  const dutch = /(?<!\d)(\d{2})-(\d{2})-(\d{4})(?!\d)/.exec(folder);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : [];
  if (!year) return null;
  const value = `${year}-${month}-${day}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}
