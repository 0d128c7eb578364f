import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { normalizePlaceName, trigramSimilarity, trigrams } from './normalize';
import { placeBase, placesFilePath, type PlacesFile } from './places-file';

/** A resolved `near` input: the point searched from and what it was understood as. */
export interface GeocodedPlace {
  lat: number;
  lon: number;
  /** What the input was understood as, e.g. "40227 Düsseldorf" or "Frankfurt am Main". */
  label: string;
  kind: 'postal_code' | 'place';
}

interface Place {
  name: string;
  lat: number;
  lon: number;
  population: number;
  postalCodeCount: number;
  /** Trigrams of the whole name and of its base ("Frankfurt am Main" → "frankfurt"). */
  grams: Set<string>;
  baseGrams: Set<string>;
}

const POSTAL_CODE = /(?:^|\D)(\d{5})(?:\D|$)/;

/**
 * Offline geocoding of German postal codes and place names (pure, in memory).
 *
 * Place names compare by their normalized form (case, umlauts, punctuation; see
 * normalizePlaceName). A name also matches places of which it is the base name without
 * a qualifier ("Frankfurt" → "Frankfurt am Main", "Frankfurt (Oder)"). When several
 * places match, the biggest wins: the highest population, then the most postal codes.
 */
export class Geocoder {
  private readonly postalCodes = new Map<string, { lat: number; lon: number; place: string }>();
  private readonly byName = new Map<string, Place[]>();
  private readonly places: Place[] = [];

  constructor(file: PlacesFile) {
    for (const [code, lat, lon, place] of file.postalCodes) this.postalCodes.set(code, { lat, lon, place });
    for (const [name, lat, lon, population, postalCodeCount] of file.places) {
      const normalized = normalizePlaceName(name);
      const base = placeBase(name);
      const place: Place = {
        name,
        lat,
        lon,
        population,
        postalCodeCount,
        grams: trigrams(normalized),
        baseGrams: trigrams(base),
      };
      this.places.push(place);
      for (const key of new Set([normalized, base])) {
        this.byName.set(key, [...(this.byName.get(key) ?? []), place]);
      }
    }
  }

  /** Number of postal codes and places known. */
  get size(): { postalCodes: number; places: number } {
    return { postalCodes: this.postalCodes.size, places: this.places.length };
  }

  /**
   * The coordinates of a postal code ("40227", also inside "40227 Düsseldorf") or a
   * place name ("Düsseldorf", "duesseldorf", "Emmerich am Rhein"); undefined if unknown.
   */
  resolve(near: string): GeocodedPlace | undefined {
    const code = POSTAL_CODE.exec(near)?.[1];
    if (code) {
      const entry = this.postalCodes.get(code);
      return (
        entry && { lat: entry.lat, lon: entry.lon, label: `${code} ${entry.place}`, kind: 'postal_code' }
      );
    }
    const normalized = normalizePlaceName(near);
    if (!normalized) return undefined;
    const candidates = this.byName.get(normalized);
    if (!candidates) return undefined;
    const exact = candidates.filter((place) => normalizePlaceName(place.name) === normalized);
    // An exact name wins over a base-name match only if it is the bigger place:
    // "Halle" is Halle (Saale) (234,000 inhabitants), not Halle (Westf.) (21,000).
    const best = [...candidates].sort(byRank)[0]!;
    const place = exact.length > 0 && byRank(exact.sort(byRank)[0]!, best) <= 0 ? exact[0]! : best;
    return { lat: place.lat, lon: place.lon, label: place.name, kind: 'place' };
  }

  /**
   * Up to `limit` known place names similar to the input, best first: by trigram
   * similarity (to the whole name or its base) in steps of 0.1, then the bigger place.
   * Names of one place (same coordinates) are suggested once.
   */
  suggest(near: string, limit = 5): string[] {
    const grams = trigrams(normalizePlaceName(near));
    if (grams.size === 0) return [];
    const scored: Array<{ place: Place; score: number }> = [];
    for (const place of this.places) {
      const similarity = Math.max(
        trigramSimilarity(grams, place.grams),
        trigramSimilarity(grams, place.baseGrams),
      );
      if (similarity >= 0.3) scored.push({ place, score: Math.round(similarity * 10) });
    }
    scored.sort((a, b) => b.score - a.score || byRank(a.place, b.place));
    const chosen: Place[] = [];
    for (const { place } of scored) {
      if (
        !chosen.some(
          (other) => other.name === place.name || (other.lat === place.lat && other.lon === place.lon),
        )
      )
        chosen.push(place);
      if (chosen.length === limit) break;
    }
    return chosen.map((place) => place.name);
  }
}

function byRank(a: Place, b: Place): number {
  return b.population - a.population || b.postalCodeCount - a.postalCodeCount || a.name.localeCompare(b.name);
}

const loaded = new Map<string, Promise<Geocoder>>();

/** Loads the shipped data file once per process (about 30 ms) and returns the Geocoder. */
export function loadGeocoder(file = placesFilePath): Promise<Geocoder> {
  let geocoder = loaded.get(file);
  if (!geocoder) {
    geocoder = (async () => {
      const json = await promisify(zlib.gunzip)(await fs.readFile(file));
      return new Geocoder(JSON.parse(json.toString('utf8')) as PlacesFile);
    })();
    loaded.set(file, geocoder);
  }
  return geocoder;
}
