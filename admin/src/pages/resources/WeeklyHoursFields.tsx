import type { TimeInterval, WeekdayKey } from '@beratung/shared/schemas/import-format';
import { FieldError } from '@common/ui/Form';
import { useT } from '../../i18n';
import { TextInput } from './fields';
import { WEEKDAYS, type Week } from './form-values';
import { fieldId } from './paths';

/** Intervals per weekday (HH:mm), each with its problem; `base` is the path of the hours. */
export function WeeklyHoursFields({
  base,
  legend,
  week,
  error,
  onChange,
}: {
  base: string;
  legend: string;
  week: Week;
  error(path: string): string | undefined;
  onChange(week: Week, structural: boolean): void;
}) {
  const t = useT();
  const setDay = (day: WeekdayKey, intervals: TimeInterval[], structural = false) =>
    onChange({ ...week, [day]: intervals }, structural);
  return (
    <fieldset className="kern-fieldset" id={fieldId(base)} tabIndex={-1}>
      <legend className="kern-label">{legend}</legend>
      <div className="kern-fieldset__body">
        <p className="kern-hint">{t('resources.hours.hint')}</p>
        {error(base) && <FieldError id={`${fieldId(base)}-error`} message={error(base)!} />}
        {WEEKDAYS.map((day) => {
          const dayPath = `${base}.${day}`;
          const dayName = t(`profile.day.${day}`);
          return (
            <div key={day} className="resource-day" id={fieldId(dayPath)} tabIndex={-1}>
              <h3 className="kern-heading-small">{dayName}</h3>
              {week[day].length === 0 && <p className="kern-body muted">{t('resources.hours.none')}</p>}
              {error(dayPath) && <FieldError id={`${fieldId(dayPath)}-error`} message={error(dayPath)!} />}
              {week[day].map((interval, j) => {
                const path = `${dayPath}[${j}]`;
                const change = (patch: Partial<TimeInterval>) =>
                  setDay(
                    day,
                    week[day].map((i, k) => (k === j ? { ...i, ...patch } : i)),
                  );
                return (
                  <div key={j} className="field-row" id={fieldId(path)} tabIndex={-1}>
                    <TextInput
                      path={`${path}.start`}
                      label={t('profile.from', { day: dayName })}
                      value={interval.start}
                      onChange={(v) => change({ start: v })}
                      error={error(`${path}.start`) ?? error(path)}
                      inputMode="numeric"
                      placeholder="09:00"
                      compact
                    />
                    <TextInput
                      path={`${path}.end`}
                      label={t('profile.to', { day: dayName })}
                      value={interval.end}
                      onChange={(v) => change({ end: v })}
                      error={error(`${path}.end`)}
                      inputMode="numeric"
                      placeholder="17:00"
                      compact
                    />
                    <div className="actions">
                      <button
                        type="button"
                        className="kern-btn kern-btn--tertiary"
                        onClick={() =>
                          setDay(
                            day,
                            week[day].filter((_, k) => k !== j),
                            true,
                          )
                        }
                      >
                        <span className="kern-label">
                          {t('profile.removeInterval', {
                            day: dayName,
                            start: interval.start,
                            end: interval.end,
                          })}
                        </span>
                      </button>
                    </div>
                  </div>
                );
              })}
              <button
                type="button"
                className="kern-btn kern-btn--tertiary"
                onClick={() => {
                  const last = week[day].at(-1);
                  setDay(
                    day,
                    [
                      ...week[day],
                      last ? { start: last.end, end: last.end } : { start: '09:00', end: '17:00' },
                    ],
                    true,
                  );
                }}
              >
                <span className="kern-label">{t('profile.addInterval', { day: dayName })}</span>
              </button>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
