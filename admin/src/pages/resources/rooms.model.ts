import type { ImportCenter } from '@beratung/shared/schemas/import-format';
import { itemPaths } from './paths';
import { newExternalId, optional } from './form-values';
import type { ResourceModel } from './resource-model';

export interface RoomDraft {
  externalId: string;
  name: string;
  /** externalId of the location; '' for none. */
  location: string;
  description: string;
}

export const roomsModel: ResourceModel<RoomDraft[]> = {
  toDraft: (profile) =>
    profile.rooms.map((room) => ({
      externalId: room.externalId,
      name: room.name,
      location: room.location ?? '',
      description: room.description ?? '',
    })),
  fromDraft: (profile, rooms): { profile: ImportCenter } => ({
    profile: {
      ...profile,
      rooms: rooms.map((room) => ({
        externalId: room.externalId,
        name: room.name,
        location: optional(room.location),
        description: optional(room.description),
      })),
    },
  }),
  anchors: (rooms) => new Set(itemPaths('$.rooms', rooms.length, ['name', 'location', 'description'])),
};

export function newRoom(profile: ImportCenter): RoomDraft {
  const main = profile.locations.find((location) => location.isMain);
  return { externalId: newExternalId('raum'), name: '', location: main?.externalId ?? '', description: '' };
}
