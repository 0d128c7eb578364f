import { useCenter } from './center';
import { useT } from './i18n';

/** Shown only to staff of more than one center. */
export function CenterSwitch() {
  const t = useT();
  const { memberships, current, select } = useCenter();
  if (memberships.length < 2 || !current) return null;
  return (
    <div className="center-switch">
      <label className="kern-label" htmlFor="center-switch">
        {t('center.label')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id="center-switch"
          className="kern-form-input__select"
          value={current.centerId}
          onChange={(event) => select(event.target.value)}
        >
          {memberships.map((m) => (
            <option key={m.centerId} value={m.centerId}>
              {m.centerName}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
