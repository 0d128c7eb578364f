import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  ApiError,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  type AttachmentRef,
  type DecryptedMessage,
} from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { FieldError, SubmitButton } from '../../common/ui/Form';
import { attachmentObjectUrl, startDownload } from '../../common/ui/download';
import { useT, type MessageKey } from '../../i18n';
import { useChat } from './ChatProvider';
import { formatFileSize } from './format';

/**
 * A file in the conversation. It is fetched and decrypted in the SDK worker only when
 * asked for, then offered as a download link with its name (the browser saves or opens
 * it; it is never shown inside this page). The link's object URL is released when the
 * message leaves the page.
 */
export function AttachmentItem({
  conversationId,
  attachment,
}: {
  conversationId: string;
  attachment: AttachmentRef;
}) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [url, setUrl] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  /** Object URLs made here (one array for the component's life), released when it goes. */
  const made = useRef<string[]>([]);
  const errorId = `attachment-${attachment.id}-error`;

  useEffect(() => {
    const held = made.current;
    return () => {
      for (const each of held) URL.revokeObjectURL(each);
      held.length = 0;
    };
  }, []);

  async function download() {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const bytes = await sdk.chatDownloadAttachment(conversationId, attachment);
      const next = attachmentObjectUrl(attachment.name, bytes);
      made.current.push(next);
      setUrl(next);
      // The first download starts at once; the link stays for saving it again.
      startDownload(next, attachment.name);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const size = formatFileSize(attachment.size, locale);
  return (
    <div className="chat-attachment" data-testid="chat-attachment">
      <p className="chat-message__text">
        <span className="kern-icon kern-icon--draft kern-icon--small" aria-hidden="true" />{' '}
        {t('chat.message.attachment', { name: attachment.name, size })}
      </p>
      {url ? (
        <a className="kern-link" href={url} download={attachment.name}>
          <span className="kern-icon kern-icon--download kern-icon--small" aria-hidden="true" />
          {t('chat.file.save', { name: attachment.name })}
        </a>
      ) : (
        <button
          type="button"
          className="kern-btn kern-btn--tertiary kern-btn--small"
          aria-disabled={busy || undefined}
          aria-describedby={failed ? errorId : undefined}
          onClick={() => void download()}
        >
          <span className="kern-icon kern-icon--download" aria-hidden="true" />
          <span className="kern-label">
            {busy ? t('chat.file.loading') : t('chat.file.download')}
            <span className="visually-hidden"> {attachment.name}</span>
          </span>
        </button>
      )}
      {failed && (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{t('chat.file.failed')}</span>
        </p>
      )}
    </div>
  );
}

const ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((extension) => `.${extension}`)
  .join(',');

/** Refusals that concern the chosen file: shown at the file field. */
const FILE_PROBLEMS: Partial<Record<string, MessageKey>> = {
  ATTACHMENT_TYPE: 'chat.file.type',
  ATTACHMENT_TOO_LARGE: 'chat.file.tooLarge',
  ATTACHMENT_EMPTY: 'chat.file.empty',
  ATTACHMENT_QUOTA: 'chat.file.quota',
};

/** Other refusals of a sent file, in the person's words. */
const SEND_ERRORS: Partial<Record<string, MessageKey>> = {
  REKEY_NEEDED: 'chat.send.rekey',
  STALE_KEY_EPOCH: 'chat.send.rekey',
  NO_KEY: 'chat.send.noKey',
  404: 'chat.send.gone',
};

const FIELD_ID = 'chat-file';

/**
 * "Datei senden": PDF files, images and office documents up to 10 MB. The SDK checks the
 * type by name and first bytes and encrypts the file on this device before it is sent.
 */
export function AttachmentForm({
  conversationId,
  onSent,
}: {
  conversationId: string;
  onSent(message: DecryptedMessage): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const { status } = useChat();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [offline, setOffline] = useState(false);
  const [sent, setSent] = useState<string>();

  const refuse = (key: MessageKey) => {
    setProblem(key);
    input.current?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    setOffline(false);
    setSent(undefined);
    // Checked here too, so that a large file is not read into memory for nothing.
    if (!file) return refuse('chat.file.missing');
    if (file.size === 0) return refuse('chat.file.empty');
    if (file.size > MAX_ATTACHMENT_BYTES) return refuse('chat.file.tooLarge');
    setProblem(undefined);
    if (status !== 'online') {
      setOffline(true);
      return;
    }
    setBusy(true);
    try {
      const message = await sdk.chatSendAttachment(conversationId, {
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      onSent(message);
      setSent(file.name);
      setFile(undefined);
      if (input.current) input.current.value = '';
    } catch (error) {
      const key = error instanceof ApiError ? FILE_PROBLEMS[error.code] : undefined;
      if (key) refuse(key);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form chat-file-form" onSubmit={submit} noValidate aria-busy={busy}>
      <ErrorAlert<MessageKey> error={failure} overrides={SEND_ERRORS} />
      {offline && (
        <Alert variant="warning" title={t('chat.send.offlineTitle')} live>
          <p className="kern-body">{t('chat.file.offline')}</p>
        </Alert>
      )}
      {sent && <Alert variant="success" title={t('chat.file.sent', { name: sent })} live />}
      <div className={`kern-form-input${problem ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={FIELD_ID}>
          {t('chat.file.label')}
        </label>
        <div className="kern-hint" id={`${FIELD_ID}-hint`}>
          {t('chat.file.hint')}
        </div>
        <input
          ref={input}
          className="kern-form-input__input"
          type="file"
          id={FIELD_ID}
          name={FIELD_ID}
          accept={ACCEPT}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${FIELD_ID}-hint${problem ? ` ${FIELD_ID}-error` : ''}`}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setProblem(undefined);
            setSent(undefined);
          }}
        />
        <div aria-live="polite">
          {problem && <FieldError id={`${FIELD_ID}-error`} message={t(problem)} />}
        </div>
      </div>
      <div className="actions">
        <SubmitButton busy={busy} variant="secondary">
          {t('chat.file.send')}
        </SubmitButton>
      </div>
    </form>
  );
}
