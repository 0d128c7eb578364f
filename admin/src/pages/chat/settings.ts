import type { Absence, CenterCard, ChatSettings } from '@beratung/shared';

/**
 * The pure part of the chat settings page (absence note, a center's chat settings) and
 * of proposing a move to another center. The limits are the server's (absenceSchema,
 * chatSettingsSchema); they are repeated here so the page need not load zod.
 */

/** Characters of the absence note the help seekers see. */
export const MAX_ABSENCE_CHARS = 500;
export const DIGEST_MINUTES = { min: 0, max: 10080 } as const;
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;

export interface AbsenceDraft {
  absent: boolean;
  message: string;
}

export function absenceDraft(absence: Absence): AbsenceDraft {
  return { absent: absence.absent, message: absence.message ?? '' };
}

/** What is saved: the note only while absent (the server drops it when someone is back). */
export function absenceFromDraft(draft: AbsenceDraft): { absent: boolean; message: string | null } {
  const message = draft.message.trim();
  return { absent: draft.absent, message: draft.absent && message ? message : null };
}

/** Characters as the server counts them (after trimming, UTF-16 code units like zod's max). */
export function absenceChars(message: string): number {
  return message.trim().length;
}

export interface SettingsDraft {
  inquiryDigestMinutes: string;
  retentionDays: string;
}

export type SettingsField = keyof SettingsDraft;

export function settingsDraft(settings: ChatSettings): SettingsDraft {
  return {
    inquiryDigestMinutes: String(settings.inquiryDigestMinutes),
    retentionDays: String(settings.retentionDays),
  };
}

/**
 * The settings to send. A value that is not a whole number is sent as typed, so that
 * the server names the problem at the field (422 with the path) like any other.
 */
export function settingsFromDraft(draft: SettingsDraft): ChatSettings {
  const number = (text: string) => {
    const value = text.trim();
    return /^\d+$/.test(value) ? Number(value) : (value as unknown as number);
  };
  return {
    inquiryDigestMinutes: number(draft.inquiryDigestMinutes),
    retentionDays: number(draft.retentionDays),
  };
}

/** The field a server problem (`$.retentionDays`) belongs to; undefined for anything else. */
export function settingsFieldOf(path: string): SettingsField | undefined {
  const field = /^\$\.(inquiryDigestMinutes|retentionDays)\b/.exec(path)?.[1];
  return field as SettingsField | undefined;
}

/** Whether a problem (`$.message`) concerns the absence note. */
export function isAbsenceMessageProblem(path: string): boolean {
  return /^\$\.message\b/.test(path);
}

/**
 * The centers a consultation can be moved to: those of the finder's online results
 * that offer the chat (not only video), other than the consultation's own center.
 */
export function transferTargets(items: readonly CenterCard[], ownCenterId: string): CenterCard[] {
  return items.filter((item) => item.flags.onlineChat && item.id !== ownCenterId);
}
