import { useState, type ReactNode } from 'react';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  required?: boolean;
  inputMode?: 'text' | 'numeric' | 'email';
  /** Further element ids that describe the input (e.g. a strength meter). */
  describedBy?: string[];
  spellCheck?: boolean;
  autoCapitalize?: 'off' | 'none';
  maxLength?: number;
  className?: string;
  /** Rendered right after the input (e.g. a show-password toggle). */
  after?: ReactNode;
}

/** A labelled KERN input; hint and error are tied to it with aria-describedby. */
export function TextField(props: TextFieldProps) {
  const t = useTranslate<CommonKey>();
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, ...(props.describedBy ?? []), errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className={`kern-form-input${props.error ? ' kern-form-input--error' : ''} ${props.className ?? ''}`}
    >
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
        {props.optional && <span className="kern-label__optional"> – {t('common.optional')}</span>}
      </label>
      {props.hint && (
        <div className="kern-hint" id={hintId}>
          {props.hint}
        </div>
      )}
      <input
        className="kern-form-input__input"
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-required={props.required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        inputMode={props.inputMode}
        spellCheck={props.spellCheck}
        autoCapitalize={props.autoCapitalize}
        maxLength={props.maxLength}
      />
      {props.after}
      {props.error && <FieldError id={errorId!} message={props.error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{message}</span>
    </p>
  );
}

/** A password input with a show/hide toggle. */
export function PasswordField(
  props: Omit<TextFieldProps, 'type' | 'after' | 'spellCheck' | 'autoCapitalize'>,
) {
  const t = useTranslate<CommonKey>();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="off"
      after={
        <button
          type="button"
          className="kern-btn kern-btn--tertiary kern-btn--x-small password-toggle"
          aria-controls={props.id}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          <span
            className={`kern-icon kern-icon--${visible ? 'visibility-off' : 'visibility'}`}
            aria-hidden="true"
          />
          <span className="kern-label">{t(visible ? 'password.hide' : 'password.show')}</span>
        </button>
      }
    />
  );
}

export function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  error?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div className={`kern-form-check${props.error ? ' kern-form-check--error' : ''}`}>
      <input
        className={`kern-form-check__checkbox${props.error ? ' kern-form-check__checkbox--error' : ''}`}
        type="checkbox"
        id={props.id}
        name={props.id}
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div className="kern-hint" id={hintId}>
          {props.hint}
        </div>
      )}
      {props.error && <FieldError id={errorId!} message={props.error} />}
    </div>
  );
}

export function SelectField<V extends string>(props: {
  id: string;
  label: string;
  value: V;
  options: Array<{ value: V; label: string }>;
  onChange(value: V): void;
  hint?: ReactNode;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div className="kern-hint" id={hintId}>
          {props.hint}
        </div>
      )}
      <div className="kern-form-input__select-wrapper">
        <select
          className="kern-form-input__select"
          id={props.id}
          name={props.id}
          value={props.value}
          aria-describedby={hintId}
          onChange={(event) => props.onChange(event.target.value as V)}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A submit button that shows "please wait" while its form works; the form ignores repeats. */
export function SubmitButton({
  busy,
  children,
  variant = 'primary',
}: {
  busy: boolean;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const t = useTranslate<CommonKey>();
  const kind = variant === 'danger' ? 'kern-btn--primary btn-danger' : `kern-btn--${variant}`;
  return (
    <button type="submit" className={`kern-btn ${kind}`} aria-disabled={busy || undefined}>
      {busy && <span className="spinner" aria-hidden="true" />}
      <span className="kern-label">{busy ? t('common.busy') : children}</span>
    </button>
  );
}

/** Focuses the first field that has an error (call after validation fails). */
export function focusFirstInvalid(ids: Array<string | false | undefined>): void {
  const id = ids.find((value): value is string => typeof value === 'string');
  if (!id) return;
  // After React has rendered the error state.
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
