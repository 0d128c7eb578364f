import type { ConversationView } from '@beratung/shared';
import { CallEndedNotice } from '../../common/call/CallEndedNotice';
import { CallStage } from '../../common/call/CallStage';
import { useConversationCall } from '../../common/call/useConversationCall';
import { useT } from '../../i18n';
import { CallConsent } from './CallConsent';

/** The help seeker's side of a call: the consent dialog, the running call, why it ended. */
export function SeekerCall({ view }: { view: ConversationView }) {
  const t = useT();
  const { open, ended, adopt } = useConversationCall(view.id);
  if (open?.status === 'proposed')
    return <CallConsent key={open.id} view={view} call={open} onAnswered={adopt} />;
  if (open?.status === 'accepted')
    return (
      <CallStage
        key={open.id}
        call={open}
        peerName={view.counselorName ?? t('chat.counselor')}
        onHungUp={adopt}
      />
    );
  return <CallEndedNotice call={ended} />;
}
