// npx tsx scripts/generate-nationalities.ts           rewrites the 'nationality' list of config/catalogues/code-lists.json
// npx tsx scripts/generate-nationalities.ts --check   exits 1 if the file is not what the script would write
//
// For maintainers. Fills the nationality code list with every ISO 3166-1 alpha-2 code, named in
// Spanish (es-DO) and English by the ICU data built into Node; no network. Existing items keep
// their code, labels and order (they only gain meta.iso2/countryEs/countryEn); missing countries
// are added after them, alphabetically by Spanish name. The result is committed; the server's seed
// adds new items to existing databases and never changes an item an administrator has edited.
// Needs a Node with full ICU (the default since Node 13); fails if ICU does not name 249 codes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoCountryNames, mergeNationalities, type NationalityList } from './lib/nationalities.ts';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'config', 'catalogues', 'code-lists.json');
const check = process.argv.includes('--check');

const before = fs.readFileSync(file, 'utf8');
const lists = JSON.parse(before) as NationalityList[];
const index = lists.findIndex((l) => l.key === 'nationality');
if (index < 0) throw new Error(`no 'nationality' list in ${file}`);

const countries = isoCountryNames();
const merged = mergeNationalities(lists[index], countries);
lists[index] = merged;
const after = `${JSON.stringify(lists, null, 2)}\n`;

const added = merged.items.length - JSON.parse(before).find((l: NationalityList) => l.key === 'nationality').items.length;
const source = `ICU ${process.versions.icu ?? '?'}, CLDR ${process.versions.cldr ?? '?'}, Node ${process.version}`;
if (check) {
  if (after !== before) {
    console.error(`code-lists.json is out of date: the nationality list would change (${source}).`);
    process.exit(1);
  }
  console.log(`nationality list up to date: ${merged.items.length} items (${source}).`);
} else {
  if (after !== before) fs.writeFileSync(file, after);
  console.log(`nationality list: ${merged.items.length} items, ${added} added (${source}).`);
}
