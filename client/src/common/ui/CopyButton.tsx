import { useState } from 'react';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';

/** Copies a secret to the clipboard and says so (politely, for screen readers). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslate<CommonKey>();
  const [copied, setCopied] = useState(false);
  return (
    <div className="actions">
      <button
        type="button"
        className="kern-btn kern-btn--secondary kern-btn--x-small"
        onClick={() => {
          navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        <span className="kern-icon kern-icon--content-copy" aria-hidden="true" />
        <span className="kern-label">{label ?? t('common.copy')}</span>
      </button>
      <span className="kern-body kern-body--small" role="status">
        {copied ? t('common.copied') : ''}
      </span>
    </div>
  );
}
