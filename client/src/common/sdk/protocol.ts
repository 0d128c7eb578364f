import type {
  BackOfficeCalls,
  BeratungClient,
  BookingCalls,
  ChatCalls,
  ChatEventMap,
  SessionView,
} from '@beratung/shared';

/**
 * The SDK methods the apps may call. They run inside a Web Worker (sdk.worker.ts), so
 * Argon2id (~64 MiB, several hundred ms) never blocks the page and the unwrapped
 * private keys never reach the main thread.
 */
type Exposed =
  | 'config'
  | 'searchCenters'
  | 'centerDetail'
  | 'registerSeeker'
  | 'login'
  | 'verifyMfa'
  | 'setupMfa'
  | 'enableMfa'
  | 'disableMfa'
  | 'currentSession'
  | 'logout'
  | 'logoutEverywhere'
  | 'changePassword'
  | 'deleteAccount'
  | 'recover'
  | 'getInvite'
  | 'acceptInvite'
  | 'invite'
  | 'staff'
  | 'colleagues'
  | 'removeStaff'
  | 'auditLog'
  | 'centerSettings'
  | 'updateCenterSettings'
  | 'bookingSettings'
  | 'updateBookingSettings'
  | 'centerProfile'
  | 'saveCenterProfile'
  | 'pendingCertificates'
  | 'ownKeyFingerprint'
  | 'certifyPendingAdmin'
  | 'publishTeamKey'
  | 'centerKeyStatus'
  | 'maintainTeamKeys';

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/** The public booking calls (`client.booking.*`), flattened: `bookingSlots` is `booking.slots`. */
interface BookingSdk {
  bookingServices: Async<BookingCalls['services']>;
  bookingSlots: Async<BookingCalls['slots']>;
  bookingSlotDays: Async<BookingCalls['slotDays']>;
  bookingHold: Async<BookingCalls['hold']>;
  bookingReleaseHold: Async<BookingCalls['releaseHold']>;
  bookingBook: Async<BookingCalls['book']>;
  bookingView: Async<BookingCalls['view']>;
  bookingCancel: Async<BookingCalls['cancel']>;
  bookingReschedule: Async<BookingCalls['reschedule']>;
  bookingIcs: Async<BookingCalls['ics']>;
}

/** The back-office calls (`client.backOffice.*`), flattened: `backOfficeCancel` is `backOffice.cancel`. */
interface BackOfficeSdk {
  backOfficeAppointments: Async<BackOfficeCalls['appointments']>;
  backOfficeCancel: Async<BackOfficeCalls['cancel']>;
  backOfficeAttendance: Async<BackOfficeCalls['attendance']>;
  backOfficeBulkCancel: Async<BackOfficeCalls['bulkCancel']>;
  backOfficeConflicts: Async<BackOfficeCalls['conflicts']>;
  backOfficePreviewAbsenceSeries: Async<BackOfficeCalls['previewAbsenceSeries']>;
}

/**
 * The chat calls (`client.chat.*`), flattened: `chatSend` is `chat.send`. Conversation
 * keys stay in the worker; only decrypted text for display crosses to the page. Real-time
 * events arrive through `SdkBridge.onChat` (an `SdkEvent` message from the worker).
 */
interface ChatSdk {
  chatConnect: Async<ChatCalls['connect']>;
  chatDisconnect: Async<ChatCalls['disconnect']>;
  chatRoute: Async<ChatCalls['route']>;
  chatStartInquiry: Async<ChatCalls['startInquiry']>;
  chatRemove: Async<ChatCalls['remove']>;
  chatQueue: Async<ChatCalls['queue']>;
  chatTakeOver: Async<ChatCalls['takeOver']>;
  chatHandOver: Async<ChatCalls['handOver']>;
  chatHandOverNote: Async<ChatCalls['handOverNote']>;
  chatArchive: Async<ChatCalls['archive']>;
  chatConversations: Async<ChatCalls['conversations']>;
  chatConversation: Async<ChatCalls['conversation']>;
  chatHistory: Async<ChatCalls['history']>;
  chatTrack: Async<ChatCalls['track']>;
  chatSend: Async<ChatCalls['send']>;
  chatSendAttachment: Async<ChatCalls['sendAttachment']>;
  chatDownloadAttachment: Async<ChatCalls['downloadAttachment']>;
  chatTyping: Async<ChatCalls['typing']>;
  chatMarkRead: Async<ChatCalls['markRead']>;
  chatMarkDelivered: Async<ChatCalls['markDelivered']>;
  chatFingerprint: Async<ChatCalls['fingerprint']>;
  chatAbsence: Async<ChatCalls['absence']>;
  chatSetAbsence: Async<ChatCalls['setAbsence']>;
  chatProposeTransfer: Async<ChatCalls['proposeTransfer']>;
  chatAcceptTransfer: Async<ChatCalls['acceptTransfer']>;
  chatDeclineTransfer: Async<ChatCalls['declineTransfer']>;
  chatSettings: Async<ChatCalls['settings']>;
  chatUpdateSettings: Async<ChatCalls['updateSettings']>;
  chatProposeCall: Async<ChatCalls['proposeCall']>;
  chatCalls: Async<ChatCalls['calls']>;
  chatAcceptCall: Async<ChatCalls['acceptCall']>;
  chatDeclineCall: Async<ChatCalls['declineCall']>;
  chatJoinCall: Async<ChatCalls['joinInfo']>;
  chatEndCall: Async<ChatCalls['endCall']>;
  /** The call's media key: it has to reach the page, where the encoded transforms run. */
  chatCallMediaKey: Async<ChatCalls['callMediaKey']>;
}

/** A chat event the worker forwards to the page (see `ChatEventMap`). */
export interface SdkEvent<K extends keyof ChatEventMap = keyof ChatEventMap> {
  event: K;
  value: ChatEventMap[K];
}

/** The remote SDK as the main thread sees it: the same methods, plus `unlock` without key export. */
export type RemoteSdk = { [K in Exposed]: Async<BeratungClient[K]> } & BookingSdk &
  BackOfficeSdk &
  ChatSdk & {
    /** Unwraps the private keys inside the worker (after a page reload); nothing is returned. */
    unlock(password: string): Promise<void>;
  };

export type MethodName = keyof RemoteSdk;

/** What the main thread needs to know about the worker's client after every call. */
export interface SdkState {
  session: SessionView | undefined;
  /** True when the worker holds the unwrapped identity keys. */
  unlocked: boolean;
}

export interface SdkRequest {
  id: number;
  method: MethodName;
  args: unknown[];
}

/** Errors cross the worker boundary as plain data and are rebuilt on the other side. */
export type SerializedError =
  | {
      kind: 'api';
      status: number;
      code: string;
      message: string;
      details?: Array<{ path: string; message: string }>;
      retryAfterSeconds?: number;
      extra?: Record<string, unknown>;
    }
  | { kind: 'weak_password'; strength: { ok: boolean; score: 0 | 1 | 2 | 3 | 4; problems: string[] } }
  | { kind: 'unwrap'; message: string }
  | { kind: 'trust'; code: string; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'other'; message: string };

export type SdkResponse =
  | { id: number; ok: true; value: unknown; state: SdkState }
  | { id: number; ok: false; error: SerializedError; state: SdkState; sessionExpired: boolean };

/** Calls that answer 401 as part of their normal work (wrong password, no session yet). */
export const EXPECTS_401: ReadonlySet<MethodName> = new Set<MethodName>([
  'login',
  'verifyMfa',
  'currentSession',
  'recover',
  'getInvite',
  'acceptInvite',
  'changePassword',
  'deleteAccount',
  'unlock',
]);
