/**
 * Absences are instants; the back office shows and edits them as wall-clock times of
 * the center's time zone (what the center means by "Montag 9 Uhr"), whatever zone the
 * browser is in. Values of a datetime-local input: 'YYYY-MM-DDTHH:mm'.
 */

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function wallClock(ms: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Minutes east of UTC of `zone` at the instant `ms`. */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');
const offsetText = (minutes: number) =>
  `${minutes >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

/** An instant as the value of a datetime-local input, in `zone`; unparseable → ''. */
export function toZonedInput(iso: string | undefined, zone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const w = wallClock(ms, zone);
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}`;
}

/**
 * A datetime-local value read in `zone` as ISO 8601 with that zone's offset, e.g.
 * '2026-10-27T12:00' in Europe/Berlin → '2026-10-27T12:00:00+01:00'. Something that is
 * no such value is returned as typed, for the server to name the problem.
 */
export function fromZonedInput(value: string, zone: string): string {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return value.trim();
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the guessed instant, checked once more: right also next to a DST change.
  let offset = zoneOffsetMinutes(asUtc, zone);
  offset = zoneOffsetMinutes(asUtc - offset * 60_000, zone);
  return `${value.trim()}:00${offsetText(offset)}`;
}
