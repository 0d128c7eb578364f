import { TOPIC_TREE } from '@beratung/shared/topics';
import { FieldError } from '../../common/ui/Form';
import { useT, type MessageKey } from '../../i18n';

/**
 * The topics an inquiry may have, grouped by area. With `offered` (a center's topic
 * keys) only what the center offers: a whole area brings all its sub-topics, because
 * a center serving "Schuldnerberatung" also takes "Verbraucherinsolvenz".
 */
export function topicGroups(offered?: readonly string[]): Array<{ area: string; topics: string[] }> {
  return TOPIC_TREE.map((area) => {
    const all = [area.key, ...area.children] as string[];
    if (!offered || offered.length === 0 || offered.includes(area.key))
      return { area: area.key, topics: all };
    return { area: area.key, topics: area.children.filter((key) => offered.includes(key)) };
  }).filter((group) => group.topics.length > 0);
}

export function TopicSelect({
  id,
  value,
  onChange,
  offered,
  error,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
  offered?: readonly string[];
  error?: string;
}) {
  const t = useT();
  const label = (key: string) => t(`topic.${key}` as MessageKey);
  const errorId = `${id}-error`;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {t('inquiry.topic')}
      </label>
      <div className="kern-hint" id={`${id}-hint`}>
        {t('inquiry.topic.hint')}
      </div>
      <div className="kern-form-input__select-wrapper">
        <select
          className={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={id}
          name={id}
          value={value}
          required
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{t('inquiry.topic.choose')}</option>
          {topicGroups(offered).map((group) => (
            <optgroup key={group.area} label={label(group.area)}>
              {group.topics.map((key) => (
                <option key={key} value={key}>
                  {key === group.area ? t('inquiry.topic.general', { topic: label(key) }) : label(key)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {error && <FieldError id={errorId} message={error} />}
    </div>
  );
}
