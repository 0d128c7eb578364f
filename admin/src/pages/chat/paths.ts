import type { ConsultationStatus } from './model';

/** Erstanfragen, and the two tabs of Meine Beratungen; a consultation is `/consultations/<id>`. */
export const INQUIRIES_PATH = '/inquiries';
export const CONSULTATION_PATHS: Record<ConsultationStatus, string> = {
  active: '/consultations',
  archived: '/consultations/archive',
};
export const CONVERSATION_PATTERN = '/consultations/:conversationId';
export const conversationPath = (conversationId: string) => `/consultations/${conversationId}`;
/** Absence note (everyone) and the center's chat settings (admins change them). */
export const CHAT_SETTINGS_PATH = '/chat-settings';
