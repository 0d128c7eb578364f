import { useEffect, useState } from 'react';

/** The path in the URL fragment: `#/invite/abc` → `/invite/abc`; empty → `/`. */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

/** A tiny hash router: the server only ever serves index.html, and links work without JS config. */
export function useHashPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

/** Goes to a path; `replace` keeps the current entry out of the history (redirects). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (currentPath() === path) return;
  if (options.replace) {
    window.location.replace(`#${path}`);
  } else {
    window.location.hash = path;
  }
}

/** `matchPath('/invite/:token', '/invite/abc')` → `{ token: 'abc' }`; no match → undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) {
      if (!actual) return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) return undefined;
  }
  return params;
}

/** `/finder?near=Köln` → `{ pathname: '/finder', search: URLSearchParams(near=Köln) }`. */
export function splitPath(path: string): { pathname: string; search: URLSearchParams } {
  const index = path.indexOf('?');
  if (index < 0) return { pathname: path, search: new URLSearchParams() };
  return { pathname: path.slice(0, index), search: new URLSearchParams(path.slice(index + 1)) };
}
