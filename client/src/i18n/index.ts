import { useTranslate } from '../common/i18n/core';
import { de, type MessageKey } from './de';
import { en } from './en';

export const messages = { de, en };
export type { MessageKey };

/** `t` typed with this app's keys. */
export const useT = () => useTranslate<MessageKey>();
