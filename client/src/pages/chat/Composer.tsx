import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DecryptedMessage } from '@beratung/shared';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { SubmitButton } from '../../common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { useChat } from './ChatProvider';
import { MAX_MESSAGE_BYTES, messageBytes } from './messages';
import { MessageField } from './MessageField';

/** After this long without a keystroke the counselor no longer sees "schreibt …". */
const TYPING_IDLE_MS = 4000;

/** Refusals of a sent message in the person's words. */
const SEND_ERRORS: Partial<Record<string, MessageKey>> = {
  MESSAGE_TOO_LONG: 'chat.field.tooLong',
  REKEY_NEEDED: 'chat.send.rekey',
  STALE_KEY_EPOCH: 'chat.send.rekey',
  NO_KEY: 'chat.send.noKey',
  404: 'chat.send.gone',
};

/**
 * Tells the counselor while this person is typing: once when typing starts, "stopped"
 * after a pause, on sending and when leaving the page.
 */
function useTypingSignal(conversationId: string, online: boolean) {
  const { sdk } = useSession();
  const announced = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);

  const stopped = useCallback(() => {
    clearTimeout(idle.current);
    if (!announced.current) return;
    announced.current = false;
    void sdk.chatTyping(conversationId, false).catch(() => undefined);
  }, [sdk, conversationId]);

  const typed = useCallback(
    (text: string) => {
      if (!text.trim() || !online) {
        stopped();
        return;
      }
      if (!announced.current) {
        announced.current = true;
        void sdk.chatTyping(conversationId, true).catch(() => undefined);
      }
      clearTimeout(idle.current);
      idle.current = setTimeout(stopped, TYPING_IDLE_MS);
    },
    [sdk, conversationId, online, stopped],
  );

  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}

/** The send box: Enter sends, Shift+Enter starts a new line; the text stays if sending fails. */
export function Composer({
  conversationId,
  archived,
  onSent,
}: {
  conversationId: string;
  archived: boolean;
  onSent(message: DecryptedMessage): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const { status } = useChat();
  const online = status === 'online';
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [offline, setOffline] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const typing = useTypingSignal(conversationId, online);

  async function send() {
    if (busy) return;
    setFailure(undefined);
    setOffline(false);
    const found: MessageKey | undefined = !text.trim()
      ? 'chat.field.empty'
      : messageBytes(text) > MAX_MESSAGE_BYTES
        ? 'chat.field.tooLong'
        : undefined;
    setProblem(found);
    if (found) {
      field.current?.focus();
      return;
    }
    // Sending needs the socket: say so plainly instead of waiting for a timeout.
    if (!online) {
      setOffline(true);
      return;
    }
    setBusy(true);
    try {
      const message = await sdk.chatSend(conversationId, text);
      typing.stopped();
      setText('');
      onSent(message);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Not while an input method composes a character (Enter confirms it there).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="form chat-composer" onSubmit={submit} noValidate aria-busy={busy}>
      <ErrorAlert<MessageKey> error={failure} overrides={SEND_ERRORS} />
      {offline && (
        <Alert variant="warning" title={t('chat.send.offlineTitle')} live>
          <p className="kern-body">{t('chat.send.offline')}</p>
        </Alert>
      )}
      {archived && <p className="kern-body muted">{t('chat.compose.archived')}</p>}
      <MessageField
        id="chat-text"
        label={t('chat.compose.label')}
        hint={t('chat.compose.hint')}
        value={text}
        onChange={(value) => {
          setText(value);
          if (problem) setProblem(undefined);
          typing.typed(value);
        }}
        onKeyDown={keyDown}
        rows={3}
        error={problem && problem !== 'chat.field.tooLong' ? t(problem) : undefined}
        textareaRef={field}
      />
      <div className="actions">
        <SubmitButton busy={busy}>{t('chat.compose.send')}</SubmitButton>
      </div>
    </form>
  );
}
