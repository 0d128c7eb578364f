import type { ConversationView } from '@beratung/shared';
import { useT } from '../../i18n';

const VARIANT: Record<ConversationView['status'], string> = {
  waiting: 'kern-badge--warning',
  active: 'kern-badge--success',
  archived: 'chat-badge--archived',
};

/** Waiting ("Berater_innen-Suche läuft"), in counseling, or archived. */
export function StatusBadge({ status }: { status: ConversationView['status'] }) {
  const t = useT();
  return (
    <span className={`kern-badge kern-badge--small ${VARIANT[status]}`}>
      <span className="kern-label">{t(`chats.status.${status}`)}</span>
    </span>
  );
}
