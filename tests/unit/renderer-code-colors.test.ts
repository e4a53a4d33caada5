/**
 * Code colours never collide with valence colours: a negative coding must not
 * look "positive" because its norm happens to be blue, nor a neutral one
 * "negative" because its norm is red. Checked as colour-blind readers see them
 * (protanopia, deuteranopia, tritanopia simulated after Machado et al. 2009,
 * by culori) with the CIEDE2000 distance, for the palette offered to new
 * codes, its sub-code tints and the default framework; and every code colour
 * stays visible as a margin stripe on the white page (WCAG 3:1 for graphics).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  differenceCiede2000,
  filterDeficiencyDeuter,
  filterDeficiencyProt,
  filterDeficiencyTrit,
  parse,
  wcagContrast,
  type Color,
} from 'culori';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK, type DefaultCode } from '../../shared/framework-defaults';
import { VALENCES } from '../../shared/vocabulary';
import { VALENCE_COLORS } from '../../renderer/coding/valence-style';
import { PALETTE, subcodeColor } from '../../renderer/framework/palette';

/** Below this CIEDE2000 distance two colours read as "the same colour family" at a glance. */
const MIN_DISTANCE = 10;
const MIN_STRIPE_CONTRAST = 3;

const distance = differenceCiede2000();
const visions: Record<string, (color: Color) => Color> = {
  normaal: (color) => color,
  protanopie: filterDeficiencyProt(1),
  deuteranopie: filterDeficiencyDeuter(1),
  tritanopie: filterDeficiencyTrit(1),
};

function color(hex: string): Color {
  const parsed = parse(hex);
  if (!parsed) throw new Error(`geen kleur: ${hex}`);
  return parsed;
}

/** The smallest distance of `hex` to any valence colour, under any of the visions, and where. */
function closestValence(hex: string): { distance: number; where: string } {
  let closest = { distance: Infinity, where: '' };
  for (const [vision, simulate] of Object.entries(visions)) {
    for (const valence of VALENCES) {
      const d = distance(simulate(color(hex)), simulate(color(VALENCE_COLORS[valence])));
      if (d < closest.distance) closest = { distance: d, where: `${vision}, ${valence}` };
    }
  }
  return closest;
}

function frameworkColors(codes: readonly DefaultCode[]): Array<[string, string]> {
  return codes.flatMap((code) => [[code.key, code.color] as [string, string], ...frameworkColors(code.children ?? [])]);
}

const paletteWithTints = PALETTE.flatMap((hex) => [hex, ...[0, 1, 2, 3, 5].map((siblings) => subcodeColor(hex, siblings))]);

describe('codekleuren naast waarderingskleuren', () => {
  it.each(paletteWithTints)('paletkleur %s botst niet met een waardering, ook niet bij kleurenblindheid', (hex) => {
    const closest = closestValence(hex);
    expect(closest.distance, `${hex} te dicht bij ${closest.where}`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    expect(wcagContrast(hex, '#ffffff')).toBeGreaterThanOrEqual(MIN_STRIPE_CONTRAST);
  });

  it.each(frameworkColors(DEFAULT_FRAMEWORK))('standaardcode %s (%s) botst niet met een waardering', (key, hex) => {
    const closest = closestValence(hex);
    expect(closest.distance, `${key} ${hex} te dicht bij ${closest.where}`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    expect(wcagContrast(hex, '#ffffff')).toBeGreaterThanOrEqual(MIN_STRIPE_CONTRAST);
  });

  it('de normen van het standaardkader zijn onderling te onderscheiden', () => {
    const tops = DEFAULT_FRAMEWORK.map((code) => code.color);
    for (const [i, a] of tops.entries()) {
      for (const b of tops.slice(i + 1)) expect(distance(color(a), color(b)), `${a} en ${b}`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    }
  });

  it('de oude standaardkleuren (blauw contact, rood veiligheid) zouden wél botsen', () => {
    // The check itself can fail: the colours the issue reported as confusing are caught.
    expect(closestValence('#2f6fb3').distance).toBeLessThan(MIN_DISTANCE);
    expect(closestValence('#b7791f').distance).toBeLessThan(MIN_DISTANCE);
  });

  it('de CSS-variabelen van de waarderingen zijn dezelfde kleuren', () => {
    const css = readFileSync(join(__dirname, '../../renderer/evidence/evidence.css'), 'utf8');
    expect(css).toContain(`--val-pos: ${VALENCE_COLORS.positief};`);
    expect(css).toContain(`--val-neu: ${VALENCE_COLORS.neutraal};`);
    expect(css).toContain(`--val-neg: ${VALENCE_COLORS.negatief};`);
  });
});
