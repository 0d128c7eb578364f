import { parseDate, parseTime, formatDate, type ZoneCalendar } from '../scheduling/local-time';
import { seriesDays } from '../scheduling/series';

export interface SeriesPreviewInput {
  rrule: string;
  startDate: string;
  endDate?: string;
  wholeDay: boolean;
  start?: string;
  end?: string;
  limit: number;
}

/**
 * The first `limit` occurrences of an absence series as instants in the center's zone,
 * so an admin sees what a rule does before saving it (an end at or before the start
 * ends on the next day, as the engine reads it).
 */
export function previewSeries(
  input: SeriesPreviewInput,
  cal: ZoneCalendar,
): { occurrences: Array<{ date: string; start: string; end: string }>; more: boolean } {
  const first = parseDate(input.startDate);
  const last = input.endDate === undefined ? first + 5 * 366 : parseDate(input.endDate);
  const series = {
    rrule: input.rrule,
    startDate: input.startDate,
    endDate: input.endDate,
    allDay: input.wholeDay,
    startTime: input.start,
    endTime: input.end,
  };
  const days = seriesDays(series, first, Math.min(last, first + 5 * 366)).slice(0, input.limit + 1);
  const startMinute = input.wholeDay ? 0 : parseTime(input.start!);
  let endMinute = input.wholeDay ? 1440 : parseTime(input.end!);
  if (endMinute <= startMinute) endMinute += 1440;
  return {
    occurrences: days.slice(0, input.limit).map((day) => ({
      date: formatDate(day),
      start: cal.formatISO(cal.boundary(day, startMinute)),
      end: cal.formatISO(cal.boundary(day + Math.floor(endMinute / 1440), endMinute % 1440)),
    })),
    more: days.length > input.limit,
  };
}
