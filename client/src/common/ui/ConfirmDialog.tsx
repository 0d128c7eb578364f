import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';

/**
 * A modal confirmation (native <dialog>: focus stays inside, Escape cancels, focus returns
 * to the button that opened it).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useTranslate<CommonKey>();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="kern-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <header className="kern-dialog__header">
        <h2 className="kern-title kern-heading-medium" id={titleId}>
          {title}
        </h2>
      </header>
      <div className="kern-dialog__body">{children}</div>
      <footer className="kern-dialog__footer">
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onCancel}>
          <span className="kern-label">{t('common.cancel')}</span>
        </button>
        <button
          type="button"
          className="kern-btn kern-btn--primary btn-danger"
          onClick={() => !busy && onConfirm()}
        >
          <span className="kern-label">{busy ? t('common.busy') : confirmLabel}</span>
        </button>
      </footer>
    </dialog>
  );
}
