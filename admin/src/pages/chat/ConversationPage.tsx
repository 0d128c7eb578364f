import { useEffect, useRef, useState } from 'react';
import type { ConversationView } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { useFlash } from '@common/ui/Flash';
import { Page } from '@common/ui/Layout';
import { formatDateTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { UnlockKeys } from '../../UnlockKeys';
import { ArchiveDialog } from './ArchiveDialog';
import { AttachmentForm } from './AttachmentForm';
import { Composer } from './Composer';
import { CounselorCall } from './CounselorCall';
import { ConnectionBanner } from './ConnectionBanner';
import { FingerprintDisclosure } from './FingerprintDisclosure';
import { HandOverDialog } from './HandOverDialog';
import { HandOverNote } from './HandOverNote';
import { CHAT_ERRORS, useTopicLabel } from './labels';
import { MessageLog } from './MessageLog';
import { CHAT_SETTINGS_PATH, CONSULTATION_PATHS } from './paths';
import { TransferDialog } from './TransferDialog';
import { useConversation } from './useConversation';
import './chat.css';

/** One consultation. After a reload the keys are locked: the password opens them first. */
export function ConversationPage({ conversationId }: { conversationId: string }) {
  const t = useT();
  const { unlocked } = useSession();
  if (!unlocked)
    return (
      <Page title={t('chat.conversation.title')} siteName={t('app.name')}>
        <UnlockKeys>{null}</UnlockKeys>
      </Page>
    );
  return <Conversation conversationId={conversationId} />;
}

function Conversation({ conversationId }: { conversationId: string }) {
  const t = useT();
  const conversation = useConversation(conversationId);
  const { view, loadError } = conversation;
  const archived = view?.status === 'archived';
  return (
    <Page
      title={
        view ? t('chat.conversation.titleWith', { name: view.seekerName }) : t('chat.conversation.title')
      }
      siteName={t('app.name')}
      wide
    >
      <p className="kern-body">
        <a className="kern-link" href={`#${CONSULTATION_PATHS[archived ? 'archived' : 'active']}`}>
          {t(archived ? 'chat.conversation.backToArchive' : 'chat.conversation.back')}
        </a>
      </p>
      <div className="stack">
        <ConnectionBanner />
        <ErrorAlert<MessageKey> error={loadError} overrides={CHAT_ERRORS} />
        {!view && !loadError && (
          <p className="kern-body" role="status">
            {t('common.loading')}
          </p>
        )}
        {view && <ConversationBody view={view} conversation={conversation} />}
      </div>
    </Page>
  );
}

function ConversationBody({
  view,
  conversation,
}: {
  view: ConversationView;
  conversation: ReturnType<typeof useConversation>;
}) {
  const t = useT();
  const flash = useFlash();
  const { messages, olderExist, deleted, peerTyping, assigned, me, loadOlder, sent, updated } = conversation;
  const [dialog, setDialog] = useState<'handOver' | 'archive' | 'transfer'>();
  const writable = assigned && view.status === 'active' && !deleted;
  // The former counselor gets the "moved" event, then loses the conversation.
  const transferred = deleted && messages.some((m) => m.event === 'transferred');
  return (
    <>
      <ConversationFacts view={view} />
      {assigned && !deleted && <HandOverNote view={view} />}
      <ReadOnlyNotice view={view} assigned={assigned} deleted={deleted} transferred={transferred} />
      {writable && view.counselorAbsent && (
        <Alert variant="info" title={t('chat.absence.activeTitle')}>
          <p className="kern-body">
            {t('chat.absence.activeText', { name: view.seekerName })}{' '}
            <a className="kern-link" href={`#${CHAT_SETTINGS_PATH}`}>
              {t('chat.absence.change')}
            </a>
          </p>
        </Alert>
      )}
      {writable && view.transferCenterId && (
        <div data-testid="transfer-pending">
          <Alert
            variant="info"
            title={t('chat.transfer.pending', {
              center: view.transferCenterName ?? t('chat.transfer.otherCenter'),
            })}
          >
            <p className="kern-body">{t('chat.transfer.pendingText', { name: view.seekerName })}</p>
          </Alert>
        </div>
      )}
      {assigned && !deleted && (
        <div className="chat-actions" role="group" aria-label={t('chat.actions')}>
          <FingerprintDisclosure conversationId={view.id} seekerName={view.seekerName} />
          {view.status === 'active' && (
            <>
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                onClick={() => setDialog('handOver')}
              >
                <span className="kern-label">{t('chat.handOver.open')}</span>
              </button>
              {!view.transferCenterId && (
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  onClick={() => setDialog('transfer')}
                >
                  <span className="kern-label">{t('chat.transfer.open')}</span>
                </button>
              )}
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                onClick={() => setDialog('archive')}
              >
                <span className="kern-label">{t('chat.archive.open')}</span>
              </button>
            </>
          )}
        </div>
      )}
      {writable && <CounselorCall view={view} />}
      <MessageLog messages={messages} view={view} me={me} olderExist={olderExist} onLoadOlder={loadOlder} />
      <p className="kern-body kern-body--small chat-typing" role="status">
        {peerTyping && writable ? t('chat.typing', { name: view.seekerName }) : ''}
      </p>
      {writable && (
        <>
          <Composer conversationId={view.id} seekerName={view.seekerName} onSent={sent} />
          <AttachmentForm conversationId={view.id} onSent={sent} />
        </>
      )}
      <HandOverDialog
        view={view}
        open={dialog === 'handOver'}
        onClose={() => setDialog(undefined)}
        onHandedOver={(colleague) =>
          flash.go(CONSULTATION_PATHS.active, {
            variant: 'success',
            title: t('chat.handOver.done', { name: view.seekerName, colleague: colleague.displayName }),
          })
        }
      />
      <TransferDialog
        view={view}
        open={dialog === 'transfer'}
        onClose={() => setDialog(undefined)}
        onProposed={(next) => {
          setDialog(undefined);
          updated(next);
        }}
      />
      <ArchiveDialog
        view={view}
        open={dialog === 'archive'}
        onClose={() => setDialog(undefined)}
        onArchived={(next) => {
          setDialog(undefined);
          updated(next);
        }}
      />
    </>
  );
}

/** Topic, status and since when, as a description list. */
function ConversationFacts({ view }: { view: ConversationView }) {
  const t = useT();
  const { locale } = useI18n();
  const topicLabel = useTopicLabel();
  return (
    <dl className="kern-description-list chat-facts">
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t('chat.col.topic')}</dt>
        <dd className="kern-description-list-item__value">{topicLabel(view.topic)}</dd>
      </div>
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t('chat.facts.status')}</dt>
        <dd className="kern-description-list-item__value" data-testid="conversation-status">
          {t(`chat.status.${view.status}`)}
        </dd>
      </div>
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t('chat.facts.since')}</dt>
        <dd className="kern-description-list-item__value">{formatDateTime(view.createdAt, locale)}</dd>
      </div>
    </dl>
  );
}

/**
 * Why nothing can be written here: archived (a new message from the person reopens it),
 * deleted by the person, moved to another center with the person's consent, waiting in the
 * queue, or no longer this counselor's. Focused when it appears after
 * an action, so keyboard and screen-reader users learn what happened.
 */
function ReadOnlyNotice({
  view,
  assigned,
  deleted,
  transferred,
}: {
  view: ConversationView;
  assigned: boolean;
  deleted: boolean;
  transferred: boolean;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  let notice: { title: MessageKey; text?: MessageKey } | undefined;
  if (transferred) notice = { title: 'chat.readOnly.transferred', text: 'chat.readOnly.transferredText' };
  else if (deleted) notice = { title: 'chat.readOnly.deleted' };
  else if (view.status === 'waiting') notice = { title: 'chat.readOnly.waiting' };
  else if (!assigned) notice = { title: 'chat.readOnly.notAssigned' };
  else if (view.status === 'archived')
    notice = { title: 'chat.readOnly.archived', text: 'chat.readOnly.archivedText' };
  const shown = notice?.title;
  const first = useRef(true);
  useEffect(() => {
    // Not on arrival at the page (the heading has focus then), only when it changes.
    if (first.current) {
      first.current = false;
      return;
    }
    if (shown) box.current?.focus();
  }, [shown]);
  if (!notice) return null;
  return (
    <div tabIndex={-1} ref={box} className="chat-read-only" data-testid="read-only-notice">
      <Alert variant="info" title={t(notice.title, { name: view.seekerName })}>
        {notice.text && <p className="kern-body">{t(notice.text, { name: view.seekerName })}</p>}
      </Alert>
    </div>
  );
}
