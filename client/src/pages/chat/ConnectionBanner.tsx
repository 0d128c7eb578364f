import { Alert } from '../../common/ui/Alert';
import { useT } from '../../i18n';
import { useChat } from './ChatProvider';

/**
 * The state of the real-time connection, in a status region that is always there, so
 * losing it and getting it back are both announced. Nothing is lost meanwhile: the SDK
 * fetches what came in after the last message it saw.
 */
export function ConnectionBanner() {
  const t = useT();
  const { status, reconnected } = useChat();
  return (
    <div role="status" className="chat-connection">
      {status === 'offline' && (
        <Alert variant="warning" title={t('chat.offline.title')}>
          <p className="kern-body">{t('chat.offline.text')}</p>
        </Alert>
      )}
      {status === 'connecting' && <p className="kern-body muted">{t('chat.connecting')}</p>}
      {status === 'online' && reconnected && <p className="visually-hidden">{t('chat.reconnected')}</p>}
    </div>
  );
}
