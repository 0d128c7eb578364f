import { useLayoutEffect, useRef } from 'react';
import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { ErrorAlert } from '../../common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';
import { AttachmentItem } from './Attachments';
import { formatDay, formatTime, relativeDay } from './format';
import { dayOf } from './messages';

type LogItem = { kind: 'day'; day: string; iso: string } | { kind: 'message'; message: DecryptedMessage };

/** The messages with a separator before each new calendar day. */
function withDays(messages: readonly DecryptedMessage[]): LogItem[] {
  const items: LogItem[] = [];
  let day: string | undefined;
  for (const message of messages) {
    const next = dayOf(message.createdAt);
    if (next !== day) items.push({ kind: 'day', day: next, iso: message.createdAt });
    day = next;
    items.push({ kind: 'message', message });
  }
  return items;
}

/** Closer than this to the bottom counts as "reading the newest": new messages scroll into view. */
const BOTTOM_SLACK_PX = 48;

/**
 * The conversation: own messages on the right, the counselor's on the left, system
 * events as short notices in between. A scrollable, focusable region (keyboard users
 * can scroll it); new messages are announced by the page's live region, not by this
 * list, so loading earlier ones stays quiet.
 */
export function MessageLog({
  view,
  messages,
  ownAccountId,
  hasOlder,
  loadingOlder,
  olderFailure,
  onLoadOlder,
}: {
  view: ConversationView;
  messages: readonly DecryptedMessage[];
  ownAccountId: string | undefined;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderFailure: unknown;
  onLoadOlder(): void;
}) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const seen = useRef<{ first?: number; last?: number; height: number; atBottom: boolean }>({
    height: 0,
    atBottom: true,
  });
  const first = messages[0]?.seq;
  const last = messages.at(-1)?.seq;
  const lastIsOwn = messages.at(-1)?.senderId === ownAccountId;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = seen.current;
    if (before.first !== undefined && first !== undefined && first < before.first) {
      // Earlier messages went in on top: keep what the reader looks at in place.
      element.scrollTop += element.scrollHeight - before.height;
    } else if (last !== before.last && (before.last === undefined || before.atBottom || lastIsOwn)) {
      element.scrollTop = element.scrollHeight;
    }
    seen.current = {
      first,
      last,
      height: element.scrollHeight,
      atBottom: element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK_PX,
    };
  }, [first, last, lastIsOwn]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    seen.current.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK_PX;
  };

  return (
    <div className="chat-log-section">
      <h2 className="visually-hidden" id="chat-log-title">
        {t('chat.log.title')}
      </h2>
      <div
        className="chat-log"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-labelledby="chat-log-title"
        onScroll={onScroll}
        data-testid="chat-log"
      >
        {hasOlder && (
          <div className="chat-log__older">
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--small"
              onClick={onLoadOlder}
              aria-disabled={loadingOlder || undefined}
            >
              <span className="kern-icon kern-icon--arrow-up" aria-hidden="true" />
              <span className="kern-label">{loadingOlder ? t('common.loading') : t('chat.log.older')}</span>
            </button>
          </div>
        )}
        <ErrorAlert<MessageKey> error={olderFailure} />
        <ol className="chat-log__list">
          {withDays(messages).map((item) =>
            item.kind === 'day' ? (
              <DaySeparator key={`day-${item.day}`} iso={item.iso} />
            ) : item.message.kind === 'system' ? (
              <SystemNotice key={item.message.seq} message={item.message} />
            ) : (
              <MessageBubble
                key={item.message.seq}
                message={item.message}
                view={view}
                own={item.message.senderId === ownAccountId}
              />
            ),
          )}
        </ol>
      </div>
    </div>
  );
}

function DaySeparator({ iso }: { iso: string }) {
  const t = useT();
  const { locale } = useI18n();
  const day = relativeDay(iso);
  return (
    <li className="chat-day">
      <span>{day === 'earlier' ? formatDay(iso, locale) : t(`chat.day.${day}`)}</span>
    </li>
  );
}

const SYSTEM_EVENTS: Record<NonNullable<DecryptedMessage['event']>, MessageKey> = {
  taken: 'chat.event.taken',
  handed_over: 'chat.event.handed_over',
  archived: 'chat.event.archived',
  reopened: 'chat.event.reopened',
  counselor_left: 'chat.event.counselor_left',
  rekeyed: 'chat.event.rekeyed',
  transfer_proposed: 'chat.event.transfer_proposed',
  transfer_declined: 'chat.event.transfer_declined',
  transferred: 'chat.event.transferred',
  call_proposed: 'chat.event.call_proposed',
  call_started: 'chat.event.call_started',
  call_declined: 'chat.event.call_declined',
  call_ended: 'chat.event.call_ended',
};

/** What happened to the conversation (it carries no content, only the event). */
function SystemNotice({ message }: { message: DecryptedMessage }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <li className="chat-event" data-testid="chat-event">
      <span className="kern-icon kern-icon--info kern-icon--small" aria-hidden="true" />
      <span>{t(message.event ? SYSTEM_EVENTS[message.event] : 'chat.event.unknown')}</span>{' '}
      <time className="chat-event__time" dateTime={message.createdAt}>
        {formatTime(message.createdAt, locale)}
      </time>
    </li>
  );
}

function MessageBubble({
  message,
  view,
  own,
}: {
  message: DecryptedMessage;
  view: ConversationView;
  own: boolean;
}) {
  const t = useT();
  const { locale } = useI18n();
  const sender = own
    ? t('chat.me')
    : message.senderId === view.counselorId && view.counselorName
      ? view.counselorName
      : t('chat.counselor');
  // Receipts are per conversation: everything up to the counselor's read mark is read.
  const read = view.peerReadSeq >= message.seq;
  return (
    <li className={`chat-message chat-message--${own ? 'own' : 'peer'}`} data-testid="chat-message">
      <p className="chat-message__sender">{sender}</p>
      {message.text !== undefined ? (
        <p className="chat-message__text">{message.text}</p>
      ) : message.attachment ? (
        <AttachmentItem conversationId={message.conversationId} attachment={message.attachment} />
      ) : (
        <p className="chat-message__problem">
          <span className="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true" />
          <span>{t(message.error === 'NO_KEY' ? 'chat.message.noKey' : 'chat.message.undecryptable')}</span>
        </p>
      )}
      <p className="chat-message__meta">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
        {own && (
          <span className={read ? 'chat-message__read' : undefined}>
            {' · '}
            {t(read ? 'chat.message.read' : 'chat.message.delivered')}
          </span>
        )}
      </p>
    </li>
  );
}
