import { useT } from '../../i18n';
import { availabilityPath, counselorsModel, newCounselor, type CounselorDraft } from './counselors.model';
import { EditableList } from './EditableList';
import { CheckboxField, TextInput } from './fields';
import { ProfileResourceForm, ResourcePage } from './ResourceEditor';
import { Section } from './Section';
import { WeeklyHoursFields } from './WeeklyHoursFields';

/** Verfügbarkeit: the counselors (Sachbearbeiter:innen) and the weekly hours they take appointments. */
export function AvailabilityPage() {
  const t = useT();
  return (
    <ResourcePage title={t('availability.title')}>
      {(center) => (
        <ProfileResourceForm
          center={center}
          model={counselorsModel}
          intro={t('availability.intro')}
          saveLabel={t('availability.save')}
          savedText={t('availability.saved')}
          testId="availability-form"
        >
          {({ draft, update, error }) => {
            const change = (index: number, patch: Partial<CounselorDraft>, structural = false) =>
              update((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)), structural);
            const title = (counselor: CounselorDraft, index: number) =>
              counselor.displayName.trim()
                ? t('availability.counselorNamed', { number: index + 1, name: counselor.displayName.trim() })
                : t('availability.counselor', { number: index + 1 });
            return (
              <Section id="counselors-list" title={t('availability.listTitle')}>
                <EditableList
                  path="$.counselors"
                  items={draft}
                  itemKey={(counselor) => counselor.externalId}
                  legend={title}
                  error={error}
                  empty={t('availability.empty')}
                  addLabel={t('availability.add')}
                  removeLabel={(counselor, index) =>
                    t('availability.remove', { counselor: title(counselor, index) })
                  }
                  onAdd={() => update((list) => [...list, newCounselor()], true)}
                  onRemove={(index) => update((list) => list.filter((_, i) => i !== index), true)}
                >
                  {(counselor, index, base) => (
                    <>
                      <TextInput
                        path={`${base}.displayName`}
                        label={t('availability.displayName')}
                        value={counselor.displayName}
                        onChange={(displayName) => change(index, { displayName })}
                        error={error(`${base}.displayName`)}
                      />
                      <TextInput
                        path={`${base}.email`}
                        label={t('availability.email')}
                        hint={t('availability.email.hint')}
                        type="email"
                        value={counselor.email}
                        onChange={(email) => change(index, { email })}
                        error={error(`${base}.email`)}
                        optional
                      />
                      <CheckboxField
                        path={`${base}.active`}
                        label={t('availability.active')}
                        hint={t('availability.active.hint')}
                        checked={counselor.active}
                        onChange={(active) => change(index, { active })}
                        error={error(`${base}.active`)}
                      />
                      <WeeklyHoursFields
                        base={availabilityPath(index)}
                        legend={t('availability.hours', { counselor: title(counselor, index) })}
                        week={counselor.hours}
                        error={error}
                        onChange={(hours, structural) => change(index, { hours }, structural)}
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
