import fs from 'node:fs';
import zlib from 'node:zlib';
import type { ImportFileInput } from '@beratung/shared/schemas/import-format';
import { placesFilePath, type PlacesFile } from '../src/directory/geocoding/places-file';
import { createRandom } from '../src/demo/random';
import { TOPIC_TREE } from '@beratung/shared/topics';

type CenterInput = ImportFileInput['centers'][number];

/** The sub-offers of a main area, from the shared taxonomy. */
function subOffers(area: (typeof TOPIC_TREE)[number]['key']): readonly string[] {
  return TOPIC_TREE.find((main) => main.key === area)!.children;
}

const AREAS = {
  suchtberatung: {
    label: 'Suchtberatung',
    subs: subOffers('suchtberatung'),
    text: 'Beratung und Begleitung bei Abhängigkeit von Alkohol, Drogen, Medikamenten und Glücksspiel.',
  },
  schuldnerberatung: {
    label: 'Schuldnerberatung',
    subs: subOffers('schuldnerberatung'),
    text: 'Hilfe bei Schulden, Verbraucherinsolvenz, Pfändungsschutzkonto und Haushaltsplanung.',
  },
  wohnungsnotfallhilfe: {
    label: 'Wohnungsnotfallhilfe',
    subs: subOffers('wohnungsnotfallhilfe'),
    text: 'Unterstützung bei drohendem Wohnungsverlust, Mietschulden und Wohnungslosigkeit.',
  },
} as const;
const ORGANISATIONS = [
  'Caritasverband',
  'Diakonisches Werk',
  'Arbeiterwohlfahrt',
  'Deutsches Rotes Kreuz',
  'Der Paritätische',
  'Verbraucherzentrale',
  'Stadt',
  'Kreis',
];
const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Kirchplatz', 'Marktstraße', 'Schulstraße', 'Gartenweg'];

/**
 * `count` invented centers in real German places (coordinates from the shipped geodata,
 * places weighted by population, so cities get more centers), in the import format.
 */
export function generateDirectoryCenters(count: number, seed = 42): ImportFileInput {
  const random = createRandom(seed);
  const file = JSON.parse(zlib.gunzipSync(fs.readFileSync(placesFilePath)).toString('utf8')) as PlacesFile;
  const towns = file.places.filter((place) => place[3] >= 20_000);
  const weights = towns.map((place) => Math.sqrt(place[3]));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickTown = () => {
    let r = random.next() * totalWeight;
    for (let i = 0; i < towns.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return towns[i]!;
    }
    return towns[towns.length - 1]!;
  };
  const postalCodeOf = new Map<string, string>();
  for (const [code, , , place] of file.postalCodes)
    if (!postalCodeOf.has(place)) postalCodeOf.set(place, code);

  const centers: CenterInput[] = [];
  for (let i = 0; i < count; i++) {
    const areaKey = random.pick(Object.keys(AREAS) as Array<keyof typeof AREAS>);
    const area = AREAS[areaKey];
    const subs = [...new Set([random.pick(area.subs), random.pick(area.subs)])];
    const locations = Array.from({ length: random.next() < 0.2 ? 2 : 1 }, (_, j) => {
      const town = pickTown();
      return {
        externalId: `loc-${j}`,
        isMain: j === 0,
        street: `${random.pick(STREETS)} ${1 + Math.floor(random.next() * 120)}`,
        postalCode: postalCodeOf.get(town[0]) ?? '10115',
        city: town[0],
        // within about 3 km of the town's centre
        latitude: town[1] + (random.next() - 0.5) * 0.05,
        longitude: town[2] + (random.next() - 0.5) * 0.08,
        languages: random.next() < 0.3 ? ['de', random.pick(['en', 'tr', 'ar', 'ru', 'pl'])] : ['de'],
        openingHours: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '16:00' },
          ],
          tue: [{ start: '09:00', end: '16:00' }],
          thu: [{ start: '13:00', end: '18:00' }],
          fri: [{ start: '09:00', end: '12:00' }],
        },
      };
    });
    const organisation = `${random.pick(ORGANISATIONS)} ${locations[0]!.city}`;
    centers.push({
      externalId: `bench-${i}`,
      organisation,
      name: `${area.label} ${locations[0]!.city}${i % 7 === 0 ? ' Nord' : ''} (${i})`,
      description: `${area.text} ${organisation} berät vertraulich und kostenlos.`,
      flags: { onlineChat: random.next() < 0.3, video: random.next() < 0.15 },
      holidays: { state: 'NW' },
      topics: [areaKey, ...subs],
      locations,
    });
  }
  return { format: 'beratung-centers', version: 1, centers };
}
