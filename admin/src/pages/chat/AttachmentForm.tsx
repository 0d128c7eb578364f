import { useRef, useState, type FormEvent } from 'react';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type DecryptedMessage } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { FieldError, SubmitButton } from '@common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { useChatConnection } from './ChatConnection';
import { CHAT_ERRORS } from './labels';

const ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((extension) => `.${extension}`)
  .join(',');

/**
 * "Datei senden": PDF, images and office documents up to 10 MB. The SDK checks the type
 * by name and first bytes and encrypts the file before it leaves the browser.
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
  const connected = useChatConnection() === 'connected';
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const problemNow: MessageKey | undefined = !file
      ? 'chat.attachment.missing'
      : file.size > MAX_ATTACHMENT_BYTES
        ? 'chat.error.attachmentTooLarge'
        : !connected
          ? 'chat.composer.offline'
          : undefined;
    setProblem(problemNow);
    if (problemNow || !file) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onSent(
        await sdk.chatSendAttachment(conversationId, {
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        }),
      );
      setFile(undefined);
      if (input.current) input.current.value = '';
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="chat-attachment-form" onSubmit={submit} noValidate aria-busy={busy}>
      <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
      <div className={`kern-form-input${problem ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor="chat-attachment">
          {t('chat.attachment.label')}
        </label>
        <div className="kern-hint" id="chat-attachment-hint">
          {t('chat.attachment.hint')}
        </div>
        <input
          ref={input}
          className="kern-form-input__input"
          type="file"
          id="chat-attachment"
          name="chat-attachment"
          accept={ACCEPT}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`chat-attachment-hint${problem ? ' chat-attachment-error' : ''}`}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setProblem(undefined);
          }}
        />
        {problem && <FieldError id="chat-attachment-error" message={t(problem)} />}
      </div>
      <div className="actions">
        <SubmitButton busy={busy} variant="secondary">
          {t('chat.attachment.send')}
        </SubmitButton>
      </div>
    </form>
  );
}
