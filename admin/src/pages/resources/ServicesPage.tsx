import { isTopicKey } from '@beratung/shared/topics';
import { useT, type MessageKey } from '../../i18n';
import { BookingSettingsSection } from './BookingSettingsSection';
import { EditableList } from './EditableList';
import { CheckboxField, CheckboxGroup, SelectInput, TextInput } from './fields';
import { locationLabel } from './form-values';
import { ProfileResourceForm, ResourcePage } from './ResourceEditor';
import { Section } from './Section';
import {
  SERVICE_MODE_VALUES,
  newService,
  servicesModel,
  type ServiceDraft,
  type ServiceNumberField,
} from './services.model';

/** Which number fields stand together in one row, and their unit. */
const NUMBER_ROWS: ReadonlyArray<ReadonlyArray<ServiceNumberField>> = [
  ['durationMinutes', 'stepMinutes', 'capacity'],
  ['bufferBeforeMinutes', 'bufferAfterMinutes'],
  ['minNoticeMinutes', 'horizonDays'],
];

/** Dienstleistungen: what can be booked, how long, by whom, and the booking settings. */
export function ServicesPage() {
  const t = useT();
  return (
    <ResourcePage title={t('services.title')}>
      {(center) => (
        <>
          <ProfileResourceForm
            center={center}
            model={servicesModel}
            intro={t('services.intro')}
            saveLabel={t('services.save')}
            savedText={t('services.saved')}
            testId="services-form"
          >
            {({ profile, draft, update, error }) => {
              const change = (index: number, patch: Partial<ServiceDraft>) =>
                update((services) => services.map((s, i) => (i === index ? { ...s, ...patch } : s)));
              const title = (service: ServiceDraft, index: number) =>
                service.name.trim()
                  ? t('services.serviceNamed', { number: index + 1, name: service.name.trim() })
                  : t('services.service', { number: index + 1 });
              const topics = [
                { value: '', label: t('services.noTopic') },
                ...profile.topics.map((key) => ({
                  value: key,
                  label: isTopicKey(key) ? t(`topic.${key}` as MessageKey) : key,
                })),
              ];
              const locations = [
                { value: '', label: t('services.mainLocation') },
                ...profile.locations.map((l) => ({ value: l.externalId, label: locationLabel(l) })),
              ];
              const counselors = profile.counselors.map((c) => ({
                value: c.externalId,
                label: c.active ? c.displayName : t('services.inactiveCounselor', { name: c.displayName }),
              }));
              const withValue = (options: Array<{ value: string; label: string }>, value: string) =>
                options.some((o) => o.value === value) ? options : [...options, { value, label: value }];
              return (
                <Section id="services-list" title={t('services.listTitle')}>
                  <EditableList
                    path="$.services"
                    items={draft}
                    itemKey={(service) => service.externalId}
                    legend={title}
                    error={error}
                    empty={t('services.empty')}
                    addLabel={t('services.add')}
                    removeLabel={(service, index) => t('services.remove', { service: title(service, index) })}
                    onAdd={() => update((services) => [...services, newService()], true)}
                    onRemove={(index) => update((services) => services.filter((_, i) => i !== index), true)}
                  >
                    {(service, index, base) => (
                      <>
                        <TextInput
                          path={`${base}.name`}
                          label={t('services.name')}
                          value={service.name}
                          onChange={(name) => change(index, { name })}
                          error={error(`${base}.name`)}
                        />
                        <TextInput
                          path={`${base}.description`}
                          label={t('services.description')}
                          value={service.description}
                          onChange={(description) => change(index, { description })}
                          error={error(`${base}.description`)}
                          multiline
                          optional
                        />
                        <div className="field-row">
                          <SelectInput
                            path={`${base}.mode`}
                            label={t('services.mode')}
                            value={service.mode}
                            options={SERVICE_MODE_VALUES.map((mode) => ({
                              value: mode,
                              label: t(`services.mode.${mode}`),
                            }))}
                            onChange={(mode) => change(index, { mode })}
                            error={error(`${base}.mode`)}
                          />
                          <SelectInput
                            path={`${base}.topic`}
                            label={t('services.topic')}
                            value={service.topic}
                            options={withValue(topics, service.topic)}
                            onChange={(topic) => change(index, { topic })}
                            error={error(`${base}.topic`)}
                          />
                          <SelectInput
                            path={`${base}.location`}
                            label={t('services.location')}
                            value={service.location}
                            options={withValue(locations, service.location)}
                            onChange={(location) => change(index, { location })}
                            error={error(`${base}.location`)}
                          />
                        </div>
                        {NUMBER_ROWS.map((row) => (
                          <div className="field-row" key={row.join()}>
                            {row.map((field) => (
                              <TextInput
                                key={field}
                                path={`${base}.${field}`}
                                label={t(`services.${field}`)}
                                hint={t(`services.${field}.hint`)}
                                value={service[field]}
                                onChange={(value) => change(index, { [field]: value })}
                                error={error(`${base}.${field}`)}
                                inputMode="numeric"
                                compact
                              />
                            ))}
                          </div>
                        ))}
                        <CheckboxField
                          path={`${base}.needsRoom`}
                          label={t('services.needsRoom')}
                          checked={service.needsRoom}
                          onChange={(needsRoom) => change(index, { needsRoom })}
                          error={error(`${base}.needsRoom`)}
                        />
                        <CheckboxField
                          path={`${base}.active`}
                          label={t('services.active')}
                          hint={t('services.active.hint')}
                          checked={service.active}
                          onChange={(active) => change(index, { active })}
                          error={error(`${base}.active`)}
                        />
                        <CheckboxGroup
                          path={`${base}.counselors`}
                          label={t('services.counselors')}
                          hint={t('services.counselors.hint')}
                          values={service.counselors}
                          options={withValueList(counselors, service.counselors)}
                          onChange={(values) => change(index, { counselors: values })}
                          error={error(`${base}.counselors`)}
                        />
                      </>
                    )}
                  </EditableList>
                </Section>
              );
            }}
          </ProfileResourceForm>
          <BookingSettingsSection center={center} />
        </>
      )}
    </ResourcePage>
  );
}

/** The options plus any chosen value that is not among them (so it can be unticked). */
function withValueList(options: Array<{ value: string; label: string }>, values: readonly string[]) {
  const missing = values.filter((value) => !options.some((o) => o.value === value));
  return [...options, ...missing.map((value) => ({ value, label: value }))];
}
