import { useState } from 'react';
import type { CallKind, CallView, ConversationView } from '@beratung/shared';
import { CallEndedNotice } from '@common/call/CallEndedNotice';
import { CallStage } from '@common/call/CallStage';
import { useConversationCall } from '@common/call/useConversationCall';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import type { ErrorOverrides } from '@common/ui/errors';
import { useT, type MessageKey } from '../../i18n';

const CALL_ERRORS: ErrorOverrides<MessageKey> = {
  CALL_IN_PROGRESS: 'chat.call.error.CALL_IN_PROGRESS',
  CONVERSATION_NOT_ACTIVE: 'chat.call.error.CONVERSATION_NOT_ACTIVE',
  MEDIA_UNAVAILABLE: 'chat.call.error.MEDIA_UNAVAILABLE',
};

/**
 * The counselor's side of a call: propose audio or video (nothing is switched on until
 * the help seeker agrees), withdraw the proposal, the running call, why it ended.
 */
export function CounselorCall({ view }: { view: ConversationView }) {
  const t = useT();
  const { sdk } = useSession();
  const { open, ended, adopt } = useConversationCall(view.id);
  const [busy, setBusy] = useState<CallKind | 'withdraw'>();
  const [failure, setFailure] = useState<unknown>();

  async function run(action: CallKind | 'withdraw', request: () => Promise<CallView>) {
    if (busy) return;
    setBusy(action);
    setFailure(undefined);
    try {
      adopt(await request());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  }
  const propose = (kind: CallKind) => run(kind, () => sdk.chatProposeCall(view.id, kind));

  const kind = (call: { kind: CallKind }) => t(call.kind === 'video' ? 'call.kind.video' : 'call.kind.audio');
  return (
    <div className="stack" data-testid="counselor-call">
      <ErrorAlert<MessageKey> error={failure} overrides={CALL_ERRORS} />
      {open?.status === 'accepted' && (
        <CallStage key={open.id} call={open} peerName={view.seekerName} onHungUp={adopt} />
      )}
      {open?.status === 'proposed' && (
        <Alert variant="info" title={t('chat.call.proposed', { name: view.seekerName, kind: kind(open) })}>
          <p className="kern-body">{t('chat.call.proposedText', { name: view.seekerName })}</p>
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => void run('withdraw', () => sdk.chatEndCall(open.id))}
          >
            <span className="kern-label">
              {busy === 'withdraw' ? t('common.busy') : t('chat.call.withdraw')}
            </span>
          </button>
        </Alert>
      )}
      {!open && (
        <>
          <CallEndedNotice call={ended} />
          <div className="chat-actions" role="group" aria-label={t('chat.call.actions')}>
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => void propose('video')}
            >
              <span className="kern-label">
                {busy === 'video' ? t('common.busy') : t('chat.call.proposeVideo')}
              </span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => void propose('audio')}
            >
              <span className="kern-label">
                {busy === 'audio' ? t('common.busy') : t('chat.call.proposeAudio')}
              </span>
            </button>
          </div>
        </>
      )}
    </div>
  );
}
