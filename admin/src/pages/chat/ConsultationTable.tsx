import type { ConversationView } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { TableHead } from '@common/ui/TableHead';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useTopicLabel } from './labels';
import { lastActivity, unreadCount, type ConsultationStatus } from './model';
import { conversationPath } from './paths';

/** The consultations as a table: pseudonym (the link into the conversation), topic, activity, unread. */
export function ConsultationTable({
  consultations,
  status,
}: {
  consultations: ConversationView[];
  status: ConsultationStatus;
}) {
  const t = useT();
  const { locale } = useI18n();
  const topicLabel = useTopicLabel();
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--striped" data-testid={`consultations-${status}`}>
        <caption className="kern-title">
          {t(status === 'active' ? 'chat.consultations.caption' : 'chat.archive.caption', {
            count: consultations.length,
          })}
        </caption>
        <TableHead
          columns={[
            t('chat.col.seeker'),
            t('chat.col.topic'),
            t('chat.col.lastActivity'),
            t('chat.col.unread'),
          ]}
        />
        <tbody className="kern-table__body">
          {consultations.map((view) => {
            const unread = unreadCount(view);
            return (
              <tr className="kern-table__row" key={view.id}>
                <th className="kern-table__header" scope="row">
                  <a className="kern-link" href={`#${conversationPath(view.id)}`}>
                    {view.seekerName}
                  </a>
                </th>
                <td className="kern-table__cell">{topicLabel(view.topic)}</td>
                <td className="kern-table__cell">
                  <time dateTime={lastActivity(view)}>{formatDateTime(lastActivity(view), locale)}</time>
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {unread > 0 ? (
                    <span className="kern-badge kern-badge--warning">
                      <span className="kern-label">{t('chat.unread', { count: unread })}</span>
                    </span>
                  ) : (
                    <span className="muted">{t('chat.unread.none')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
