import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DecryptedMessage } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { FieldError, SubmitButton } from '@common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { useChatConnection } from './ChatConnection';
import { CHAT_ERRORS } from './labels';
import { MAX_MESSAGE_BYTES, utf8Bytes } from './model';

/** "Is typing" is sent at most this often while someone types, and "stopped" after this pause. */
const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

/**
 * The send box: Enter sends, Shift+Enter starts a new line. It counts bytes (the limit
 * is on the UTF-8 size) and tells the help seeker while the counselor types.
 */
export function Composer({
  conversationId,
  seekerName,
  onSent,
}: {
  conversationId: string;
  seekerName: string;
  onSent(message: DecryptedMessage): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const connected = useChatConnection() === 'connected';
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problem, setProblem] = useState<MessageKey>();
  const typing = useTyping(conversationId);
  const bytes = utf8Bytes(text);
  const tooLong = bytes > MAX_MESSAGE_BYTES;

  async function send() {
    if (busy) return;
    setFailure(undefined);
    const problemNow: MessageKey | undefined = !text.trim()
      ? 'chat.composer.empty'
      : tooLong
        ? 'chat.error.tooLong'
        : !connected
          ? 'chat.composer.offline'
          : undefined;
    setProblem(problemNow);
    if (problemNow) return;
    setBusy(true);
    typing.stopped();
    const sending = text;
    try {
      onSent(await sdk.chatSend(conversationId, sending));
      // Whatever was typed while it was on its way stays.
      setText((current) => (current === sending ? '' : current));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Not while an input method composes a character (Enter confirms it there).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const describedBy = ['chat-message-hint', 'chat-message-count', problem && 'chat-message-error']
    .filter(Boolean)
    .join(' ');
  return (
    <form className="chat-composer" onSubmit={submit} noValidate aria-busy={busy}>
      <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
      <div className={`kern-form-input${problem ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor="chat-message">
          {t('chat.composer.label', { name: seekerName })}
        </label>
        <div className="kern-hint" id="chat-message-hint">
          {t('chat.composer.hint')}
        </div>
        <textarea
          className="kern-form-input__input chat-composer__input"
          id="chat-message"
          name="chat-message"
          rows={3}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(undefined);
            if (event.target.value) typing.typed();
            else typing.stopped();
          }}
          onKeyDown={keyDown}
          onBlur={() => typing.stopped()}
        />
        <p
          className={`kern-body kern-body--small chat-composer__count${tooLong ? ' chat-composer__count--over' : ''}`}
          id="chat-message-count"
        >
          {t('chat.composer.bytes', { bytes, max: MAX_MESSAGE_BYTES })}
        </p>
        {problem && <FieldError id="chat-message-error" message={t(problem)} />}
      </div>
      <div className="actions">
        <SubmitButton busy={busy}>{t('chat.composer.send')}</SubmitButton>
      </div>
    </form>
  );
}

/** Typing notices for the other side: repeated while typing, "stopped" after a pause or on leaving. */
function useTyping(conversationId: string) {
  const { sdk } = useSession();
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);

  const stopped = () => {
    clearTimeout(idle.current);
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    void sdk.chatTyping(conversationId, false).catch(() => undefined);
  };
  const typed = () => {
    clearTimeout(idle.current);
    idle.current = setTimeout(stopped, TYPING_IDLE_MS);
    if (Date.now() - lastSent.current < TYPING_REPEAT_MS) return;
    lastSent.current = Date.now();
    void sdk.chatTyping(conversationId, true).catch(() => undefined);
  };

  // Leaving the conversation ends "is typing" on the other side.
  const stop = useRef(stopped);
  useEffect(() => {
    stop.current = stopped;
  });
  useEffect(() => () => stop.current(), []);

  return { typed, stopped };
}
