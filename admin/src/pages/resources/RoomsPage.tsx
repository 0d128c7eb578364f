import { useT } from '../../i18n';
import { EditableList } from './EditableList';
import { SelectInput, TextInput } from './fields';
import { locationLabel } from './form-values';
import { ProfileResourceForm, ResourcePage } from './ResourceEditor';
import { newRoom, roomsModel, type RoomDraft } from './rooms.model';
import { Section } from './Section';

/** Räume: the rooms of the center, for services that need one and for room absences. */
export function RoomsPage() {
  const t = useT();
  return (
    <ResourcePage title={t('rooms.title')}>
      {(center) => (
        <ProfileResourceForm
          center={center}
          model={roomsModel}
          intro={t('rooms.intro')}
          saveLabel={t('rooms.save')}
          savedText={t('rooms.saved')}
          testId="rooms-form"
        >
          {({ profile, draft, update, error }) => {
            const change = (index: number, patch: Partial<RoomDraft>) =>
              update((rooms) => rooms.map((room, i) => (i === index ? { ...room, ...patch } : room)));
            const title = (room: RoomDraft, index: number) =>
              room.name.trim()
                ? t('rooms.roomNamed', { number: index + 1, name: room.name.trim() })
                : t('rooms.room', { number: index + 1 });
            const locations = [
              { value: '', label: t('rooms.noLocation') },
              ...profile.locations.map((location) => ({
                value: location.externalId,
                label: locationLabel(location),
              })),
            ];
            return (
              <Section id="rooms-list" title={t('rooms.listTitle')}>
                <EditableList
                  path="$.rooms"
                  items={draft}
                  itemKey={(room) => room.externalId}
                  legend={title}
                  error={error}
                  empty={t('rooms.empty')}
                  addLabel={t('rooms.add')}
                  removeLabel={(room, index) => t('rooms.remove', { room: title(room, index) })}
                  onAdd={() => update((rooms) => [...rooms, newRoom(profile)], true)}
                  onRemove={(index) => update((rooms) => rooms.filter((_, i) => i !== index), true)}
                >
                  {(room, index, base) => (
                    <>
                      <TextInput
                        path={`${base}.name`}
                        label={t('rooms.name')}
                        value={room.name}
                        onChange={(name) => change(index, { name })}
                        error={error(`${base}.name`)}
                      />
                      <SelectInput
                        path={`${base}.location`}
                        label={t('rooms.location')}
                        value={room.location}
                        options={
                          locations.some((l) => l.value === room.location)
                            ? locations
                            : [...locations, { value: room.location, label: room.location }]
                        }
                        onChange={(location) => change(index, { location })}
                        error={error(`${base}.location`)}
                      />
                      <TextInput
                        path={`${base}.description`}
                        label={t('rooms.description')}
                        value={room.description}
                        onChange={(description) => change(index, { description })}
                        error={error(`${base}.description`)}
                        multiline
                        optional
                      />
                    </>
                  )}
                </EditableList>
              </Section>
            );
          }}
        </ProfileResourceForm>
      )}
    </ResourcePage>
  );
}
