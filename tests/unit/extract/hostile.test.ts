import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../backend/sources/extract/extract-core';
import { DEFAULT_LIMITS, REASONS, type ExtractOutcome } from '../../../backend/sources/extract/types';
import {
  CASE_NOTE,
  makeDocx,
  makeEncryptedDocx,
  makeLyingZipBomb,
  makeOldWordDocument,
  makeZipBomb,
  makeZipWithEntries,
  makeZipWithoutDocument,
  truncate,
} from '../../fixtures/make-files';

const NOT_WORD = 'Het bestand heeft de extensie .docx maar is geen Word-document.';
const reasonOf = (outcome: ExtractOutcome) => (outcome.ok ? 'ok' : outcome.reason);

describe('unsupported files', () => {
  it('rejects an unknown extension', async () => {
    expect(reasonOf(await extractBytes(Buffer.from('x'), 'verslag.xyz'))).toBe(
      'Bestandstype .xyz wordt niet ondersteund; gebruik .txt, .docx of .pdf.',
    );
  });

  it('rejects a name without extension', async () => {
    expect(reasonOf(await extractBytes(Buffer.from('x'), 'map.v1/verslag'))).toBe(
      'Bestanden zonder extensie worden niet ondersteund; gebruik .txt, .docx of .pdf.',
    );
  });

  it('rejects a name that ends in a bare dot', async () => {
    expect(reasonOf(await extractBytes(Buffer.from('x'), 'verslag.'))).toBe(
      'Bestanden zonder extensie worden niet ondersteund; gebruik .txt, .docx of .pdf.',
    );
  });

  it('rejects an empty .docx as empty', async () => {
    expect(reasonOf(await extractBytes(new Uint8Array(0), 'leeg.docx'))).toBe(REASONS.empty);
  });
});

describe('hostile or broken Word documents', () => {
  it('rejects a text file named .docx', async () => {
    expect(reasonOf(await extractBytes(Buffer.from(CASE_NOTE.join('\n')), 'nep.docx'))).toBe(NOT_WORD);
  });

  it('rejects a zip that holds no Word document', async () => {
    expect(reasonOf(await extractBytes(makeZipWithoutDocument(), 'archief.docx'))).toBe(NOT_WORD);
  });

  it('rejects a truncated .docx', async () => {
    const half = truncate(await makeDocx([{ text: CASE_NOTE[0]! }, { text: CASE_NOTE[1]! }]));
    expect(reasonOf(await extractBytes(half, 'half.docx'))).toBe(REASONS.damaged);
  });

  it('rejects a zip bomb by its expansion ratio, without inflating it', async () => {
    const started = Date.now();
    expect(reasonOf(await extractBytes(makeZipBomb(), 'bom.docx'))).toBe(
      'Het Word-document bevat een onderdeel dat uitgepakt meer dan 200 keer zo groot wordt; dat wijst op een beschadigd of kwaadaardig bestand.',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a zip bomb that lies about its size', async () => {
    expect(reasonOf(await extractBytes(makeLyingZipBomb(), 'leugen.docx'))).toBe(REASONS.damaged);
  });

  it('rejects a zip with too many entries', async () => {
    expect(reasonOf(await extractBytes(makeZipWithEntries(5_001), 'veel.docx'))).toBe(
      'Het Word-document bestaat uit meer dan 5.000 onderdelen; dat wijst op een beschadigd of kwaadaardig bestand.',
    );
  });

  it('rejects a zip whose declared sizes add up past the limit', async () => {
    const limits = { ...DEFAULT_LIMITS, maxUncompressedBytes: 1024 * 1024 };
    const docx = await makeDocx([{ text: 'x'.repeat(2 * 1024 * 1024) }]);
    expect(reasonOf(await extractBytes(docx, 'groot.docx', limits))).toBe(
      'Het Word-document is uitgepakt groter dan 1 MB; dat is te groot om te importeren.',
    );
  });

  it('recognises a password-protected .docx (a compound file with an encrypted package)', async () => {
    expect(reasonOf(await extractBytes(makeEncryptedDocx(), 'geheim.docx'))).toBe(REASONS.passwordProtected);
  });

  it('says an old .doc renamed to .docx is either protected or old, and what to do', async () => {
    expect(reasonOf(await extractBytes(makeOldWordDocument(), 'oud.docx'))).toBe(
      'Het bestand is beveiligd met een wachtwoord of is een oud Word-document (.doc); open het in Word, sla het zonder wachtwoord op als .docx en importeer het opnieuw.',
    );
  });
});
