import { Fragment, useEffect, useState } from 'react';
import { useSession } from '../../common/sdk/session';
import { ErrorAlert } from '../../common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';

/**
 * "Sicherheitsnummer vergleichen": the conversation key's fingerprint, shown on demand.
 * If both sides read the same digits (by phone, in person), nobody else holds the key.
 * It changes with a new key epoch (after the counselor left), so it is fetched per epoch.
 */
export function FingerprintPanel({ conversationId, keyEpoch }: { conversationId: string; keyEpoch: number }) {
  const t = useT();
  const { sdk } = useSession();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ epoch: number; fingerprint?: string; error?: unknown }>();

  useEffect(() => {
    if (!open) return;
    let current = true;
    sdk.chatFingerprint(conversationId).then(
      (fingerprint) => current && setResult({ epoch: keyEpoch, fingerprint }),
      (error: unknown) => current && setResult({ epoch: keyEpoch, error }),
    );
    return () => {
      current = false;
    };
  }, [sdk, open, conversationId, keyEpoch]);

  const shown = result?.epoch === keyEpoch ? result : undefined;
  return (
    <section className="section" aria-labelledby="chat-fingerprint-title">
      <h2 className="kern-heading-small" id="chat-fingerprint-title">
        {t('chat.fingerprint.title')}
      </h2>
      <p className="kern-body">{t('chat.fingerprint.why')}</p>
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        aria-expanded={open}
        aria-controls="chat-fingerprint"
        onClick={() => setOpen((value) => !value)}
      >
        <span className="kern-label">{t(open ? 'chat.fingerprint.hide' : 'chat.fingerprint.show')}</span>
      </button>
      <div id="chat-fingerprint" hidden={!open}>
        {open && !shown && (
          <p className="kern-body" role="status">
            {t('common.loading')}
          </p>
        )}
        {shown?.fingerprint && (
          <>
            <p className="secret chat-fingerprint" data-testid="fingerprint">
              {/* Groups of five for reading aloud; the spaces keep them apart for copying too. */}
              {shown.fingerprint.split(' ').map((group, index) => (
                <Fragment key={index}>
                  {index > 0 && ' '}
                  <span>{group}</span>
                </Fragment>
              ))}
            </p>
            <p className="kern-body">{t('chat.fingerprint.how')}</p>
            <p className="kern-body">{t('chat.fingerprint.mismatch')}</p>
          </>
        )}
        {shown?.error !== undefined && <ErrorAlert<MessageKey> error={shown.error} />}
      </div>
    </section>
  );
}
