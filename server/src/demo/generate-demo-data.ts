import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ImportFileInput, WeekdayKey } from '@beratung/shared/schemas/import-format';
import { createRandom } from './random';

/**
 * Generates the demo data (demo-data.json next to this file) in the import format:
 * invented centers in real German cities (real postal codes and coordinates), with
 * staff, rooms, services and schedules. Deterministic: the same code writes the same
 * file, so the committed JSON can be checked against it.
 *
 *   npx tsx server/src/demo/generate-demo-data.ts
 */

type FileInput = ImportFileInput;
type CenterInput = FileInput['centers'][number];
type LocationInput = CenterInput['locations'][number];
type ServiceInput = NonNullable<CenterInput['services']>[number];
type Hours = Partial<Record<WeekdayKey, Array<{ start: string; end: string }>>>;
type State = NonNullable<CenterInput['holidays']['state']>;
type Area = 'suchtberatung' | 'schuldnerberatung' | 'wohnungsnotfallhilfe';

type Random = ReturnType<typeof createRandom>;

/** The topic taxonomy; migrations/0002_directory.sql seeds the same list. */
export const DEMO_TOPICS = [
  { key: 'suchtberatung', labelDe: 'Suchtberatung', labelEn: 'Addiction counselling', sortOrder: 10 },
  { key: 'schuldnerberatung', labelDe: 'Schuldnerberatung', labelEn: 'Debt counselling', sortOrder: 20 },
  {
    key: 'wohnungsnotfallhilfe',
    labelDe: 'Wohnungsnotfallhilfe',
    labelEn: 'Housing emergency assistance',
    sortOrder: 30,
  },
  { key: 'alkohol', parent: 'suchtberatung', labelDe: 'Alkohol', labelEn: 'Alcohol', sortOrder: 11 },
  { key: 'drogen', parent: 'suchtberatung', labelDe: 'Drogen', labelEn: 'Drugs', sortOrder: 12 },
  {
    key: 'medikamente',
    parent: 'suchtberatung',
    labelDe: 'Medikamente',
    labelEn: 'Prescription drugs',
    sortOrder: 13,
  },
  {
    key: 'essstoerungen',
    parent: 'suchtberatung',
    labelDe: 'Essstörungen',
    labelEn: 'Eating disorders',
    sortOrder: 14,
  },
  {
    key: 'gluecksspiel',
    parent: 'suchtberatung',
    labelDe: 'Glücksspiel',
    labelEn: 'Gambling',
    sortOrder: 15,
  },
  {
    key: 'medien',
    parent: 'suchtberatung',
    labelDe: 'Medien und Internet',
    labelEn: 'Media and internet use',
    sortOrder: 16,
  },
  { key: 'tabak', parent: 'suchtberatung', labelDe: 'Tabak', labelEn: 'Tobacco', sortOrder: 17 },
  {
    key: 'angehoerige',
    parent: 'suchtberatung',
    labelDe: 'Angehörige',
    labelEn: 'Family and friends',
    sortOrder: 18,
  },
  {
    key: 'insolvenz',
    parent: 'schuldnerberatung',
    labelDe: 'Verbraucherinsolvenz',
    labelEn: 'Consumer insolvency',
    sortOrder: 21,
  },
  {
    key: 'pfaendungsschutz',
    parent: 'schuldnerberatung',
    labelDe: 'Pfändungsschutz (P-Konto)',
    labelEn: 'Protection from garnishment',
    sortOrder: 22,
  },
  {
    key: 'haushaltsbudget',
    parent: 'schuldnerberatung',
    labelDe: 'Haushalts- und Budgetberatung',
    labelEn: 'Household budget advice',
    sortOrder: 23,
  },
  {
    key: 'energieschulden',
    parent: 'schuldnerberatung',
    labelDe: 'Energieschulden',
    labelEn: 'Energy debts',
    sortOrder: 24,
  },
  {
    key: 'wohnungssicherung',
    parent: 'wohnungsnotfallhilfe',
    labelDe: 'Drohender Wohnungsverlust',
    labelEn: 'Imminent loss of housing',
    sortOrder: 31,
  },
  {
    key: 'mietschulden',
    parent: 'wohnungsnotfallhilfe',
    labelDe: 'Mietschulden',
    labelEn: 'Rent arrears',
    sortOrder: 32,
  },
  {
    key: 'obdachlosigkeit',
    parent: 'wohnungsnotfallhilfe',
    labelDe: 'Hilfe bei Wohnungslosigkeit',
    labelEn: 'Help for homeless people',
    sortOrder: 33,
  },
  {
    key: 'notunterkunft',
    parent: 'wohnungsnotfallhilfe',
    labelDe: 'Notunterkunft',
    labelEn: 'Emergency shelter',
    sortOrder: 34,
  },
] as const;

const SUB_OFFERS: Record<Area, string[]> = {
  suchtberatung: [
    'alkohol',
    'drogen',
    'medikamente',
    'essstoerungen',
    'gluecksspiel',
    'medien',
    'tabak',
    'angehoerige',
  ],
  schuldnerberatung: ['insolvenz', 'pfaendungsschutz', 'haushaltsbudget', 'energieschulden'],
  wohnungsnotfallhilfe: ['wohnungssicherung', 'mietschulden', 'obdachlosigkeit', 'notunterkunft'],
};

interface Place {
  city: string;
  state: State;
  postalCode: string;
  lat: number;
  lon: number;
}

/** Real postal codes and coordinates (city or district centre), every Bundesland. */
const PLACES: Place[] = [
  { city: 'Düsseldorf', state: 'NW', postalCode: '40210', lat: 51.2203, lon: 6.7923 },
  { city: 'Berlin', state: 'BE', postalCode: '10178', lat: 52.5219, lon: 13.4132 },
  { city: 'Hamburg', state: 'HH', postalCode: '20095', lat: 53.5511, lon: 9.9937 },
  { city: 'München', state: 'BY', postalCode: '80331', lat: 48.1351, lon: 11.582 },
  { city: 'Köln', state: 'NW', postalCode: '50667', lat: 50.9375, lon: 6.9603 },
  { city: 'Frankfurt am Main', state: 'HE', postalCode: '60311', lat: 50.1109, lon: 8.6821 },
  { city: 'Stuttgart', state: 'BW', postalCode: '70173', lat: 48.7758, lon: 9.1829 },
  { city: 'Leipzig', state: 'SN', postalCode: '04109', lat: 51.3397, lon: 12.3731 },
  { city: 'Dortmund', state: 'NW', postalCode: '44135', lat: 51.5136, lon: 7.4653 },
  { city: 'Essen', state: 'NW', postalCode: '45127', lat: 51.4556, lon: 7.0116 },
  { city: 'Bremen', state: 'HB', postalCode: '28195', lat: 53.0793, lon: 8.8017 },
  { city: 'Dresden', state: 'SN', postalCode: '01067', lat: 51.0504, lon: 13.7373 },
  { city: 'Hannover', state: 'NI', postalCode: '30159', lat: 52.3759, lon: 9.732 },
  { city: 'Nürnberg', state: 'BY', postalCode: '90402', lat: 49.4521, lon: 11.0767 },
  { city: 'Duisburg', state: 'NW', postalCode: '47051', lat: 51.4344, lon: 6.7623 },
  { city: 'Bochum', state: 'NW', postalCode: '44787', lat: 51.4818, lon: 7.2162 },
  { city: 'Wuppertal', state: 'NW', postalCode: '42103', lat: 51.2562, lon: 7.1508 },
  { city: 'Bielefeld', state: 'NW', postalCode: '33602', lat: 52.0302, lon: 8.5325 },
  { city: 'Bonn', state: 'NW', postalCode: '53111', lat: 50.7374, lon: 7.0982 },
  { city: 'Münster', state: 'NW', postalCode: '48143', lat: 51.9607, lon: 7.6261 },
  { city: 'Aachen', state: 'NW', postalCode: '52062', lat: 50.7753, lon: 6.0839 },
  { city: 'Emmerich am Rhein', state: 'NW', postalCode: '46446', lat: 51.8386, lon: 6.2466 },
  { city: 'Karlsruhe', state: 'BW', postalCode: '76133', lat: 49.0069, lon: 8.4037 },
  { city: 'Mannheim', state: 'BW', postalCode: '68159', lat: 49.4875, lon: 8.466 },
  { city: 'Freiburg im Breisgau', state: 'BW', postalCode: '79098', lat: 47.999, lon: 7.8421 },
  { city: 'Heidelberg', state: 'BW', postalCode: '69117', lat: 49.3988, lon: 8.6724 },
  { city: 'Ulm', state: 'BW', postalCode: '89073', lat: 48.4011, lon: 9.9876 },
  { city: 'Augsburg', state: 'BY', postalCode: '86150', lat: 48.3705, lon: 10.8978 },
  { city: 'Regensburg', state: 'BY', postalCode: '93047', lat: 49.0134, lon: 12.1016 },
  { city: 'Würzburg', state: 'BY', postalCode: '97070', lat: 49.7913, lon: 9.9534 },
  { city: 'Ingolstadt', state: 'BY', postalCode: '85049', lat: 48.7665, lon: 11.4258 },
  { city: 'Potsdam', state: 'BB', postalCode: '14467', lat: 52.3906, lon: 13.0645 },
  { city: 'Cottbus', state: 'BB', postalCode: '03046', lat: 51.7563, lon: 14.3329 },
  { city: 'Frankfurt (Oder)', state: 'BB', postalCode: '15230', lat: 52.3471, lon: 14.5506 },
  { city: 'Bremerhaven', state: 'HB', postalCode: '27568', lat: 53.5396, lon: 8.5809 },
  { city: 'Wiesbaden', state: 'HE', postalCode: '65183', lat: 50.0782, lon: 8.2398 },
  { city: 'Kassel', state: 'HE', postalCode: '34117', lat: 51.3127, lon: 9.4797 },
  { city: 'Darmstadt', state: 'HE', postalCode: '64283', lat: 49.8728, lon: 8.6512 },
  { city: 'Rostock', state: 'MV', postalCode: '18055', lat: 54.0924, lon: 12.0991 },
  { city: 'Schwerin', state: 'MV', postalCode: '19053', lat: 53.6355, lon: 11.4012 },
  { city: 'Greifswald', state: 'MV', postalCode: '17489', lat: 54.0865, lon: 13.3923 },
  { city: 'Braunschweig', state: 'NI', postalCode: '38100', lat: 52.2689, lon: 10.5268 },
  { city: 'Osnabrück', state: 'NI', postalCode: '49074', lat: 52.2799, lon: 8.0472 },
  { city: 'Oldenburg', state: 'NI', postalCode: '26122', lat: 53.1435, lon: 8.2146 },
  { city: 'Göttingen', state: 'NI', postalCode: '37073', lat: 51.5413, lon: 9.9158 },
  { city: 'Mainz', state: 'RP', postalCode: '55116', lat: 49.9929, lon: 8.2473 },
  { city: 'Koblenz', state: 'RP', postalCode: '56068', lat: 50.3569, lon: 7.589 },
  { city: 'Trier', state: 'RP', postalCode: '54290', lat: 49.7499, lon: 6.6371 },
  { city: 'Ludwigshafen am Rhein', state: 'RP', postalCode: '67059', lat: 49.4774, lon: 8.4452 },
  { city: 'Saarbrücken', state: 'SL', postalCode: '66111', lat: 49.2402, lon: 6.9969 },
  { city: 'Neunkirchen', state: 'SL', postalCode: '66538', lat: 49.3448, lon: 7.18 },
  { city: 'Chemnitz', state: 'SN', postalCode: '09111', lat: 50.8278, lon: 12.9214 },
  { city: 'Magdeburg', state: 'ST', postalCode: '39104', lat: 52.1205, lon: 11.6276 },
  { city: 'Halle (Saale)', state: 'ST', postalCode: '06108', lat: 51.4825, lon: 11.9697 },
  { city: 'Kiel', state: 'SH', postalCode: '24103', lat: 54.3233, lon: 10.1228 },
  { city: 'Lübeck', state: 'SH', postalCode: '23552', lat: 53.8655, lon: 10.6866 },
  { city: 'Flensburg', state: 'SH', postalCode: '24937', lat: 54.7937, lon: 9.4469 },
  { city: 'Erfurt', state: 'TH', postalCode: '99084', lat: 50.9848, lon: 11.0299 },
  { city: 'Jena', state: 'TH', postalCode: '07743', lat: 50.9272, lon: 11.5892 },
  { city: 'Weimar', state: 'TH', postalCode: '99423', lat: 50.9795, lon: 11.3235 },
  { city: 'Gera', state: 'TH', postalCode: '07545', lat: 50.8803, lon: 12.0819 },
  // Second and third centers in the big cities, in other districts.
  { city: 'Düsseldorf', state: 'NW', postalCode: '40227', lat: 51.2134, lon: 6.7995 },
  { city: 'Düsseldorf', state: 'NW', postalCode: '40476', lat: 51.2452, lon: 6.7843 },
  { city: 'Berlin', state: 'BE', postalCode: '10997', lat: 52.5006, lon: 13.433 },
  { city: 'Berlin', state: 'BE', postalCode: '12043', lat: 52.4811, lon: 13.4354 },
  { city: 'Berlin', state: 'BE', postalCode: '13347', lat: 52.5486, lon: 13.3592 },
  { city: 'Hamburg', state: 'HH', postalCode: '22765', lat: 53.5531, lon: 9.9356 },
  { city: 'Hamburg', state: 'HH', postalCode: '21073', lat: 53.4608, lon: 9.9836 },
  { city: 'München', state: 'BY', postalCode: '81667', lat: 48.13, lon: 11.593 },
  { city: 'Köln', state: 'NW', postalCode: '50823', lat: 50.949, lon: 6.917 },
  { city: 'Frankfurt am Main', state: 'HE', postalCode: '60329', lat: 50.107, lon: 8.665 },
];

/** The fallback center: online-only, all three areas, in Berlin. */
const FALLBACK_PLACE: Place = {
  city: 'Berlin',
  state: 'BE',
  postalCode: '10115',
  lat: 52.5323,
  lon: 13.3846,
};

// Fictitious numbers from the ranges the Bundesnetzagentur keeps free for films and books.
const PHONE_RANGES: Record<string, string> = {
  west: '+49 221 4710',
  south: '+49 89 99998',
  north: '+49 40 66969',
  middle: '+49 69 90009',
  east: '+49 30 23125',
};
const PHONE_REGION: Record<State, keyof typeof PHONE_RANGES> = {
  NW: 'west',
  BW: 'south',
  BY: 'south',
  HH: 'north',
  SH: 'north',
  HB: 'north',
  NI: 'north',
  MV: 'north',
  HE: 'middle',
  RP: 'middle',
  SL: 'middle',
  BE: 'east',
  BB: 'east',
  SN: 'east',
  ST: 'east',
  TH: 'east',
};

const NAME_PREFIX: Record<Area, string[]> = {
  suchtberatung: [
    'Suchtberatung',
    'Fachstelle Sucht',
    'Suchthilfe',
    'Beratungsstelle für Suchtfragen',
    'Fachambulanz Sucht',
  ],
  schuldnerberatung: [
    'Schuldnerberatung',
    'Schuldner- und Insolvenzberatung',
    'Beratungsstelle Geld und Schulden',
  ],
  wohnungsnotfallhilfe: [
    'Wohnungsnotfallhilfe',
    'Fachberatung Wohnungsnot',
    'Beratungsstelle Wohnen',
    'Zentrale Beratung für Wohnungslose',
  ],
};
const NAME_SUFFIX = [
  'am Markt',
  'Altstadt',
  'Lichtblick',
  'Kompass',
  'Wegweiser',
  'Neustart',
  'Brückenschlag',
  'Anker',
  'Leuchtturm',
  'Weitblick',
  'Lindenhof',
  'am Hafen',
  'Mitte',
  'Lotse',
  'Horizont',
  'Aufwind',
  'Wendepunkt',
  'Nord',
  'Süd',
  'am Park',
];
const ORGANISATIONS = [
  (city: string) => `Verein für Sozialberatung ${city} e.V.`,
  (city: string) => `Bürgerhilfe ${city} e.V.`,
  (city: string) => `Sozialwerk ${city} e.V.`,
  (city: string) => `Hilfe zur Selbsthilfe ${city} e.V.`,
  () => 'Stiftung Lebenswege gGmbH',
  () => 'Netzwerk Soziale Hilfen gGmbH',
  (city: string) => `Gemeinsam Leben ${city} e.V.`,
  () => 'Verbund Beratung und Begleitung gGmbH',
];
const STREETS = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Kirchstraße',
  'Schillerstraße',
  'Goethestraße',
  'Lindenstraße',
  'Gartenstraße',
  'Friedrichstraße',
  'Wilhelmstraße',
  'Poststraße',
  'Marktstraße',
  'Schulstraße',
  'Bergstraße',
  'Mühlenweg',
  'Am Rathaus',
];
const STOPS = [
  'Hauptbahnhof',
  'Rathaus',
  'Marktplatz',
  'Stadtmitte',
  'Bahnhofstraße',
  'Schillerplatz',
  'Am Park',
  'Goetheplatz',
];
const PARKING = [
  'Die Parksituation ist angespannt. Wir empfehlen die Anreise mit Bus und Bahn.',
  'Ein öffentliches Parkhaus liegt zwei Gehminuten entfernt.',
  'Im Hof gibt es zwei Parkplätze für Menschen mit Behinderung.',
];
const INSTRUCTIONS = [
  'Bitte klingeln Sie bei „Beratung“.',
  'Der Eingang liegt im Hinterhof, 2. Etage.',
  'Bitte melden Sie sich am Empfang im Erdgeschoss.',
];
const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Felix',
  'Greta',
  'Hannes',
  'Ida',
  'Jonas',
  'Katharina',
  'Lukas',
  'Mara',
  'Niklas',
  'Olga',
  'Paul',
  'Rana',
  'Sebastian',
  'Tanja',
  'Ulrich',
  'Vera',
  'Wiebke',
  'Yusuf',
  'Zoe',
  'Maximilian',
  'Sophie',
  'Mehmet',
  'Laura',
  'Tobias',
  'Svetlana',
];
const LAST_NAMES = [
  'Becker',
  'Schneider',
  'Fischer',
  'Weber',
  'Wagner',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Kaya',
  'Yilmaz',
  'Nowak',
  'Schulz',
  'Brandt',
  'Vogel',
  'Peters',
  'Jung',
  'Hahn',
  'Keller',
  'Roth',
];
const EXTRA_LANGUAGES = ['en', 'tr', 'ar', 'ru', 'pl', 'uk', 'fa', 'fr', 'es', 'it'];
const ACCESSIBILITY = [
  'step_free_access',
  'elevator',
  'accessible_toilet',
  'accessible_parking',
  'hearing_loop',
  'tactile_guidance',
  'sign_language',
  'easy_language',
] as const;

const DESCRIPTIONS: Record<Area, string> = {
  suchtberatung:
    'Wir beraten Menschen mit Fragen zu Alkohol, Drogen, Medikamenten, Glücksspiel oder Mediennutzung – und ihre Angehörigen. Die Beratung ist vertraulich und kostenlos.',
  schuldnerberatung:
    'Wir helfen bei Schulden, Mahnungen und Pfändungen, erstellen einen Haushaltsplan mit Ihnen und begleiten Sie auf dem Weg in die Verbraucherinsolvenz. Kostenlos und vertraulich.',
  wohnungsnotfallhilfe:
    'Wir beraten bei drohendem Wohnungsverlust, Mietschulden und Wohnungslosigkeit, vermitteln Notunterkünfte und unterstützen bei der Suche nach Wohnraum.',
};

// Opening hours templates; the second is the one from the seed portal's back office.
const HOURS_TEMPLATES: Hours[] = [
  {
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ],
    tue: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ],
    wed: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ],
    thu: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    fri: [{ start: '09:00', end: '13:00' }],
  },
  {
    mon: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '14:00' },
    ],
    tue: [
      { start: '08:00', end: '13:00' },
      { start: '13:30', end: '17:00' },
    ],
    wed: [{ start: '13:00', end: '17:00' }],
    thu: [
      { start: '09:00', end: '11:00' },
      { start: '12:00', end: '15:00' },
    ],
    fri: [
      { start: '10:00', end: '13:00' },
      { start: '14:00', end: '16:00' },
    ],
  },
  {
    mon: [{ start: '10:00', end: '14:00' }],
    tue: [{ start: '14:00', end: '19:00' }],
    wed: [{ start: '10:00', end: '14:00' }],
    thu: [{ start: '14:00', end: '19:00' }],
    fri: [{ start: '10:00', end: '14:00' }],
  },
  {
    mon: [{ start: '08:30', end: '12:30' }],
    tue: [
      { start: '08:30', end: '12:30' },
      { start: '14:00', end: '18:00' },
    ],
    wed: [{ start: '08:30', end: '12:30' }],
    thu: [
      { start: '08:30', end: '12:30' },
      { start: '14:00', end: '18:00' },
    ],
    fri: [{ start: '08:30', end: '12:30' }],
  },
  {
    mon: [{ start: '08:00', end: '16:00' }],
    tue: [{ start: '08:00', end: '16:00' }],
    wed: [{ start: '08:00', end: '16:00' }],
    thu: [{ start: '08:00', end: '16:00' }],
    fri: [{ start: '08:00', end: '14:00' }],
    sat: [{ start: '10:00', end: '13:00' }],
  },
];

interface ServiceTemplate {
  name: string;
  mode: ServiceInput['mode'];
  durationMinutes: number;
  bufferAfterMinutes: number;
  stepMinutes: number;
  needsRoom: boolean;
  capacity?: number;
  description?: string;
  /** Offered only if the center has this sub-offer. */
  requires?: string;
}

const SERVICES: Record<Area, ServiceTemplate[]> = {
  suchtberatung: [
    {
      name: 'Erstgespräch Suchtberatung',
      mode: 'on_site',
      durationMinutes: 50,
      bufferAfterMinutes: 10,
      stepMinutes: 30,
      needsRoom: true,
      description: 'Ein erstes vertrauliches Gespräch über Ihre Situation.',
    },
    {
      name: 'Telefonische Beratung',
      mode: 'phone',
      durationMinutes: 30,
      bufferAfterMinutes: 0,
      stepMinutes: 15,
      needsRoom: false,
    },
    {
      name: 'Videoberatung',
      mode: 'video',
      durationMinutes: 45,
      bufferAfterMinutes: 15,
      stepMinutes: 30,
      needsRoom: false,
    },
    {
      name: 'Gruppe für Angehörige',
      mode: 'on_site',
      durationMinutes: 90,
      bufferAfterMinutes: 15,
      stepMinutes: 30,
      needsRoom: true,
      capacity: 8,
      requires: 'angehoerige',
    },
  ],
  schuldnerberatung: [
    {
      name: 'Erstberatung bei Schulden',
      mode: 'on_site',
      durationMinutes: 60,
      bufferAfterMinutes: 15,
      stepMinutes: 30,
      needsRoom: true,
      description: 'Bitte bringen Sie Ihre Unterlagen (Mahnungen, Verträge, Kontoauszüge) mit.',
    },
    {
      name: 'Sprechstunde P-Konto-Bescheinigung',
      mode: 'on_site',
      durationMinutes: 20,
      bufferAfterMinutes: 0,
      stepMinutes: 20,
      needsRoom: true,
      requires: 'pfaendungsschutz',
    },
    {
      name: 'Telefonische Kurzberatung',
      mode: 'phone',
      durationMinutes: 20,
      bufferAfterMinutes: 5,
      stepMinutes: 15,
      needsRoom: false,
    },
  ],
  wohnungsnotfallhilfe: [
    {
      name: 'Beratung bei drohendem Wohnungsverlust',
      mode: 'on_site',
      durationMinutes: 45,
      bufferAfterMinutes: 15,
      stepMinutes: 15,
      needsRoom: true,
    },
    {
      name: 'Telefonische Erstberatung',
      mode: 'phone',
      durationMinutes: 20,
      bufferAfterMinutes: 0,
      stepMinutes: 15,
      needsRoom: false,
    },
    {
      name: 'Videoberatung',
      mode: 'video',
      durationMinutes: 30,
      bufferAfterMinutes: 10,
      stepMinutes: 15,
      needsRoom: false,
    },
  ],
};

const ANNOUNCEMENTS = [
  'Wir planen eine neue Selbsthilfegruppe zum Thema Computerspielsucht. Bei Interesse melden Sie sich bei uns.',
  'Zwischen den Jahren ist die Beratungsstelle geschlossen. In dringenden Fällen erreichen Sie uns per Online-Beratung.',
  'Neu: offene Sprechstunde ohne Termin jeden Donnerstag von 14 bis 16 Uhr.',
  'Wegen Umbauarbeiten ist der Eingang vorübergehend über den Hof erreichbar.',
  'Unsere Telefonsprechzeiten haben sich geändert. Bitte beachten Sie die neuen Öffnungszeiten.',
];

/** UTC offset of Europe/Berlin on a date (EU rule: summer time from the last Sunday of March to the last Sunday of October). */
function berlinOffset(year: number, month: number, day: number): string {
  const lastSunday = (m: number) => {
    const last = new Date(Date.UTC(year, m, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const summer =
    (month > 3 && month < 10) ||
    (month === 3 && day >= lastSunday(3)) ||
    (month === 10 && day < lastSunday(10));
  return summer ? '+02:00' : '+01:00';
}

/** A local Berlin date-time with its offset, e.g. 2026-12-21T08:00:00+01:00. */
function local(date: string, time: string): string {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return `${date}T${time}:00${berlinOffset(year, month, day)}`;
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const round = (value: number) => Math.round(value * 10000) / 10000;

function areasFor(index: number, random: Random): Area[] {
  const areas: Area[] = ['suchtberatung', 'schuldnerberatung', 'wohnungsnotfallhilfe'];
  const main = areas[index % 3]!;
  // Some centers combine debt and housing counselling, as many real ones do.
  if (main === 'schuldnerberatung' && random.chance(0.25))
    return ['schuldnerberatung', 'wohnungsnotfallhilfe'];
  return [main];
}

function subOffers(areas: Area[], index: number, random: Random): string[] {
  return areas.flatMap((area) => {
    const all = SUB_OFFERS[area];
    // Rotate one guaranteed offer so every sub-offer is represented.
    const guaranteed = all[Math.floor(index / 3) % all.length]!;
    const extra = random.sample(all, random.int(1, Math.min(4, all.length)));
    return all.filter((key) => key === guaranteed || extra.includes(key));
  });
}

function serviceAreas(place: Place, areas: Area[], random: Random): NonNullable<CenterInput['serviceAreas']> {
  const prefix = place.postalCode.slice(0, 3);
  return areas.map((topic) => {
    const postalCodes = [`${prefix}00-${prefix}99`];
    const next = String(Number(prefix) + 1).padStart(3, '0');
    if (random.chance(0.4) && next.slice(0, 2) === prefix.slice(0, 2))
      postalCodes.push(`${next}00-${next}49`);
    return { topic, postalCodes };
  });
}

function counselorName(random: Random, used: Set<string>): { first: string; last: string } {
  for (;;) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    if (!used.has(`${first} ${last}`)) {
      used.add(`${first} ${last}`);
      return { first, last };
    }
  }
}

/** Availability inside the opening hours, on some of the open days. */
function availabilityFrom(hours: Hours, random: Random): Hours {
  const open = (Object.keys(hours) as WeekdayKey[]).filter((day) => (hours[day] ?? []).length > 0);
  const days = open.filter(() => random.chance(0.75));
  const chosen = days.length >= 2 ? days : open.slice(0, 2);
  return Object.fromEntries(chosen.map((day) => [day, hours[day]!.map((interval) => ({ ...interval }))]));
}

function buildCenter(index: number, place: Place, random: Random, usedNames: Set<string>): CenterInput {
  const first = index === 0;
  const areas: Area[] = first ? ['suchtberatung'] : areasFor(index, random);
  const mainArea = areas[0]!;
  let name = first
    ? 'Suchtberatung Rheinufer'
    : `${random.pick(NAME_PREFIX[mainArea])} ${random.pick(NAME_SUFFIX)}`;
  if (usedNames.has(`${name} ${place.city}`)) name = `${name} ${place.city}`;
  usedNames.add(`${name} ${place.city}`);
  const domain = `${slug(name)}-${slug(place.city)}.example.org`;
  const offers = first
    ? ['alkohol', 'drogen', 'medikamente', 'gluecksspiel', 'angehoerige']
    : subOffers(areas, index, random);
  const topics = [...areas, ...offers];
  const hours = HOURS_TEMPLATES[first ? 1 : random.int(0, HOURS_TEMPLATES.length - 1)]!;
  const phoneBase = PHONE_RANGES[PHONE_REGION[place.state]]!;
  const phone = (n: number) => `${phoneBase}${String(n).padStart(3, '0')}`;

  const main: LocationInput = {
    externalId: 'loc-1',
    isMain: true,
    street: `${random.pick(STREETS)} ${random.int(1, 120)}`,
    postalCode: place.postalCode,
    city: place.city,
    latitude: round(place.lat + (random.next() - 0.5) * 0.008),
    longitude: round(place.lon + (random.next() - 0.5) * 0.012),
    email: `kontakt@${domain}`,
    phone: phone((index * 7) % 1000),
    website: `https://${domain}`,
    openingHours: hours,
    transportHints: `Haltestelle ${random.pick(STOPS)} (Bus und Straßenbahn)`,
    ...(random.chance(0.6) ? { parkingHints: random.pick(PARKING) } : {}),
    ...(random.chance(0.4) ? { specialInstructions: random.pick(INSTRUCTIONS) } : {}),
    accessibility: ACCESSIBILITY.filter((feature) =>
      random.chance(feature === 'step_free_access' ? 0.7 : 0.3),
    ),
    languages: ['de', ...random.sample(EXTRA_LANGUAGES, random.int(0, 3))],
  };
  const locations: LocationInput[] = [main];
  if (!first && random.chance(0.2)) {
    locations.push({
      externalId: 'loc-2',
      name: 'Außenstelle',
      street: `${random.pick(STREETS)} ${random.int(1, 120)}`,
      postalCode: place.postalCode,
      city: place.city,
      latitude: round(place.lat + (random.next() - 0.5) * 0.03),
      longitude: round(place.lon + (random.next() - 0.5) * 0.04),
      phone: phone((index * 7 + 1) % 1000),
      openingHours: { tue: [{ start: '10:00', end: '13:00' }], thu: [{ start: '14:00', end: '17:00' }] },
      accessibility: ['step_free_access'],
      languages: ['de'],
    });
  }

  const onlineChat = first || random.chance(0.6);
  const video = random.chance(0.35);
  const usedCounselors = new Set<string>();
  const counselorCount = first ? 4 : random.int(2, 6);
  const counselors = Array.from({ length: counselorCount }, (_, i) => {
    if (first && i === 0) {
      // The demo counselor login (seed-demo.ts) has this address, so the two can be linked.
      return { externalId: 'cns-1', displayName: 'Berater*in (Demo)', email: 'beratung@demo.beratung.local' };
    }
    const person = counselorName(random, usedCounselors);
    return {
      externalId: `cns-${i + 1}`,
      displayName: `${person.first} ${person.last}`,
      ...(random.chance(0.8) ? { email: `${slug(person.first)}.${slug(person.last)}@${domain}` } : {}),
    };
  });
  const availability = counselors.map((counselor) => ({
    counselor: counselor.externalId,
    hours: availabilityFrom(hours, random),
  }));

  const roomCount = random.int(1, 3);
  const rooms = Array.from({ length: roomCount }, (_, i) => ({
    externalId: `room-${i + 1}`,
    name: i === 2 ? 'Gruppenraum' : `Beratungsraum ${i + 1}`,
    location: 'loc-1',
  }));

  const templates = SERVICES[mainArea].filter(
    (template) =>
      (template.requires === undefined || offers.includes(template.requires)) &&
      (template.mode !== 'video' || video),
  );
  const serviceCount = first ? 3 : random.int(1, Math.min(3, templates.length));
  const services = templates.slice(0, serviceCount).map((template, i) => ({
    externalId: `svc-${i + 1}`,
    name: template.name,
    ...(template.description ? { description: template.description } : {}),
    topic: mainArea,
    mode: template.mode,
    durationMinutes: template.durationMinutes,
    bufferAfterMinutes: template.bufferAfterMinutes,
    stepMinutes: template.stepMinutes,
    needsRoom: template.needsRoom,
    minNoticeMinutes: random.pick([60, 120, 720, 1440]),
    horizonDays: random.pick([28, 42, 60, 90]),
    ...(template.capacity ? { capacity: template.capacity } : {}),
    counselors: random
      .sample(
        counselors.map((counselor) => counselor.externalId),
        random.int(1, counselors.length),
      )
      .sort(),
  }));

  const announcements: NonNullable<CenterInput['announcements']> = [];
  if (first || random.chance(0.4)) {
    announcements.push({
      externalId: 'ann-1',
      text: random.pick(ANNOUNCEMENTS),
      startsAt: local('2026-10-01', '00:00'),
    });
  }
  if (first || random.chance(0.25)) {
    // Already over: stays in the data, is not shown any more.
    announcements.push({
      externalId: 'ann-2',
      text: 'Am 3. Oktober 2025 bleibt die Beratungsstelle geschlossen.',
      startsAt: local('2025-09-15', '00:00'),
      endsAt: local('2025-10-04', '00:00'),
    });
  }

  const absences: NonNullable<CenterInput['absences']> = [];
  if (first || random.chance(0.35)) {
    absences.push({
      externalId: 'abs-1',
      counselor: 'cns-2',
      startsAt: local('2026-12-21', '00:00'),
      endsAt: local('2027-01-02', '00:00'),
      reason: 'Urlaub',
    });
  }
  if (random.chance(0.15)) {
    absences.push({
      externalId: 'abs-2',
      room: 'room-1',
      startsAt: local('2027-02-08', '07:00'),
      endsAt: local('2027-02-12', '18:00'),
      reason: 'Renovierung',
    });
  }
  if (random.chance(0.15)) {
    absences.push({
      externalId: 'abs-3',
      startsAt: local('2027-06-18', '12:00'),
      endsAt: local('2027-06-18', '18:00'),
      reason: 'Betriebsausflug',
    });
  }

  const absenceSeries: NonNullable<CenterInput['absenceSeries']> = [];
  if (first || random.chance(0.5)) {
    absenceSeries.push({
      externalId: 'ser-1',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startDate: '2026-09-01',
      endDate: '2027-12-31',
      start: '12:00',
      end: '13:00',
      reason: 'Teamsitzung',
    });
  }
  if (first || random.chance(0.3)) {
    absenceSeries.push({
      externalId: 'ser-2',
      counselor: 'cns-1',
      rrule: 'FREQ=WEEKLY;BYDAY=FR',
      startDate: '2026-11-01',
      wholeDay: true,
      reason: 'Teilzeit',
    });
  }
  if (random.chance(0.25)) {
    absenceSeries.push({
      externalId: 'ser-3',
      counselor: counselors[counselors.length - 1]!.externalId,
      rrule: 'FREQ=MONTHLY;BYDAY=1WE',
      startDate: '2026-10-01',
      endDate: '2027-09-30',
      start: '14:00',
      end: '16:00',
      reason: 'Supervision',
    });
  }
  if (random.chance(0.15)) {
    absenceSeries.push({
      externalId: 'ser-4',
      room: 'room-1',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      startDate: '2026-11-02',
      start: '08:00',
      end: '10:00',
      reason: 'Raum belegt (Gruppe)',
    });
  }

  return {
    externalId: `demo-${String(index + 1).padStart(3, '0')}`,
    organisation: first ? 'Verein für Suchthilfe am Rhein e.V.' : random.pick(ORGANISATIONS)(place.city),
    name,
    description: DESCRIPTIONS[mainArea],
    website: `https://${domain}`,
    flags: { onlineChat, video, onSite: true, anonymous: onlineChat && random.chance(0.7) },
    holidays: { state: place.state, observe: !random.chance(0.05) },
    locations,
    topics,
    serviceAreas: serviceAreas(place, areas, random),
    announcements,
    rooms,
    services,
    counselors,
    availability,
    absences,
    absenceSeries,
  };
}

function fallbackCenter(index: number, random: Random): CenterInput {
  const domain = 'online-beratung-bundesweit.example.org';
  const counselors = ['Nora Albrecht', 'Emil Sommer', 'Leyla Demir'].map((displayName, i) => ({
    externalId: `cns-${i + 1}`,
    displayName,
  }));
  const hours: Hours = {
    mon: [{ start: '09:00', end: '18:00' }],
    tue: [{ start: '09:00', end: '18:00' }],
    wed: [{ start: '09:00', end: '18:00' }],
    thu: [{ start: '09:00', end: '20:00' }],
    fri: [{ start: '09:00', end: '15:00' }],
  };
  return {
    externalId: `demo-${String(index + 1).padStart(3, '0')}`,
    organisation: 'Verbund Beratung und Begleitung gGmbH',
    name: 'Online-Beratung bundesweit',
    description:
      'Anonyme Online-Beratung zu Sucht, Schulden und Wohnungsnot für alle, in deren Region (noch) keine Beratungsstelle online erreichbar ist.',
    website: `https://${domain}`,
    fallback: true,
    flags: { onlineChat: true, video: true, onSite: false, anonymous: true },
    holidays: { state: FALLBACK_PLACE.state, observe: true },
    locations: [
      {
        externalId: 'loc-1',
        isMain: true,
        street: 'Friedrichstraße 12',
        postalCode: FALLBACK_PLACE.postalCode,
        city: FALLBACK_PLACE.city,
        latitude: FALLBACK_PLACE.lat,
        longitude: FALLBACK_PLACE.lon,
        email: `kontakt@${domain}`,
        phone: `${PHONE_RANGES.east}999`,
        openingHours: hours,
        languages: ['de', 'en', 'tr', 'ar'],
      },
    ],
    topics: ['suchtberatung', 'schuldnerberatung', 'wohnungsnotfallhilfe'],
    counselors,
    availability: counselors.map((counselor) => ({
      counselor: counselor.externalId,
      hours: availabilityFrom(hours, random),
    })),
    services: [
      {
        externalId: 'svc-1',
        name: 'Videoberatung',
        topic: 'suchtberatung',
        mode: 'video',
        durationMinutes: 45,
        bufferAfterMinutes: 15,
        stepMinutes: 15,
        counselors: ['cns-1', 'cns-2', 'cns-3'],
      },
      {
        externalId: 'svc-2',
        name: 'Telefonberatung',
        topic: 'schuldnerberatung',
        mode: 'phone',
        durationMinutes: 30,
        stepMinutes: 15,
        counselors: ['cns-2', 'cns-3'],
      },
    ],
  };
}

/** The demo data, deterministic. */
export function generateDemoData(): FileInput {
  const random = createRandom(20261123);
  const usedNames = new Set<string>();
  const centers = PLACES.map((place, index) => buildCenter(index, place, random, usedNames));
  centers.push(fallbackCenter(centers.length, random));
  return {
    $schema: '../../../docs/import-format.schema.json',
    format: 'beratung-centers',
    version: 1,
    topics: DEMO_TOPICS.map((topic) => ({ ...topic })),
    centers,
  };
}

/** The JSON text as committed (2-space indentation, final newline). */
export function demoDataJson(): string {
  return `${JSON.stringify(generateDemoData(), null, 2)}\n`;
}

export const demoDataPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-data.json');

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const json = demoDataJson();
  fs.writeFileSync(demoDataPath, json);
  console.log(
    `Wrote ${path.relative(process.cwd(), demoDataPath)} (${generateDemoData().centers.length} centers, ${(json.length / 1024).toFixed(0)} KiB)`,
  );
}
