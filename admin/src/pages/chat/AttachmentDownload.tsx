import { useState } from 'react';
import type { AttachmentRef } from '@beratung/shared';
import { attachmentObjectUrl, startDownload } from '@common/ui/download';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { useT } from '../../i18n';
import { formatFileSize } from './model';

/**
 * A file in the conversation. It is fetched and decrypted in the SDK worker only when
 * asked for, then handed to the browser as a download (never opened in the page).
 */
export function AttachmentDownload({
  conversationId,
  attachment,
}: {
  conversationId: string;
  attachment: AttachmentRef;
}) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const errorId = `attachment-${attachment.id}-error`;

  async function download() {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const bytes = await sdk.chatDownloadAttachment(conversationId, attachment);
      const url = attachmentObjectUrl(attachment.name, bytes);
      startDownload(url, attachment.name);
      // The browser has taken the file once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="chat-attachment">
      <p className="kern-body message-text">
        <span className="kern-icon kern-icon--draft kern-icon--small" aria-hidden="true" />{' '}
        {t('chat.attachment.file', { name: attachment.name, size: formatFileSize(attachment.size, locale) })}
      </p>
      <button
        type="button"
        className="kern-btn kern-btn--tertiary kern-btn--x-small"
        aria-disabled={busy || undefined}
        aria-describedby={failed ? errorId : undefined}
        onClick={() => void download()}
      >
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">
          {busy ? t('common.busy') : t('chat.attachment.download')}
          <span className="visually-hidden"> {attachment.name}</span>
        </span>
      </button>
      {failed && (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{t('chat.attachment.failed')}</span>
        </p>
      )}
    </div>
  );
}
