import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { formatDateTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { AttachmentDownload } from './AttachmentDownload';
import { authorOf, deliveryOf } from './model';

/** What a system event says, from the reading counselor's side. */
function systemNoticeKey(message: DecryptedMessage, me: string | undefined): MessageKey {
  const byMe = message.senderId !== null && message.senderId === me;
  switch (message.event) {
    case 'taken':
      return byMe ? 'chat.system.taken.me' : 'chat.system.taken';
    case 'handed_over':
      return byMe ? 'chat.system.handedOver.me' : 'chat.system.handedOver';
    case 'archived':
      return 'chat.system.archived';
    case 'reopened':
      return 'chat.system.reopened';
    case 'counselor_left':
      return 'chat.system.counselorLeft';
    case 'rekeyed':
      return 'chat.system.rekeyed';
    case 'transfer_proposed':
      return byMe ? 'chat.system.transferProposed.me' : 'chat.system.transferProposed';
    case 'transfer_declined':
      return 'chat.system.transferDeclined';
    case 'transferred':
      return 'chat.system.transferred';
    case 'call_proposed':
      return byMe ? 'chat.system.callProposed.me' : 'chat.system.callProposed';
    case 'call_started':
      return 'chat.system.callStarted';
    case 'call_declined':
      return 'chat.system.callDeclined';
    case 'call_ended':
      return 'chat.system.callEnded';
    default:
      return 'chat.system.unknown';
  }
}

/** One entry of the log: a message (help seeker left, own right) or a notice. */
export function MessageEntry({
  message,
  view,
  me,
}: {
  message: DecryptedMessage;
  view: ConversationView;
  me: string | undefined;
}) {
  const t = useT();
  const { locale } = useI18n();
  const time = (
    <time className="chat-entry__time" dateTime={message.createdAt}>
      {formatDateTime(message.createdAt, locale)}
    </time>
  );
  if (message.kind === 'system') {
    return (
      <li className="chat-entry chat-entry--system">
        <p className="kern-body kern-body--small chat-notice">
          {t(systemNoticeKey(message, me), { name: view.seekerName })} {time}
        </p>
      </li>
    );
  }
  const author = authorOf(message, view, me);
  const authorLabel =
    author === 'me'
      ? t('chat.author.me')
      : author === 'seeker'
        ? view.seekerName
        : t('chat.author.colleague');
  return (
    <li className={`chat-entry chat-entry--${author}`}>
      <div className="chat-bubble">
        <p className="kern-body kern-body--small chat-bubble__meta">
          <span className="chat-bubble__author">{authorLabel}</span> {time}
        </p>
        {message.attachment && !message.error ? (
          <AttachmentDownload conversationId={message.conversationId} attachment={message.attachment} />
        ) : message.text !== undefined && !message.error ? (
          <p className="kern-body message-text">{message.text}</p>
        ) : (
          <p className="kern-body chat-bubble__error">
            <span className="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true" />{' '}
            {t(message.error === 'NO_KEY' ? 'chat.message.noKey' : 'chat.message.undecryptable')}
          </p>
        )}
        {author === 'me' && (
          <p className="kern-body kern-body--small chat-bubble__status">
            {t(`chat.delivery.${deliveryOf(message, view)}`)}
          </p>
        )}
      </div>
    </li>
  );
}
