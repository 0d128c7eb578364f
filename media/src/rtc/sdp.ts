/**
 * Browsers hide their local addresses behind mDNS names (`….local`). The SFU does not
 * resolve them: it would send multicast queries into its own network, and it does not
 * need them, because it learns the browser's address from the browser's own
 * connectivity checks (peer-reflexive candidate).
 */
export function isMdnsCandidate(candidate: string): boolean {
  const parts = candidate
    .replace(/^a=/, '')
    .replace(/^candidate:/, '')
    .split(' ');
  return (parts[4] ?? '').toLowerCase().endsWith('.local');
}

/** Removes `a=candidate` lines with mDNS host names from a remote description. */
export function stripMdnsCandidates(sdp: string): string {
  return sdp
    .split(/\r?\n/)
    .filter((line) => !(line.startsWith('a=candidate:') && isMdnsCandidate(line)))
    .join('\r\n');
}
