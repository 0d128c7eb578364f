import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '@beratung/shared';
import type { BookingSettings } from '@beratung/shared/schemas/booking';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { SubmitButton } from '@common/ui/Form';
import type { Membership } from '../../center';
import { useT } from '../../i18n';
import { EditableList } from './EditableList';
import { SelectInput, TextInput } from './fields';
import { fieldId, placeProblems, type PlacedProblems } from './paths';
import { REMINDER_UNITS, offsetMinutes, splitOffset, type ReminderRow } from './reminders';
import { Section } from './Section';

// As in the schema (MAX_REMINDER_OFFSETS); a value import would pull zod into the page.
const MAX_REMINDERS = 5;
const OFFSETS = '$.reminderOffsetsMinutes';
const RETENTION = '$.contactRetentionDays';

let counter = 0;
const rowKey = () => `erinnerung-${++counter}`;

interface SettingsDraft {
  reminders: ReminderRow[];
  retentionDays: string;
}

function toDraft(settings: BookingSettings): SettingsDraft {
  return {
    reminders: settings.reminderOffsetsMinutes.map((minutes) => ({ key: rowKey(), ...splitOffset(minutes) })),
    retentionDays: String(settings.contactRetentionDays),
  };
}

function fromDraft(draft: SettingsDraft): BookingSettings {
  const days = draft.retentionDays.trim();
  return {
    reminderOffsetsMinutes: draft.reminders.map((row) => offsetMinutes(row.amount, row.unit)),
    // Not a whole number: sent as typed, for the server to name the problem at the field.
    contactRetentionDays: /^\d+$/.test(days) ? Number(days) : (days as unknown as number),
  };
}

/** Paths the section shows problems at; a reminder's problem goes to its amount. */
function placed(details: Array<{ path: string; message: string }>, draft: SettingsDraft): PlacedProblems {
  const anchors = new Set([OFFSETS, RETENTION]);
  const aliases = new Map<string, string>();
  draft.reminders.forEach((_, i) => {
    anchors.add(`${OFFSETS}[${i}].amount`);
    aliases.set(`${OFFSETS}[${i}]`, `${OFFSETS}[${i}].amount`);
  });
  return placeProblems(details, anchors, aliases);
}

/** Terminbuchung: Einstellungen — when reminders go out and how long contact data is kept. */
export function BookingSettingsSection({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const [draft, setDraft] = useState<SettingsDraft>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problems, setProblems] = useState<PlacedProblems>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let active = true;
    sdk.bookingSettings(center.centerId).then(
      (settings) => active && setDraft(toDraft(settings)),
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId]);

  const update = (change: (d: SettingsDraft) => SettingsDraft, structural = false) => {
    setDraft((d) => (d ? change(d) : d));
    setSaved(false);
    if (structural) setProblems(undefined);
  };
  const changeRow = (index: number, patch: Partial<ReminderRow>) =>
    update((d) => ({ ...d, reminders: d.reminders.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !draft) return;
    setBusy(true);
    setFailure(undefined);
    setProblems(undefined);
    setSaved(false);
    try {
      setDraft(toDraft(await sdk.updateBookingSettings(center.centerId, fromDraft(draft))));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.details?.length) {
        const result = placed(error.details, draft);
        setProblems(result);
        const first = [...result.byPath.keys()][0];
        requestAnimationFrame(() =>
          document.getElementById(first ? fieldId(first) : 'booking-settings-problems')?.focus(),
        );
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const error = (path: string) => problems?.byPath.get(path);
  const units = REMINDER_UNITS.map((unit) => ({ value: unit, label: t(`bookingSettings.unit.${unit}`) }));
  return (
    <Section id="booking-settings" title={t('bookingSettings.title')}>
      {loadError ? (
        <ErrorAlert error={loadError} />
      ) : !draft ? (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <form
          className="form"
          onSubmit={submit}
          noValidate
          aria-busy={busy}
          data-testid="booking-settings-form"
        >
          {problems && (
            <div id="booking-settings-problems" tabIndex={-1}>
              <Alert variant="danger" title={t('resources.problemsTitle')} live>
                <p className="kern-body">
                  {t('resources.problemsText', { count: problems.byPath.size + problems.unplaced.length })}
                </p>
                {problems.unplaced.length > 0 && (
                  <ul className="kern-list">
                    {problems.unplaced.map((p) => (
                      <li key={`${p.path}:${p.message}`}>{p.message}</li>
                    ))}
                  </ul>
                )}
              </Alert>
            </div>
          )}
          <ErrorAlert error={failure} />
          {saved && <Alert variant="success" title={t('bookingSettings.saved')} live />}
          <h3 className="kern-heading-small">{t('bookingSettings.reminders')}</h3>
          <p className="kern-hint">{t('bookingSettings.reminders.hint')}</p>
          <EditableList
            path={OFFSETS}
            items={draft.reminders}
            itemKey={(row) => row.key}
            legend={(_, index) => t('bookingSettings.reminder', { number: index + 1 })}
            error={error}
            empty={t('bookingSettings.noReminders')}
            addLabel={t('bookingSettings.addReminder')}
            removeLabel={(_, index) => t('bookingSettings.removeReminder', { number: index + 1 })}
            canAdd={draft.reminders.length < MAX_REMINDERS}
            onAdd={() =>
              update(
                (d) => ({
                  ...d,
                  reminders: [
                    ...d.reminders,
                    { key: rowKey(), amount: d.reminders.length ? '2' : '24', unit: 'hours' },
                  ],
                }),
                true,
              )
            }
            onRemove={(index) =>
              update((d) => ({ ...d, reminders: d.reminders.filter((_, i) => i !== index) }), true)
            }
          >
            {(row, index, base) => (
              <div className="field-row">
                <TextInput
                  path={`${base}.amount`}
                  label={t('bookingSettings.amount', { number: index + 1 })}
                  value={row.amount}
                  onChange={(amount) => changeRow(index, { amount })}
                  error={error(`${base}.amount`)}
                  inputMode="numeric"
                  compact
                />
                <SelectInput
                  path={`${base}.unit`}
                  label={t('bookingSettings.unit', { number: index + 1 })}
                  value={row.unit}
                  options={units}
                  onChange={(unit) => changeRow(index, { unit })}
                />
              </div>
            )}
          </EditableList>
          <TextInput
            path={RETENTION}
            label={t('bookingSettings.retention')}
            hint={t('bookingSettings.retention.hint')}
            value={draft.retentionDays}
            onChange={(retentionDays) => update((d) => ({ ...d, retentionDays }))}
            error={error(RETENTION)}
            inputMode="numeric"
            compact
          />
          <div className="actions">
            <SubmitButton busy={busy}>{t('bookingSettings.save')}</SubmitButton>
          </div>
        </form>
      )}
    </Section>
  );
}
