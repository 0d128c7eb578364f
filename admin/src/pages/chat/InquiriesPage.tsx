import { useState } from 'react';
import { ApiError, type DecryptedQueueItem } from '@beratung/shared';
import { navigate } from '@common/router';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { Page } from '@common/ui/Layout';
import { useCenter, type Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import { UnlockKeys } from '../../UnlockKeys';
import { ConnectionBanner } from './ConnectionBanner';
import { InquiryCard } from './InquiryCard';
import { CHAT_ERRORS } from './labels';
import { conversationPath } from './paths';
import { useInquiryQueue } from './useInquiryQueue';
import { useNow } from './useNow';
import './chat.css';

/** Erstanfragen: the inquiries waiting in the center's queue, for every member to take over. */
export function InquiriesPage() {
  const t = useT();
  const { current } = useCenter();
  return (
    <Page title={t('chat.inquiries.title')} siteName={t('app.name')}>
      {current ? (
        <UnlockKeys>
          <Inquiries key={current.centerId} center={current} />
        </UnlockKeys>
      ) : (
        <p className="kern-body">{t('center.none')}</p>
      )}
    </Page>
  );
}

function Inquiries({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const { queue, failure, drop } = useInquiryQueue(center.centerId);
  const now = useNow();
  const [taking, setTaking] = useState<string>();
  const [takeError, setTakeError] = useState<unknown>();
  const [takenByColleague, setTakenByColleague] = useState(false);

  async function takeOver(item: DecryptedQueueItem) {
    if (taking) return;
    setTaking(item.id);
    setTakeError(undefined);
    setTakenByColleague(false);
    try {
      await sdk.chatTakeOver(item.id);
      navigate(conversationPath(item.id));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_TAKEN') {
        // A colleague was faster: say so, and the inquiry is no longer here to take.
        setTakenByColleague(true);
        drop(item.id);
      } else setTakeError(error);
    } finally {
      setTaking(undefined);
    }
  }

  return (
    <div className="stack">
      <p className="kern-body">{t('chat.inquiries.intro', { center: center.centerName })}</p>
      <ConnectionBanner />
      {takenByColleague && <Alert variant="info" title={t('chat.error.alreadyTaken')} live />}
      <ErrorAlert<MessageKey> error={takeError} overrides={CHAT_ERRORS} />
      <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
      {queue === undefined && !failure && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {/* Announced whenever an inquiry comes in or is taken (by anyone). */}
      <p className="kern-body" role="status" data-testid="inquiry-count">
        {queue !== undefined &&
          (queue.length === 0
            ? t('chat.inquiries.none')
            : queue.length === 1
              ? t('chat.inquiries.one')
              : t('chat.inquiries.many', { count: queue.length }))}
      </p>
      {queue !== undefined && queue.length > 0 && (
        <ul className="plain-list inquiry-list" data-testid="inquiries">
          {queue.map((item) => (
            <InquiryCard
              key={item.id}
              item={item}
              now={now}
              busy={taking === item.id}
              onTakeOver={() => void takeOver(item)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
