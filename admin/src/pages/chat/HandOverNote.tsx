import { useEffect, useRef, useState } from 'react';
import type { ConversationView } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { Alert } from '@common/ui/Alert';
import { useT } from '../../i18n';

/** The note a colleague left when handing this consultation over, opened with this counselor's key. */
export function HandOverNote({ view }: { view: ConversationView }) {
  const t = useT();
  const { sdk } = useSession();
  const sealed = view.handOverNote;
  const [note, setNote] = useState<{ sealed: string; text: string | undefined; failed: boolean }>();
  // Newer views of the same conversation carry the same note: it is opened once.
  const opened = useRef<string>(undefined);

  useEffect(() => {
    if (!sealed || opened.current === sealed) return;
    opened.current = sealed;
    sdk.chatHandOverNote(view).then(
      (text) => setNote({ sealed, text, failed: false }),
      () => setNote({ sealed, text: undefined, failed: true }),
    );
  }, [sdk, sealed, view]);

  if (!sealed || note?.sealed !== sealed) return null;
  if (note.failed) return <Alert variant="warning" title={t('chat.handOverNote.undecryptable')} />;
  return (
    <Alert variant="info" title={t('chat.handOverNote.title')}>
      <p className="kern-body message-text" data-testid="handover-note">
        {note.text}
      </p>
    </Alert>
  );
}
