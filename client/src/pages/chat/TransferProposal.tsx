import { useState } from 'react';
import type { ConversationView } from '@beratung/shared';
import { useSession } from '../../common/sdk/session';
import { ErrorAlert } from '../../common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';
import { useChat } from './ChatProvider';

const TRANSFER_ERRORS: Partial<Record<string, MessageKey>> = {
  NO_TEAM_KEY: 'inquiry.error.noTeamKey',
  STALE_TEAM_KEY: 'chat.transfer.stale',
  NO_TRANSFER_PROPOSED: 'chat.transfer.gone',
  trust: 'inquiry.error.trust',
};

/**
 * The counselor proposed moving the conversation to another center: the help seeker
 * decides. Agreeing seals the conversation keys to that center's verified team key, so
 * it can read what was written; the current counselor is out of it afterwards.
 */
export function TransferProposal({ view }: { view: ConversationView }) {
  const t = useT();
  const { sdk } = useSession();
  const { adopt } = useChat();
  const [busy, setBusy] = useState<'accept' | 'decline'>();
  const [failure, setFailure] = useState<unknown>();
  if (!view.transferCenterId) return null;

  async function decide(choice: 'accept' | 'decline') {
    if (busy) return;
    setBusy(choice);
    setFailure(undefined);
    try {
      adopt(await (choice === 'accept' ? sdk.chatAcceptTransfer(view.id) : sdk.chatDeclineTransfer(view.id)));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="chat-transfer" aria-labelledby="chat-transfer-title" data-testid="chat-transfer">
      <h2 className="kern-heading-small" id="chat-transfer-title">
        {t('chat.transfer.title')}
      </h2>
      <p className="kern-body">
        {t('chat.transfer.text', { center: view.transferCenterName ?? t('chat.transfer.otherCenter') })}
      </p>
      <p className="kern-body">{t('chat.transfer.consequences')}</p>
      <ErrorAlert<MessageKey> error={failure} overrides={TRANSFER_ERRORS} />
      <div className="actions">
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => void decide('accept')}>
          <span className="kern-label">
            {busy === 'accept' ? t('common.busy') : t('chat.transfer.accept')}
          </span>
        </button>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void decide('decline')}>
          <span className="kern-label">
            {busy === 'decline' ? t('common.busy') : t('chat.transfer.decline')}
          </span>
        </button>
      </div>
    </section>
  );
}
