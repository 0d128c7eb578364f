import { FieldError } from '@common/ui/Form';
import { useT } from '../../i18n';

/** A labelled native date input; hint and error are tied to it with aria-describedby. */
export function DateField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
}) {
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div className={`kern-form-input field--compact${props.error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        className="kern-form-input__input"
        type="date"
        id={props.id}
        name={props.id}
        value={props.value}
        required
        aria-required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={errorId}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && <FieldError id={errorId!} message={props.error} />}
    </div>
  );
}

/** The optional message a cancellation mails to the person (the API takes up to 2000 characters). */
export function MessageField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
}) {
  const t = useT();
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
        <span className="kern-label__optional"> – {t('common.optional')}</span>
      </label>
      {props.hint && (
        <div className="kern-hint" id={hintId}>
          {props.hint}
        </div>
      )}
      <textarea
        className="kern-form-input__input message-field"
        id={props.id}
        name={props.id}
        rows={4}
        maxLength={2000}
        value={props.value}
        aria-describedby={hintId}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
