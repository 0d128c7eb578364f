import type { KeyboardEvent, ReactNode, Ref } from 'react';
import { useI18n } from '../../common/i18n/core';
import { FieldError } from '../../common/ui/Form';
import { useT } from '../../i18n';
import { formatCount } from './format';
import { MAX_MESSAGE_BYTES, messageBytes } from './messages';

/**
 * A message textarea with a size counter. The limit is 8 KiB of UTF-8 (what the SDK
 * encrypts), so the counter shows bytes; the hint says why an umlaut counts twice.
 */
export function MessageField({
  textareaRef,
  ...props
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onKeyDown?(event: KeyboardEvent<HTMLTextAreaElement>): void;
  hint?: ReactNode;
  /** A problem found on submit (empty); the size problem is shown by the field itself. */
  error?: string;
  rows?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const bytes = messageBytes(props.value);
  const tooLong = bytes > MAX_MESSAGE_BYTES;
  const error = tooLong ? t('chat.field.tooLong') : props.error;
  const hintId = `${props.id}-hint`;
  const counterId = `${props.id}-counter`;
  const errorId = `${props.id}-error`;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
      </label>
      <div className="kern-hint" id={hintId}>
        {props.hint ?? t('chat.field.hint')}
      </div>
      <textarea
        ref={textareaRef}
        className="kern-form-input__input chat-textarea"
        id={props.id}
        name={props.id}
        rows={props.rows ?? 5}
        value={props.value}
        placeholder={t('chat.field.placeholder')}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={props.onKeyDown}
        required
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={`${hintId} ${counterId}${error ? ` ${errorId}` : ''}`}
      />
      <p
        className={`kern-body kern-body--small chat-counter${tooLong ? ' chat-counter--over' : ''}`}
        id={counterId}
      >
        {t('chat.field.counter', {
          used: formatCount(bytes, locale),
          max: formatCount(MAX_MESSAGE_BYTES, locale),
        })}
      </p>
      {/* Announced when it appears: crossing the limit while typing is easy to miss. */}
      <div aria-live="polite">{error && <FieldError id={errorId} message={error} />}</div>
    </div>
  );
}
