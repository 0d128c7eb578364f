import type { ImportCenter, WeekdayKey } from '@beratung/shared/schemas/import-format';
import { FieldError } from '@common/ui/Form';
import { useT } from '../../i18n';
import {
  absencesModel,
  newAbsence,
  newSeries,
  seriesRule,
  type AbsenceDraft,
  type AbsencesDraft,
  type Owner,
  type SeriesDraft,
} from './absences.model';
import { EditableList } from './EditableList';
import { CheckboxField, CheckboxGroup, SelectInput, TextInput } from './fields';
import { WEEKDAYS } from './form-values';
import { fieldId } from './paths';
import { ProfileResourceForm, ResourcePage, type ResourceEditor } from './ResourceEditor';
import {
  MONTHLY_ORDINALS,
  changeKind,
  weekdayOf,
  type RecurrenceKind,
  type RecurrencePattern,
} from './rrule-pattern';
import { Section } from './Section';
import { SeriesPreview } from './SeriesPreview';
import { toZonedInput } from './zoned-time';

const KINDS: readonly RecurrenceKind[] = ['weekly', 'monthly', 'daily', 'custom'];

/** Abwesenheiten: single absences and absence series of counselors, rooms or the whole center. */
export function AbsencesPage() {
  const t = useT();
  return (
    <ResourcePage title={t('absences.title')}>
      {(center) => (
        <ProfileResourceForm
          center={center}
          model={absencesModel}
          intro={t('absences.intro')}
          saveLabel={t('absences.save')}
          savedText={t('absences.saved')}
          testId="absences-form"
        >
          {(editor) => (
            <>
              <SingleAbsences editor={editor} />
              <AbsenceSeries editor={editor} />
            </>
          )}
        </ProfileResourceForm>
      )}
    </ResourcePage>
  );
}

/** Whose absence it can be: the center, one of its counselors, one of its rooms. */
function useOwners(profile: ImportCenter, current: readonly Owner[]) {
  const t = useT();
  const options: Array<{ value: Owner; label: string }> = [
    { value: '', label: t('absences.owner.center') },
    ...profile.counselors.map((c) => ({
      value: `counselor:${c.externalId}` as Owner,
      label: t('absences.owner.counselor', { name: c.displayName }),
    })),
    ...profile.rooms.map((r) => ({
      value: `room:${r.externalId}` as Owner,
      label: t('absences.owner.room', { name: r.name }),
    })),
  ];
  // An owner that is no longer listed stays visible, for the server to name.
  for (const owner of current)
    if (!options.some((o) => o.value === owner)) options.push({ value: owner, label: owner });
  return options;
}

const today = (timezone: string) => toZonedInput(new Date().toISOString(), timezone).slice(0, 10);

function SingleAbsences({ editor }: { editor: ResourceEditor<AbsencesDraft> }) {
  const t = useT();
  const { profile, draft, update, error } = editor;
  const owners = useOwners(
    profile,
    draft.absences.map((a) => a.owner),
  );
  const change = (index: number, patch: Partial<AbsenceDraft>) =>
    update((d) => ({ ...d, absences: d.absences.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  const title = (index: number) => t('absences.absence', { number: index + 1 });
  return (
    <Section id="absences-single" title={t('absences.singleTitle')}>
      <p className="kern-hint">{t('absences.single.hint', { timezone: draft.timezone })}</p>
      <EditableList
        path="$.absences"
        items={draft.absences}
        itemKey={(absence) => absence.externalId}
        legend={(_, index) => title(index)}
        error={error}
        empty={t('absences.singleEmpty')}
        addLabel={t('absences.addAbsence')}
        removeLabel={(_, index) => t('absences.remove', { entry: title(index) })}
        onAdd={() =>
          update((d) => ({ ...d, absences: [...d.absences, newAbsence(today(d.timezone))] }), true)
        }
        onRemove={(index) =>
          update((d) => ({ ...d, absences: d.absences.filter((_, i) => i !== index) }), true)
        }
      >
        {(absence, index, base) => (
          <>
            <SelectInput
              path={`${base}.owner`}
              label={t('absences.owner')}
              value={absence.owner}
              options={owners}
              onChange={(owner) => change(index, { owner })}
              error={error(`${base}.owner`)}
            />
            <div className="field-row">
              <TextInput
                path={`${base}.startsAt`}
                label={t('absences.startsAt')}
                type="datetime-local"
                value={absence.startsAt}
                onChange={(startsAt) => change(index, { startsAt })}
                error={error(`${base}.startsAt`)}
              />
              <TextInput
                path={`${base}.endsAt`}
                label={t('absences.endsAt')}
                type="datetime-local"
                value={absence.endsAt}
                onChange={(endsAt) => change(index, { endsAt })}
                error={error(`${base}.endsAt`)}
              />
            </div>
            <TextInput
              path={`${base}.reason`}
              label={t('absences.reason')}
              hint={t('absences.reason.hint')}
              value={absence.reason}
              onChange={(reason) => change(index, { reason })}
              error={error(`${base}.reason`)}
              optional
            />
          </>
        )}
      </EditableList>
    </Section>
  );
}

function AbsenceSeries({ editor }: { editor: ResourceEditor<AbsencesDraft> }) {
  const t = useT();
  const { profile, draft, update, error, center } = editor;
  const owners = useOwners(
    profile,
    draft.series.map((s) => s.owner),
  );
  const change = (index: number, patch: Partial<SeriesDraft>) =>
    update((d) => ({ ...d, series: d.series.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  const title = (index: number) => t('absences.series', { number: index + 1 });
  return (
    <Section id="absences-series" title={t('absences.seriesTitle')}>
      <p className="kern-hint">{t('absences.series.hint')}</p>
      <EditableList
        path="$.absenceSeries"
        items={draft.series}
        itemKey={(series) => series.externalId}
        legend={(_, index) => title(index)}
        error={error}
        empty={t('absences.seriesEmpty')}
        addLabel={t('absences.addSeries')}
        removeLabel={(_, index) => t('absences.remove', { entry: title(index) })}
        onAdd={() =>
          update((d) => {
            const start = today(d.timezone);
            const pattern: RecurrencePattern = { kind: 'weekly', interval: '1', days: [weekdayOf(start)] };
            return { ...d, series: [...d.series, newSeries(start, pattern)] };
          }, true)
        }
        onRemove={(index) => update((d) => ({ ...d, series: d.series.filter((_, i) => i !== index) }), true)}
      >
        {(series, index, base) => (
          <>
            <SelectInput
              path={`${base}.owner`}
              label={t('absences.owner')}
              value={series.owner}
              options={owners}
              onChange={(owner) => change(index, { owner })}
              error={error(`${base}.owner`)}
            />
            <RecurrenceFields
              base={base}
              series={series}
              error={error(`${base}.rrule`)}
              onChange={(pattern) => change(index, { pattern })}
            />
            <div className="field-row">
              <TextInput
                path={`${base}.startDate`}
                label={t('absences.startDate')}
                type="date"
                value={series.startDate}
                onChange={(startDate) => change(index, { startDate })}
                error={error(`${base}.startDate`)}
              />
              <TextInput
                path={`${base}.endDate`}
                label={t('absences.endDate')}
                hint={t('absences.endDate.hint')}
                type="date"
                value={series.endDate}
                onChange={(endDate) => change(index, { endDate })}
                error={error(`${base}.endDate`)}
                optional
              />
            </div>
            <CheckboxField
              path={`${base}.wholeDay`}
              label={t('absences.wholeDay')}
              checked={series.wholeDay}
              onChange={(wholeDay) => change(index, { wholeDay })}
              error={error(`${base}.wholeDay`)}
            />
            {!series.wholeDay && (
              <div className="field-row">
                <TextInput
                  path={`${base}.start`}
                  label={t('absences.start')}
                  value={series.start}
                  onChange={(start) => change(index, { start })}
                  error={error(`${base}.start`)}
                  inputMode="numeric"
                  placeholder="12:00"
                  compact
                />
                <TextInput
                  path={`${base}.end`}
                  label={t('absences.end')}
                  value={series.end}
                  onChange={(end) => change(index, { end })}
                  error={error(`${base}.end`)}
                  inputMode="numeric"
                  placeholder="13:00"
                  compact
                />
              </div>
            )}
            <TextInput
              path={`${base}.reason`}
              label={t('absences.reason')}
              hint={t('absences.reason.hint')}
              value={series.reason}
              onChange={(reason) => change(index, { reason })}
              error={error(`${base}.reason`)}
              optional
            />
            <SeriesPreview
              centerId={center.centerId}
              rule={seriesRule(series)}
              id={fieldId(`${base}.preview`)}
            />
          </>
        )}
      </EditableList>
    </Section>
  );
}

/** The recurrence of a series as a form (weekly, monthly, daily) or as an RRULE. */
function RecurrenceFields({
  base,
  series,
  error,
  onChange,
}: {
  base: string;
  series: SeriesDraft;
  error: string | undefined;
  onChange(pattern: RecurrencePattern): void;
}) {
  const t = useT();
  const path = `${base}.rrule`;
  const pattern = series.pattern;
  const day = (key: WeekdayKey) => t(`profile.day.${key}`);
  const days = WEEKDAYS.map((key) => ({ value: key, label: day(key) }));
  return (
    <fieldset
      className={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
      id={fieldId(path)}
      tabIndex={-1}
    >
      <legend className="kern-label">{t('absences.recurrence')}</legend>
      <div className="kern-fieldset__body">
        {error && <FieldError id={`${fieldId(path)}-error`} message={error} />}
        <SelectInput
          path={`${path}.kind`}
          label={t('absences.recurrence.kind')}
          value={pattern.kind}
          options={KINDS.map((kind) => ({ value: kind, label: t(`absences.recurrence.${kind}`) }))}
          onChange={(kind) => onChange(changeKind(pattern, kind, weekdayOf(series.startDate)))}
        />
        {(pattern.kind === 'daily' || pattern.kind === 'weekly') && (
          <TextInput
            path={`${path}.interval`}
            label={t(pattern.kind === 'daily' ? 'absences.everyDays' : 'absences.everyWeeks')}
            hint={t('absences.interval.hint')}
            value={pattern.interval}
            onChange={(interval) => onChange({ ...pattern, interval })}
            inputMode="numeric"
            compact
          />
        )}
        {pattern.kind === 'weekly' && (
          <CheckboxGroup
            path={`${path}.days`}
            label={t('absences.weekdays')}
            values={pattern.days}
            options={days}
            onChange={(chosen) => onChange({ ...pattern, days: chosen })}
            horizontal
          />
        )}
        {pattern.kind === 'monthly' && (
          <div className="field-row">
            <SelectInput
              path={`${path}.ordinal`}
              label={t('absences.ordinal')}
              value={pattern.ordinal}
              options={MONTHLY_ORDINALS.map((ordinal) => ({
                value: ordinal,
                label: t(`absences.ordinal.${ordinal}`),
              }))}
              onChange={(ordinal) => onChange({ ...pattern, ordinal })}
            />
            <SelectInput
              path={`${path}.day`}
              label={t('absences.weekday')}
              value={pattern.day}
              options={days}
              onChange={(key) => onChange({ ...pattern, day: key })}
            />
          </div>
        )}
        {pattern.kind === 'custom' && (
          <TextInput
            path={`${path}.text`}
            label={t('absences.rrule')}
            hint={t('absences.rrule.hint')}
            value={pattern.rule}
            onChange={(rule) => onChange({ kind: 'custom', rule })}
          />
        )}
      </div>
    </fieldset>
  );
}
