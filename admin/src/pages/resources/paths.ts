/**
 * JSON paths of the center profile (`$.services[0].name`) and where a server problem
 * is shown on a page: at the field with that path, or at the nearest enclosing one.
 */

export interface Problem {
  path: string;
  message: string;
}

/** Problems placed on a page: by the path of the field that shows them, and the rest. */
export interface PlacedProblems {
  byPath: Map<string, string>;
  unplaced: Problem[];
}

/** An element id for a JSON path: `$.rooms[0].name` → `p-rooms-0-name`. */
export const fieldId = (path: string) => `p${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** `$.a[0].b` → `$.a[0]` → `$.a` → `$`. */
export function parentPath(path: string): string {
  const match = /^(.*?)(\[\d+\]|\.[^.[]+|\["[^"]*"\])$/.exec(path);
  return match?.[1] || '$';
}

/** The paths `base.field` of each field of `count` list items, and each item itself. */
export function itemPaths(collection: string, count: number, fields: readonly string[]): string[] {
  const paths = [collection];
  for (let index = 0; index < count; index++) {
    const base = `${collection}[${index}]`;
    paths.push(base, ...fields.map((field) => `${base}.${field}`));
  }
  return paths;
}

/**
 * Where `path` is shown: an alias first rewrites the part of the profile the page shows
 * elsewhere (`$.availability[2]` → `$.counselors[1].availability`), then the path climbs
 * to the nearest anchor. undefined: nowhere on this page.
 */
export function anchorFor(
  path: string,
  anchors: ReadonlySet<string>,
  aliases: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  let rewritten = path;
  for (let prefix = path; ; prefix = parentPath(prefix)) {
    const alias = aliases.get(prefix);
    if (alias !== undefined) {
      rewritten = alias + path.slice(prefix.length);
      break;
    }
    if (prefix === '$') break;
  }
  let anchor = rewritten;
  while (anchor !== '$' && !anchors.has(anchor)) anchor = parentPath(anchor);
  return anchor === '$' ? undefined : anchor;
}

export function placeProblems(
  details: readonly Problem[],
  anchors: ReadonlySet<string>,
  aliases?: ReadonlyMap<string, string>,
): PlacedProblems {
  const byPath = new Map<string, string>();
  const unplaced: Problem[] = [];
  for (const problem of details) {
    const anchor = anchorFor(problem.path, anchors, aliases);
    if (anchor === undefined) {
      unplaced.push(problem);
      continue;
    }
    const previous = byPath.get(anchor);
    byPath.set(anchor, previous ? `${previous} · ${problem.message}` : problem.message);
  }
  return { byPath, unplaced };
}

/** The top-level list entry a path points into: `$.services[2].counselors[0]` → services, 2. */
export function listEntryOf(path: string): { collection: string; index: number } | undefined {
  const match = /^\$\.([A-Za-z]+)\[(\d+)\]/.exec(path);
  return match ? { collection: match[1]!, index: Number(match[2]) } : undefined;
}
