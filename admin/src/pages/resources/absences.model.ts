import type {
  ImportAbsence,
  ImportAbsenceSeries,
  ImportCenter,
} from '@beratung/shared/schemas/import-format';
import { itemPaths } from './paths';
import { newExternalId, optional } from './form-values';
import { buildRecurrence, parseRecurrence, type RecurrencePattern } from './rrule-pattern';
import type { ResourceModel } from './resource-model';
import { fromZonedInput, toZonedInput } from './zoned-time';

/** Whose absence: '' the whole center, 'counselor:<externalId>' or 'room:<externalId>'. */
export type Owner = '' | `counselor:${string}` | `room:${string}`;

export interface AbsenceDraft {
  externalId: string;
  owner: Owner;
  /** datetime-local values in the center's zone */
  startsAt: string;
  endsAt: string;
  reason: string;
}

export interface SeriesDraft {
  externalId: string;
  owner: Owner;
  pattern: RecurrencePattern;
  startDate: string;
  endDate: string;
  wholeDay: boolean;
  start: string;
  end: string;
  reason: string;
}

export interface AbsencesDraft {
  timezone: string;
  absences: AbsenceDraft[];
  series: SeriesDraft[];
}

export function ownerOf(entry: { counselor?: string | undefined; room?: string | undefined }): Owner {
  if (entry.counselor !== undefined) return `counselor:${entry.counselor}`;
  if (entry.room !== undefined) return `room:${entry.room}`;
  return '';
}

export function ownerFields(owner: Owner): { counselor?: string; room?: string } {
  if (owner.startsWith('counselor:')) return { counselor: owner.slice('counselor:'.length) };
  if (owner.startsWith('room:')) return { room: owner.slice('room:'.length) };
  return {};
}

/** The series as the preview call and the profile take it (without id, owner and reason). */
export function seriesRule(series: SeriesDraft) {
  return {
    rrule: buildRecurrence(series.pattern),
    startDate: series.startDate.trim(),
    endDate: optional(series.endDate),
    wholeDay: series.wholeDay,
    start: series.wholeDay ? undefined : optional(series.start),
    end: series.wholeDay ? undefined : optional(series.end),
  };
}

const ownerAliases = (collection: string, count: number, aliases: Map<string, string>) => {
  for (let index = 0; index < count; index++) {
    aliases.set(`${collection}[${index}].counselor`, `${collection}[${index}].owner`);
    aliases.set(`${collection}[${index}].room`, `${collection}[${index}].owner`);
  }
};

export const absencesModel: ResourceModel<AbsencesDraft> = {
  toDraft: (profile) => ({
    timezone: profile.timezone,
    absences: profile.absences.map((absence) => ({
      externalId: absence.externalId,
      owner: ownerOf(absence),
      startsAt: toZonedInput(absence.startsAt, profile.timezone),
      endsAt: toZonedInput(absence.endsAt, profile.timezone),
      reason: absence.reason ?? '',
    })),
    series: profile.absenceSeries.map((series) => ({
      externalId: series.externalId,
      owner: ownerOf(series),
      pattern: parseRecurrence(series.rrule),
      startDate: series.startDate,
      endDate: series.endDate ?? '',
      wholeDay: series.wholeDay,
      start: series.start ?? '',
      end: series.end ?? '',
      reason: series.reason ?? '',
    })),
  }),
  fromDraft: (profile, draft) => {
    const aliases = new Map<string, string>();
    ownerAliases('$.absences', draft.absences.length, aliases);
    ownerAliases('$.absenceSeries', draft.series.length, aliases);
    const next: ImportCenter = {
      ...profile,
      absences: draft.absences.map((absence): ImportAbsence => ({
        externalId: absence.externalId,
        ...ownerFields(absence.owner),
        startsAt: fromZonedInput(absence.startsAt, draft.timezone),
        endsAt: fromZonedInput(absence.endsAt, draft.timezone),
        reason: optional(absence.reason),
      })),
      absenceSeries: draft.series.map((series): ImportAbsenceSeries => ({
        externalId: series.externalId,
        ...ownerFields(series.owner),
        ...seriesRule(series),
        reason: optional(series.reason),
      })),
    };
    return { profile: next, aliases };
  },
  anchors: (draft) =>
    new Set([
      ...itemPaths('$.absences', draft.absences.length, ['owner', 'startsAt', 'endsAt', 'reason']),
      ...itemPaths('$.absenceSeries', draft.series.length, [
        'owner',
        'rrule',
        'startDate',
        'endDate',
        'wholeDay',
        'start',
        'end',
        'reason',
      ]),
    ]),
};

export function newAbsence(today: string): AbsenceDraft {
  return {
    externalId: newExternalId('abwesenheit'),
    owner: '',
    startsAt: `${today}T08:00`,
    endsAt: `${today}T17:00`,
    reason: '',
  };
}

export function newSeries(today: string, pattern: RecurrencePattern): SeriesDraft {
  return {
    externalId: newExternalId('abwesenheitsserie'),
    owner: '',
    pattern,
    startDate: today,
    endDate: '',
    wholeDay: false,
    start: '12:00',
    end: '13:00',
    reason: '',
  };
}
