import type { ReactNode } from 'react';
import { Checkbox, FieldError } from '@common/ui/Form';
import { useT } from '../../i18n';
import { fieldId } from './paths';

/** What every field of a resource page gets: its JSON path (for id and error) and label. */
interface FieldBase {
  path: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  compact?: boolean;
}

function Label({ id, label, optional }: { id: string; label: string; optional?: boolean }) {
  const t = useT();
  return (
    <label className="kern-label" htmlFor={id}>
      {label}
      {optional && <span className="kern-label__optional"> – {t('common.optional')}</span>}
    </label>
  );
}

function describedBy(id: string, hint?: string, error?: string) {
  return (
    [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') ||
    undefined
  );
}

function Wrapper({ base, id, children }: { base: FieldBase; id: string; children: ReactNode }) {
  return (
    <div
      className={`kern-form-input${base.error ? ' kern-form-input--error' : ''}${base.compact ? ' field--compact' : ''}`}
    >
      <Label id={id} label={base.label} optional={base.optional} />
      {base.hint && (
        <div className="kern-hint" id={`${id}-hint`}>
          {base.hint}
        </div>
      )}
      {children}
      {base.error && <FieldError id={`${id}-error`} message={base.error} />}
    </div>
  );
}

/** A labelled KERN input or textarea; hint and error are tied to it with aria-describedby. */
export function TextInput(
  props: FieldBase & {
    value: string;
    onChange(value: string): void;
    type?: 'text' | 'email' | 'date' | 'datetime-local';
    inputMode?: 'text' | 'numeric' | 'email';
    multiline?: boolean;
    placeholder?: string;
  },
) {
  const id = fieldId(props.path);
  const common = {
    className: 'kern-form-input__input',
    id,
    name: id,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy(id, props.hint, props.error),
  };
  return (
    <Wrapper base={props} id={id}>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Wrapper>
  );
}

export function SelectInput<V extends string>(
  props: FieldBase & { value: V; options: Array<{ value: V; label: string }>; onChange(value: V): void },
) {
  const id = fieldId(props.path);
  return (
    <Wrapper base={props} id={id}>
      <div className="kern-form-input__select-wrapper">
        <select
          className="kern-form-input__select"
          id={id}
          name={id}
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.hint, props.error)}
          onChange={(event) => props.onChange(event.target.value as V)}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </Wrapper>
  );
}

/** Several choices of one list (a multi-select as checkboxes), with one error for the group. */
export function CheckboxGroup<V extends string>(
  props: FieldBase & {
    values: readonly V[];
    options: Array<{ value: V; label: string }>;
    onChange(values: V[]): void;
    horizontal?: boolean;
  },
) {
  const t = useT();
  const id = fieldId(props.path);
  return (
    <fieldset
      className={`kern-fieldset${props.error ? ' kern-fieldset--error' : ''}`}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(id, props.hint, props.error)}
    >
      <legend className="kern-label">{props.label}</legend>
      <div className={`kern-fieldset__body${props.horizontal ? ' kern-fieldset__body--horizontal' : ''}`}>
        {props.hint && (
          <div className="kern-hint" id={`${id}-hint`}>
            {props.hint}
          </div>
        )}
        {props.error && <FieldError id={`${id}-error`} message={props.error} />}
        {props.options.length === 0 && <p className="kern-body muted">{t('resources.noChoices')}</p>}
        {props.options.map((option) => (
          <Checkbox
            key={option.value}
            id={`${id}-${option.value.replace(/[^A-Za-z0-9]+/g, '-')}`}
            label={option.label}
            checked={props.values.includes(option.value)}
            onChange={(checked) =>
              props.onChange(
                checked
                  ? props.options
                      .map((o) => o.value)
                      .filter((v) => v === option.value || props.values.includes(v))
                  : props.values.filter((v) => v !== option.value),
              )
            }
          />
        ))}
      </div>
    </fieldset>
  );
}

export function CheckboxField(props: FieldBase & { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <Checkbox
      id={fieldId(props.path)}
      label={props.label}
      checked={props.checked}
      onChange={props.onChange}
      hint={props.hint}
      error={props.error}
    />
  );
}
