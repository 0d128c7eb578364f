import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import { ApiError } from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { Page } from '../../common/ui/Layout';
import { useT, type MessageKey } from '../../i18n';
import { AttachmentForm } from './Attachments';
import { useChat } from './ChatProvider';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { DeleteConversation } from './DeleteConversation';
import { FingerprintPanel } from './FingerprintPanel';
import { formatFileSize } from './format';
import { MessageLog } from './MessageLog';
import { SeekerCall } from './SeekerCall';
import { SeekerGate } from './SeekerGate';
import { StatusBadge } from './StatusBadge';
import { TransferProposal } from './TransferProposal';
import { useConversation } from './useConversation';
import { WaitingInfo } from './WaitingInfo';

/** One conversation: `#/beratungen/<conversationId>`. */
export function ConversationPage({ conversationId }: { conversationId: string }) {
  const t = useT();
  return (
    <Page title={t('chat.title')} siteName={t('app.name')}>
      <p className="kern-body center__back">
        <a className="kern-link" href="#/beratungen">
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t('chat.back')}
        </a>
      </p>
      <SeekerGate next={`/beratungen/${encodeURIComponent(conversationId)}`}>
        <ConversationScreen conversationId={conversationId} />
      </SeekerGate>
    </Page>
  );
}

function ConversationScreen({ conversationId }: { conversationId: string }) {
  const t = useT();
  const { accountId, problem } = useChat();
  const conversation = useConversation(conversationId);
  const { view, failure } = conversation;

  if (conversation.deleted) return <Alert variant="info" title={t('chat.deleted')} />;
  if (failure !== undefined) {
    const gone = failure instanceof ApiError && (failure.status === 404 || failure.status === 422);
    return gone ? (
      <Alert variant="info" title={t('chat.notFound')} />
    ) : (
      <ErrorAlert<MessageKey> error={failure} />
    );
  }
  if (!view)
    return (
      <p className="kern-body" role="status">
        {t('common.loading')}
      </p>
    );

  return (
    <div className="stack chat">
      <ConversationHeader view={view} />
      <ConnectionBanner />
      {problem && (
        <Alert variant="warning" title={t('chat.problem.title')}>
          <p className="kern-body">
            {t(problem.event === 'rekey' ? 'chat.problem.rekey' : 'chat.problem.sync')}
          </p>
        </Alert>
      )}
      {view.counselorAbsent && view.status !== 'waiting' && (
        <Alert
          variant="info"
          title={t('chat.absent.title', { name: view.counselorName ?? t('chat.counselor') })}
        >
          {/* The counselor's own note (plain text, not encrypted: it is the same for everyone). */}
          {view.counselorAbsenceMessage && (
            <p className="kern-body chat-message__text">{view.counselorAbsenceMessage}</p>
          )}
          <p className="kern-body">{t('chat.absent.text')}</p>
        </Alert>
      )}
      <TransferProposal view={view} />
      {view.status === 'active' && <SeekerCall view={view} />}
      {view.status === 'waiting' && <WaitingInfo />}
      <MessageLog
        view={view}
        messages={conversation.messages}
        ownAccountId={accountId}
        hasOlder={conversation.hasOlder}
        loadingOlder={conversation.loadingOlder}
        olderFailure={conversation.olderFailure}
        onLoadOlder={conversation.loadOlder}
      />
      <LiveAnnouncements view={view} incoming={conversation.incoming} peerTyping={conversation.peerTyping} />
      <Composer conversationId={view.id} archived={view.status === 'archived'} onSent={conversation.sent} />
      <AttachmentForm conversationId={view.id} onSent={conversation.sent} />
      <FingerprintPanel conversationId={view.id} keyEpoch={view.keyEpoch} />
      <DeleteConversation conversationId={view.id} />
    </div>
  );
}

/** Topic, center, status and (once taken) the counselor. */
function ConversationHeader({ view }: { view: ConversationView }) {
  const t = useT();
  return (
    <div className="chat-header">
      <h2 className="kern-heading-medium chat-header__topic">{t(`topic.${view.topic}` as MessageKey)}</h2>
      <p className="kern-body chat-header__meta">
        <span>{view.centerName}</span>
        <StatusBadge status={view.status} />
        {view.counselorName && <span>{t('chats.counselor', { name: view.counselorName })}</span>}
      </p>
    </div>
  );
}

/**
 * What screen readers hear without moving: the counselor typing, and each new message
 * of the counselor as it arrives (the message list itself stays quiet).
 */
function LiveAnnouncements({
  view,
  incoming,
  peerTyping,
}: {
  view: ConversationView;
  incoming: DecryptedMessage | undefined;
  peerTyping: boolean;
}) {
  const t = useT();
  const { locale } = useI18n();
  const name = view.counselorName ?? t('chat.counselor');
  const file = incoming?.attachment;
  return (
    <>
      <p className="kern-body chat-typing" aria-live="polite" data-testid="chat-typing">
        {peerTyping ? t('chat.typing', { name }) : ''}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {incoming &&
          t('chat.announce', {
            name,
            text:
              incoming.text ??
              (file
                ? t('chat.message.attachment', { name: file.name, size: formatFileSize(file.size, locale) })
                : t('chat.message.undecryptable')),
          })}
      </p>
    </>
  );
}
