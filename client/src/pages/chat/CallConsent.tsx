import { useEffect, useId, useRef, useState } from 'react';
import type { CallView, ConversationView } from '@beratung/shared';
import { useSession } from '../../common/sdk/session';
import { ErrorAlert } from '../../common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';

/**
 * The counselor proposed a call: before anything is switched on, the help seeker reads
 * who it is with, what is turned on, that nothing is recorded, that the IP address stays
 * hidden and that they can end it any time — and agrees or declines. "Später
 * entscheiden" closes the dialog; the proposal stays until it expires.
 */
export function CallConsent({
  view,
  call,
  onAnswered,
}: {
  view: ConversationView;
  call: CallView;
  onAnswered(call: CallView): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(true);
  const [busy, setBusy] = useState<'accept' | 'decline'>();
  const [failure, setFailure] = useState<unknown>();
  const name = view.counselorName ?? t('chat.counselor');
  const kind = t(call.kind === 'video' ? 'call.kind.video' : 'call.kind.audio');

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  async function answer(choice: 'accept' | 'decline') {
    if (busy) return;
    setBusy(choice);
    setFailure(undefined);
    try {
      onAnswered(await (choice === 'accept' ? sdk.chatAcceptCall(call.id) : sdk.chatDeclineCall(call.id)));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <div className="chat-note" data-testid="call-proposal">
        <p className="kern-body">{t('chat.call.pending', { name, kind })}</p>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setOpen(true)}>
          <span className="kern-label">{t('chat.call.answer')}</span>
        </button>
      </div>
      <dialog
        ref={dialog}
        className="kern-dialog"
        aria-labelledby={titleId}
        data-testid="call-consent"
        onCancel={(event) => {
          event.preventDefault();
          setOpen(false);
        }}
      >
        <header className="kern-dialog__header">
          <h2 className="kern-title kern-heading-medium" id={titleId}>
            {t('chat.call.consent.title', { name, kind })}
          </h2>
        </header>
        <div className="kern-dialog__body">
          <p className="kern-body">{t('chat.call.consent.intro')}</p>
          <ul className="kern-body">
            <li>{t('chat.call.consent.who', { name, center: view.centerName })}</li>
            <li>{t(call.kind === 'video' ? 'chat.call.consent.video' : 'chat.call.consent.audio')}</li>
            <li>{t('chat.call.consent.recording')}</li>
            <li>{t('chat.call.consent.privacy', { name })}</li>
            <li>{t('chat.call.consent.end')}</li>
          </ul>
          <ErrorAlert<MessageKey> error={failure} />
        </div>
        <footer className="kern-dialog__footer">
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen(false)}>
            <span className="kern-label">{t('chat.call.consent.later')}</span>
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => void answer('decline')}
          >
            <span className="kern-label">
              {busy === 'decline' ? t('common.busy') : t('chat.call.consent.decline')}
            </span>
          </button>
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void answer('accept')}>
            <span className="kern-label">
              {busy === 'accept' ? t('common.busy') : t('chat.call.consent.accept')}
            </span>
          </button>
        </footer>
      </dialog>
    </>
  );
}
