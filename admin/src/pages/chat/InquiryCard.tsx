import type { DecryptedQueueItem } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { Alert } from '@common/ui/Alert';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useTopicLabel } from './labels';
import { formatFileSize } from './model';
import { WaitingTimeText } from './WaitingTimeText';

/** One waiting inquiry: who, on what, since when, the first message, and "Übernehmen". */
export function InquiryCard({
  item,
  now,
  busy,
  onTakeOver,
}: {
  item: DecryptedQueueItem;
  now: number;
  busy: boolean;
  onTakeOver(): void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const topicLabel = useTopicLabel();
  const titleId = `inquiry-${item.id}`;
  const readable = (item.firstText !== undefined || item.firstAttachment !== undefined) && !item.error;
  return (
    <li>
      <article className="kern-card inquiry" aria-labelledby={titleId}>
        <div className="kern-card__container">
          <header className="kern-card__header">
            <h2 className="kern-title" id={titleId}>
              {item.seekerName}
            </h2>
            <p className="kern-body inquiry__meta">
              <span className="kern-badge kern-badge--info">
                <span className="kern-label">{topicLabel(item.topic)}</span>
              </span>
              <time dateTime={item.createdAt} title={formatDateTime(item.createdAt, locale)}>
                <WaitingTimeText since={item.createdAt} now={now} />
              </time>
            </p>
          </header>
          <div className="kern-card__body">
            {readable ? (
              <blockquote className="inquiry__text">
                {item.firstAttachment ? (
                  // The file itself is opened only after taking the inquiry over.
                  <p className="kern-body message-text">
                    <span className="kern-icon kern-icon--draft kern-icon--small" aria-hidden="true" />{' '}
                    {t('chat.attachment.file', {
                      name: item.firstAttachment.name,
                      size: formatFileSize(item.firstAttachment.size, locale),
                    })}
                  </p>
                ) : (
                  <p className="kern-body message-text">{item.firstText}</p>
                )}
              </blockquote>
            ) : item.error === 'NO_KEY' ? (
              <Alert variant="info" title={t('chat.noKey.title')}>
                <p className="kern-body">{t('chat.noKey.text')}</p>
              </Alert>
            ) : (
              <Alert variant="warning" title={t('chat.message.undecryptable')} />
            )}
          </div>
          {/* Taking over needs the conversation key, which the team key opens. */}
          {item.error !== 'NO_KEY' && (
            <footer className="kern-card__footer">
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                aria-disabled={busy || undefined}
                onClick={() => !busy && onTakeOver()}
              >
                {busy && <span className="spinner" aria-hidden="true" />}
                <span className="kern-label">
                  {busy ? t('common.busy') : t('chat.inquiries.takeOver')}
                  <span className="visually-hidden">
                    {' '}
                    {t('chat.inquiries.takeOverContext', { name: item.seekerName })}
                  </span>
                </span>
              </button>
            </footer>
          )}
        </div>
      </article>
    </li>
  );
}
