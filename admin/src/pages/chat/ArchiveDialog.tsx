import { useState } from 'react';
import type { ConversationView } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { ConfirmDialog } from '@common/ui/ConfirmDialog';
import { useT, type MessageKey } from '../../i18n';
import { CHAT_ERRORS } from './labels';

/** "Archivieren", after asking: the consultation becomes read-only until the person writes again. */
export function ArchiveDialog({
  view,
  open,
  onClose,
  onArchived,
}: {
  view: ConversationView;
  open: boolean;
  onClose(): void;
  onArchived(view: ConversationView): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function archive() {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      onArchived(await sdk.chatArchive(view.id));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={open}
      title={t('chat.archive.title', { name: view.seekerName })}
      confirmLabel={t('chat.archive.confirm')}
      busy={busy}
      onConfirm={() => void archive()}
      onCancel={() => {
        setFailure(undefined);
        onClose();
      }}
    >
      <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
      <p className="kern-body">{t('chat.archive.text', { name: view.seekerName })}</p>
    </ConfirmDialog>
  );
}
