/**
 * The comparison form of a German place name: lower case, umlauts spelled out
 * (ä → ae, ö → oe, ü → ue, ß → ss), other accents dropped, "St." spelled "sankt",
 * punctuation (brackets, slashes, dashes, dots) turned into single spaces.
 * So "Düsseldorf", "Duesseldorf" and "düsseldorf" compare equal, and so do
 * "Frankfurt (Oder)" and "Frankfurt/Oder".
 */
export function normalizePlaceName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/(^| )st( |$)/g, '$1sankt$2');
}

/** Trigrams of a normalized name, padded as pg_trgm does ("  d", " du", "dus", …). */
export function trigrams(normalized: string): Set<string> {
  const grams = new Set<string>();
  for (const word of normalized.split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Jaccard similarity of two trigram sets (pg_trgm's `similarity`). */
export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}
