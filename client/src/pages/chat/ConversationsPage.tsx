import type { ConversationView } from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { ErrorAlert } from '../../common/ui/Alert';
import { FlashMessageView } from '../../common/ui/Flash';
import { Page } from '../../common/ui/Layout';
import { useT, type MessageKey } from '../../i18n';
import { useChat } from './ChatProvider';
import { ConnectionBanner } from './ConnectionBanner';
import { lastActivity, unreadCount } from './conversations';
import { ActivityTime } from './ActivityTime';
import { SeekerGate } from './SeekerGate';
import { StatusBadge } from './StatusBadge';

/** "Meine Beratungen": `#/beratungen`, newest activity first, updated live. */
export function ConversationsPage() {
  const t = useT();
  return (
    <Page title={t('chats.title')} siteName={t('app.name')}>
      <div className="stack">
        <FlashMessageView path="/beratungen" />
        <SeekerGate next="/beratungen">
          <ConversationList />
        </SeekerGate>
      </div>
    </Page>
  );
}

function ConversationList() {
  const t = useT();
  const { conversations, listError } = useChat();
  return (
    <>
      <ConnectionBanner />
      <div className="actions">
        <a className="kern-btn kern-btn--primary" href="#/beratung/neu">
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t('chats.new')}</span>
        </a>
      </div>
      {listError !== undefined && <ErrorAlert<MessageKey> error={listError} />}
      {conversations === undefined && listError === undefined && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {conversations?.length === 0 && <p className="kern-body">{t('chats.empty')}</p>}
      {conversations && conversations.length > 0 && (
        <ul className="chat-list" aria-label={t('chats.listLabel')}>
          {conversations.map((view) => (
            <ConversationItem key={view.id} view={view} />
          ))}
        </ul>
      )}
    </>
  );
}

function ConversationItem({ view }: { view: ConversationView }) {
  const t = useT();
  const { locale } = useI18n();
  const unread = unreadCount(view);
  const topic = t(`topic.${view.topic}` as MessageKey);
  return (
    <li
      className={`chat-list__item${unread > 0 ? ' chat-list__item--unread' : ''}`}
      data-testid="conversation"
    >
      <div className="chat-list__head">
        <h2 className="kern-heading-small chat-list__title">
          <a className="kern-link" href={`#/beratungen/${encodeURIComponent(view.id)}`}>
            {topic}
            {unread > 0 && <span className="visually-hidden"> – {t('chats.unread', { count: unread })}</span>}
          </a>
        </h2>
        {unread > 0 && (
          <span className="kern-badge kern-badge--info" aria-hidden="true">
            <span className="kern-label">{t('chats.unread', { count: unread })}</span>
          </span>
        )}
      </div>
      <p className="kern-body chat-list__center">{view.centerName}</p>
      <p className="kern-body chat-list__meta">
        <StatusBadge status={view.status} />
        {view.counselorName && <span>{t('chats.counselor', { name: view.counselorName })}</span>}
        <span className="muted">
          {t('chats.lastActivity')} <ActivityTime iso={lastActivity(view)} locale={locale} />
        </span>
      </p>
    </li>
  );
}
