import { useState } from 'react';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';
import { CHAT_ERRORS } from './labels';

/**
 * "Sicherheitsnummer" on demand: a fingerprint of the conversation key, the same on both
 * sides. Compared out of band (say, on the phone) it shows nobody is in between.
 */
export function FingerprintDisclosure({
  conversationId,
  seekerName,
}: {
  conversationId: string;
  seekerName: string;
}) {
  const t = useT();
  const { sdk } = useSession();
  const [open, setOpen] = useState(false);
  const [fingerprint, setFingerprint] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  function toggle() {
    const next = !open;
    setOpen(next);
    if (!next || fingerprint) return;
    setFailure(undefined);
    sdk.chatFingerprint(conversationId).then(setFingerprint, setFailure);
  }

  return (
    <div className="chat-fingerprint">
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        aria-expanded={open}
        aria-controls="chat-fingerprint"
        onClick={toggle}
      >
        <span className="kern-label">{t(open ? 'chat.fingerprint.hide' : 'chat.fingerprint.show')}</span>
      </button>
      <div id="chat-fingerprint" hidden={!open}>
        {open && (
          <div className="stack chat-fingerprint__body">
            <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
            <p className="kern-body">{t('chat.fingerprint.intro', { name: seekerName })}</p>
            {fingerprint ? (
              <p className="kern-body fingerprint" data-testid="conversation-fingerprint">
                {fingerprint}
              </p>
            ) : (
              !failure && (
                <p className="kern-body" role="status">
                  {t('common.loading')}
                </p>
              )
            )}
          </div>
        )}
      </div>
    </div>
  );
}
