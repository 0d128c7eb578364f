import { useState } from 'react';
import { useSession } from '../../common/sdk/session';
import { ErrorAlert } from '../../common/ui/Alert';
import { ConfirmDialog } from '../../common/ui/ConfirmDialog';
import { useFlash } from '../../common/ui/Flash';
import { useT, type MessageKey } from '../../i18n';

/** Deletes the conversation for both sides, after a confirmation: it cannot be undone. */
export function DeleteConversation({ conversationId }: { conversationId: string }) {
  const t = useT();
  const { sdk } = useSession();
  const flash = useFlash();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function remove() {
    setBusy(true);
    setFailure(undefined);
    try {
      await sdk.chatRemove(conversationId);
      flash.go('/beratungen', { variant: 'success', title: t('chat.delete.done') });
    } catch (error) {
      setFailure(error);
      setBusy(false);
      setOpen(false);
    }
  }

  return (
    <section className="section" aria-labelledby="chat-delete-title">
      <h2 className="kern-heading-small" id="chat-delete-title">
        {t('chat.delete.title')}
      </h2>
      <p className="kern-body">{t('chat.delete.intro')}</p>
      <ErrorAlert<MessageKey> error={failure} />
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setOpen(true)}>
        <span className="kern-icon kern-icon--delete" aria-hidden="true" />
        <span className="kern-label">{t('chat.delete.button')}</span>
      </button>
      <ConfirmDialog
        open={open}
        title={t('chat.delete.confirmTitle')}
        confirmLabel={t('chat.delete.confirm')}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setOpen(false)}
      >
        <p className="kern-body">{t('chat.delete.confirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
