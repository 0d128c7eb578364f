import type { CallView } from '@beratung/shared';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';
import { Alert } from '../ui/Alert';
import { endedKey } from './call-state';

/** Why the last call of the conversation ended (it stays until the next one). */
export function CallEndedNotice({ call }: { call: CallView | undefined }) {
  const t = useTranslate<CommonKey>();
  if (!call) return null;
  const failed = call.endReason === 'media_failed' || call.endReason === 'media_unavailable';
  return (
    <div data-testid="call-ended">
      <Alert variant={failed ? 'warning' : 'info'} title={t(endedKey(call.endReason))} live />
    </div>
  );
}
