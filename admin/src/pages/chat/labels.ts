import { isMessageKey, useT, type MessageKey } from '../../i18n';
import type { ErrorOverrides } from '@common/ui/errors';

/** The label of a topic key (`alkohol` → "Alkohol"); an unknown key is shown as it is. */
export function useTopicLabel(): (topic: string) => string {
  const t = useT();
  return (topic) => {
    const key = `topic.${topic}`;
    return isMessageKey(key) ? t(key) : topic;
  };
}

/** What the chat's refusals mean for a counselor, by API error code (or status). */
export const CHAT_ERRORS: ErrorOverrides<MessageKey> = {
  ALREADY_TAKEN: 'chat.error.alreadyTaken',
  NO_KEY: 'chat.error.noKey',
  NO_TEAM_KEY_GRANT: 'chat.error.noKey',
  REKEY_PENDING: 'chat.error.rekeyPending',
  REKEY_NEEDED: 'chat.error.rekeyPending',
  STALE_KEY_EPOCH: 'chat.error.staleKey',
  MESSAGE_TOO_LONG: 'chat.error.tooLong',
  CONVERSATION_ARCHIVED: 'chat.error.archived',
  NOT_ON_MEMBER_LIST: 'chat.error.notOnMemberList',
  NOT_A_COLLEAGUE: 'chat.error.notAColleague',
  HANDOVER_TO_SELF: 'chat.error.notAColleague',
  KEYS_INCOMPLETE: 'chat.error.noKey',
  ATTACHMENT_TYPE: 'chat.error.attachmentType',
  ATTACHMENT_TOO_LARGE: 'chat.error.attachmentTooLarge',
  ATTACHMENT_EMPTY: 'chat.error.attachmentType',
  ATTACHMENT_QUOTA: 'chat.error.attachmentQuota',
  SAME_CENTER: 'chat.error.sameCenter',
  TRANSFER_TARGET_INVALID: 'chat.error.transferTarget',
  404: 'chat.error.notFound',
};
