/** Details of a batch's files guessed from folder names, only where a folder clearly says so. */
import { describe, expect, it } from 'vitest';
import { guessFromFolders } from '../../backend/sources/batch/guess-meta';

const institutions = [
  { id: 'noord', name: 'GI Noord' },
  { id: 'noord-oost', name: 'GI Noord-Oost' },
  { id: 'hunzedal', name: 'Stichting Jeugdbescherming Hunzedal' },
];

describe('guessing from folder names', () => {
  it('reads type, role, measure, date and institution from whole words, the deeper folder winning', () => {
    expect(guessFromFolders(['Export Stichting Jeugdbescherming Hunzedal', 'Cliëntdossiers', 'OTS', '12-03-2026'], institutions)).toEqual({
      institutionId: 'hunzedal', sourceType: 'clientdossier', role: null, measure: 'ots', date: '2026-03-12',
    });
    expect(guessFromFolders(['Interviews', 'Groepsgesprekken ouders'], institutions)).toMatchObject({ sourceType: 'groepsgesprek', role: 'ouder' });
    expect(guessFromFolders(['Gesprekken Raad van Toezicht'], institutions)).toMatchObject({ role: 'raad-van-toezicht', sourceType: null });
    expect(guessFromFolders(['Personeelsdossiers'], institutions)).toMatchObject({ sourceType: 'personeelsdossier' });
  });

  it('leaves a detail empty where the name does not clearly say it', () => {
    // Part of a word, a date that does not exist, a name two institutions match, an institution's name cut short.
    expect(guessFromFolders(['Dossierexport', 'Oudergesprekken', '2026-02-30'], institutions)).toEqual({
      institutionId: null, sourceType: null, role: null, measure: null, date: null,
    });
    expect(guessFromFolders(['GI Noord-Oost'], institutions).institutionId).toBe('noord-oost');
    expect(guessFromFolders(['GI Noord en GI Noord-Oost'], institutions).institutionId).toBeNull();
    expect(guessFromFolders(['Hunzedal'], institutions).institutionId).toBeNull();
  });
});
