/**
 * What a Veldwerk coding carries beyond its code (valence, citeerbaar) has no
 * place in QDA-XML. It travels as extra codes under one group, each applied
 * to the same selection as the norm: every QDA program shows and counts them,
 * and Veldwerk reads them back. Their guids are fixed, so they are recognised
 * in any project, also after a rename in another program.
 */
import type { RefiCode } from './refi-model';
import type { Valence } from '../../shared/vocabulary';

export const ATTRIBUTE_GROUP_GUID = '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d00';
export const VALENCE_GUIDS: Record<Exclude<Valence, 'neutraal'>, string> = {
  positief: '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d01',
  negatief: '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d02',
};
export const QUOTABLE_GUID = '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d03';

const leaf = (guid: string, name: string, color: string, description: string): RefiCode => ({
  guid,
  name,
  color,
  description,
  isCodable: true,
  noteGuids: [],
  children: [],
});

export function attributeCodes(): RefiCode {
  return {
    guid: ATTRIBUTE_GROUP_GUID,
    name: 'Veldwerk-kenmerken',
    color: '#777777',
    description: 'Kenmerken van een codering in Veldwerk: valentie en of het fragment citeerbaar is. Een fragment zonder valentiecode is neutraal.',
    isCodable: false,
    noteGuids: [],
    children: [
      leaf(VALENCE_GUIDS.positief, 'Valentie: positief', '#3a9a4a', 'Het fragment laat zien dat aan de norm wordt voldaan.'),
      leaf(VALENCE_GUIDS.negatief, 'Valentie: negatief', '#c0392b', 'Het fragment laat zien dat niet aan de norm wordt voldaan.'),
      leaf(QUOTABLE_GUID, 'Citeerbaar', '#8e44ad', 'Het fragment mag als citaat in een rapport.'),
    ],
  };
}

export function isAttributeCode(guid: string): boolean {
  return guid.toLowerCase().startsWith('6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d0');
}
