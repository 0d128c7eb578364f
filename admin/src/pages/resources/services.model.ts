import type { ImportCenter, ImportService } from '@beratung/shared/schemas/import-format';
import { itemPaths } from './paths';
import { newExternalId, optional, wholeNumber } from './form-values';
import type { ResourceModel } from './resource-model';

// Kept in step with SERVICE_MODES of the schema (a value import would pull zod into the page).
export const SERVICE_MODE_VALUES = ['on_site', 'phone', 'video'] as const;
export type ServiceMode = ImportService['mode'];

/** The number fields of a service, entered as text (whole minutes, days, seats). */
export const SERVICE_NUMBER_FIELDS = [
  'durationMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'stepMinutes',
  'minNoticeMinutes',
  'horizonDays',
  'capacity',
] as const;
export type ServiceNumberField = (typeof SERVICE_NUMBER_FIELDS)[number];

export type ServiceDraft = Record<ServiceNumberField, string> & {
  externalId: string;
  name: string;
  description: string;
  /** A topic key of the center; '' for none. */
  topic: string;
  /** externalId of the location; '' for the main location. */
  location: string;
  mode: ServiceMode;
  needsRoom: boolean;
  active: boolean;
  /** externalIds of the qualified counselors (Sachbearbeiter). */
  counselors: string[];
};

const numbersOf = (service: ImportService) =>
  Object.fromEntries(SERVICE_NUMBER_FIELDS.map((field) => [field, String(service[field])])) as Record<
    ServiceNumberField,
    string
  >;

export const servicesModel: ResourceModel<ServiceDraft[]> = {
  toDraft: (profile) =>
    profile.services.map((service) => ({
      ...numbersOf(service),
      externalId: service.externalId,
      name: service.name,
      description: service.description ?? '',
      topic: service.topic ?? '',
      location: service.location ?? '',
      mode: service.mode,
      needsRoom: service.needsRoom,
      active: service.active,
      counselors: [...service.counselors],
    })),
  fromDraft: (profile, services): { profile: ImportCenter } => ({
    profile: {
      ...profile,
      services: services.map(
        (service) =>
          ({
            externalId: service.externalId,
            name: service.name,
            description: optional(service.description),
            topic: optional(service.topic),
            location: optional(service.location),
            mode: service.mode,
            ...Object.fromEntries(SERVICE_NUMBER_FIELDS.map((field) => [field, wholeNumber(service[field])])),
            needsRoom: service.needsRoom,
            active: service.active,
            counselors: service.counselors,
          }) as ImportService,
      ),
    },
  }),
  anchors: (services) =>
    new Set(
      itemPaths('$.services', services.length, [
        'name',
        'description',
        'topic',
        'location',
        'mode',
        ...SERVICE_NUMBER_FIELDS,
        'needsRoom',
        'active',
        'counselors',
      ]),
    ),
};

/** A new service with the format's defaults, to be named and given its counselors. */
export function newService(): ServiceDraft {
  return {
    externalId: newExternalId('dienstleistung'),
    name: '',
    description: '',
    topic: '',
    location: '',
    mode: 'on_site',
    durationMinutes: '60',
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '0',
    stepMinutes: '15',
    minNoticeMinutes: '0',
    horizonDays: '60',
    capacity: '1',
    needsRoom: false,
    active: true,
    counselors: [],
  };
}
