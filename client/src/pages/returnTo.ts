/**
 * Where to continue after logging in or registering, carried in the query
 * (`#/login?next=/finder/…/beratung`), so a help seeker who wanted to start an online
 * counseling lands there again. Only paths of this app are followed.
 */
export function nextPath(search: URLSearchParams): string | undefined {
  const next = search.get('next');
  return next && /^\/(?![/\\])\S*$/.test(next) ? next : undefined;
}

/** `withNext('/login', '/beratungen')` → `/login?next=%2Fberatungen`. */
export function withNext(path: string, next: string | undefined): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
