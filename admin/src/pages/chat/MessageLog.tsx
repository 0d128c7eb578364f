import { useLayoutEffect, useRef, useState } from 'react';
import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import { ErrorAlert } from '@common/ui/Alert';
import { useT } from '../../i18n';
import { MessageEntry } from './MessageEntry';

/**
 * The conversation as a log (screen readers announce what is added), in a scrolling
 * box that follows new messages and keeps its place when older ones are loaded above.
 */
export function MessageLog({
  messages,
  view,
  me,
  olderExist,
  onLoadOlder,
}: {
  messages: DecryptedMessage[];
  view: ConversationView;
  me: string | undefined;
  olderExist: boolean;
  onLoadOlder(): Promise<void>;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>();
  const seen = useRef<{ first?: number; last?: number; height: number }>({ height: 0 });

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const first = messages[0]?.seq;
    const last = messages.at(-1)?.seq;
    const before = seen.current;
    if (last !== before.last) element.scrollTop = element.scrollHeight;
    else if (first !== before.first) element.scrollTop += element.scrollHeight - before.height;
    seen.current = { first, last, height: element.scrollHeight };
  }, [messages]);

  async function loadOlder() {
    if (loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(undefined);
    try {
      await onLoadOlder();
    } catch (error) {
      setOlderError(error);
    } finally {
      setLoadingOlder(false);
    }
  }

  return (
    <section className="chat-log" aria-labelledby="chat-log-title">
      <h2 className="visually-hidden" id="chat-log-title">
        {t('chat.log.title')}
      </h2>
      {olderExist && (
        <div className="chat-log__older">
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            aria-disabled={loadingOlder || undefined}
            onClick={() => void loadOlder()}
          >
            <span className="kern-label">{loadingOlder ? t('common.busy') : t('chat.log.older')}</span>
          </button>
        </div>
      )}
      <ErrorAlert error={olderError} />
      {/* Focusable so keyboard users can scroll it. */}
      <div
        className="chat-log__scroller"
        ref={box}
        tabIndex={0}
        role="log"
        aria-labelledby="chat-log-title"
        data-testid="chat-log"
      >
        {messages.length === 0 ? (
          <p className="kern-body muted">{t('chat.log.empty')}</p>
        ) : (
          <ol className="plain-list chat-log__list">
            {messages.map((message) => (
              <MessageEntry key={message.seq} message={message} view={view} me={me} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
