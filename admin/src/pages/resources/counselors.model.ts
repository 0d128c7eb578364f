import type { ImportCenter } from '@beratung/shared/schemas/import-format';
import { itemPaths } from './paths';
import { WEEKDAYS, hasHours, hoursOf, newExternalId, optional, weekOf, type Week } from './form-values';
import type { ResourceModel } from './resource-model';

/** A counselor (Sachbearbeiter:in) with the weekly hours in which they take appointments. */
export interface CounselorDraft {
  externalId: string;
  displayName: string;
  email: string;
  active: boolean;
  hours: Week;
}

/** Where a counselor's availability is shown: inside the counselor's entry. */
const hoursBase = (index: number) => `$.counselors[${index}].availability.hours`;

export const counselorsModel: ResourceModel<CounselorDraft[]> = {
  toDraft: (profile) =>
    profile.counselors.map((counselor) => ({
      externalId: counselor.externalId,
      displayName: counselor.displayName,
      email: counselor.email ?? '',
      active: counselor.active,
      hours: weekOf(profile.availability.find((entry) => entry.counselor === counselor.externalId)?.hours),
    })),
  fromDraft: (profile, counselors) => {
    const aliases = new Map<string, string>();
    const withHours = counselors.flatMap((counselor, index) => (hasHours(counselor.hours) ? [index] : []));
    withHours.forEach((index, entry) =>
      aliases.set(`$.availability[${entry}]`, `$.counselors[${index}].availability`),
    );
    const next: ImportCenter = {
      ...profile,
      counselors: counselors.map((counselor) => ({
        externalId: counselor.externalId,
        displayName: counselor.displayName,
        email: optional(counselor.email),
        active: counselor.active,
      })),
      // A counselor without hours has no entry: they take no appointments.
      availability: withHours.map((index) => ({
        counselor: counselors[index]!.externalId,
        hours: hoursOf(counselors[index]!.hours),
      })),
    };
    return { profile: next, aliases };
  },
  anchors: (counselors) => {
    const paths = itemPaths('$.counselors', counselors.length, ['displayName', 'email', 'active']);
    counselors.forEach((counselor, index) => {
      paths.push(hoursBase(index));
      for (const day of WEEKDAYS) {
        paths.push(`${hoursBase(index)}.${day}`);
        counselor.hours[day].forEach((_, j) => {
          const interval = `${hoursBase(index)}.${day}[${j}]`;
          paths.push(interval, `${interval}.start`, `${interval}.end`);
        });
      }
    });
    return new Set(paths);
  },
};

export { hoursBase as availabilityPath };

export function newCounselor(): CounselorDraft {
  return {
    externalId: newExternalId('sachbearbeiter'),
    displayName: '',
    email: '',
    active: true,
    hours: weekOf(undefined),
  };
}
