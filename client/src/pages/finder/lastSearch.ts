/** The finder path of the last search, so a detail page can link back to its results. */
let lastSearchPath = '/finder';

export function rememberSearch(path: string): void {
  lastSearchPath = path;
}

export function lastSearch(): string {
  return lastSearchPath;
}
