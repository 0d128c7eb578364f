import { Alert } from '@common/ui/Alert';
import { useT } from '../../i18n';
import { useChatConnection } from './ChatConnection';

/** Says so while real-time delivery is not working; nothing when it is. */
export function ConnectionBanner() {
  const t = useT();
  const state = useChatConnection();
  if (state === 'connecting')
    return (
      <p className="kern-body muted" role="status">
        {t('chat.connection.connecting')}
      </p>
    );
  if (state !== 'interrupted') return null;
  return (
    <Alert variant="warning" title={t('chat.connection.lostTitle')} live>
      <p className="kern-body">{t('chat.connection.lost')}</p>
    </Alert>
  );
}
