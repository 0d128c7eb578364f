import type { ReactNode } from 'react';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';
import { describeError, type ErrorOverrides } from './errors';

export type AlertVariant = 'info' | 'success' | 'warning' | 'danger';

/** KERN alert. `live` makes screen readers announce it when it appears. */
export function Alert({
  variant,
  title,
  children,
  live = false,
  id,
}: {
  variant: AlertVariant;
  title: string;
  children?: ReactNode;
  live?: boolean;
  id?: string;
}) {
  return (
    <div
      className={`kern-alert kern-alert--${variant}`}
      role={live ? (variant === 'danger' ? 'alert' : 'status') : undefined}
      id={id}
    >
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}

/** The message for a failed SDK call, announced as it appears. */
export function ErrorAlert<K extends string>({
  error,
  overrides,
}: {
  error: unknown;
  overrides?: ErrorOverrides<K>;
}) {
  const t = useTranslate<K | CommonKey>();
  if (error === undefined || error === null) return null;
  const message = describeError(error, overrides);
  return (
    <Alert variant="danger" title={t('common.errorTitle')} live>
      <p className="kern-body">{t(message.key, message.vars)}</p>
    </Alert>
  );
}
