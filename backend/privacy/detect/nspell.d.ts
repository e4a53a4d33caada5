// nspell ships no types; the one call Veldwerk makes.
declare module 'nspell' {
  interface NSpell {
    correct(word: string): boolean;
  }
  export default function nspell(dictionary: { aff: Buffer | string; dic: Buffer | string }): NSpell;
}
