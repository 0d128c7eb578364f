import {
  ApiError,
  BeratungClient,
  KeyVerificationError,
  TrustError,
  UnwrapError,
  WeakPasswordError,
  type ChatEventMap,
} from '@beratung/shared';
import {
  EXPECTS_401,
  type MethodName,
  type RemoteSdk,
  type SdkRequest,
  type SdkResponse,
  type SdkEvent,
  type SdkState,
  type SerializedError,
} from './protocol';

// Same origin: the browser sends and keeps the session cookie for this worker's fetches.
const client = new BeratungClient();

/** Every method the page may call, spelled out: nothing else of the client is reachable. */
const methods: RemoteSdk = {
  config: () => client.config(),
  searchCenters: (query) => client.searchCenters(query),
  centerDetail: (centerId) => client.centerDetail(centerId),
  registerSeeker: (input) => client.registerSeeker(input),
  login: (login, password) => client.login(login, password),
  verifyMfa: (code) => client.verifyMfa(code),
  setupMfa: () => client.setupMfa(),
  enableMfa: (code) => client.enableMfa(code),
  disableMfa: (code) => client.disableMfa(code),
  currentSession: () => client.currentSession(),
  logout: () => client.logout(),
  logoutEverywhere: () => client.logoutEverywhere(),
  changePassword: (current, next) => client.changePassword(current, next),
  deleteAccount: (password) => client.deleteAccount(password),
  recover: (input) => client.recover(input),
  getInvite: (token) => client.getInvite(token),
  acceptInvite: (token, password, locale) => client.acceptInvite(token, password, locale),
  invite: (centerId, input) => client.invite(centerId, input),
  staff: (centerId) => client.staff(centerId),
  colleagues: (centerId) => client.colleagues(centerId),
  removeStaff: (centerId, accountId) => client.removeStaff(centerId, accountId),
  auditLog: (centerId) => client.auditLog(centerId),
  centerSettings: (centerId) => client.centerSettings(centerId),
  updateCenterSettings: (centerId, settings) => client.updateCenterSettings(centerId, settings),
  bookingSettings: (centerId) => client.bookingSettings(centerId),
  updateBookingSettings: (centerId, settings) => client.updateBookingSettings(centerId, settings),
  centerProfile: (centerId) => client.centerProfile(centerId),
  saveCenterProfile: (centerId, profile) => client.saveCenterProfile(centerId, profile),
  pendingCertificates: () => client.pendingCertificates(),
  ownKeyFingerprint: () => client.ownKeyFingerprint(),
  // The platform secret and the team private key stay in this worker; only results go back.
  certifyPendingAdmin: (pending) => client.certifyPendingAdmin(pending),
  publishTeamKey: (centerId) => client.publishTeamKey(centerId),
  centerKeyStatus: (centerId) => client.centerKeyStatus(centerId),
  // Online appointment booking: public, no session needed.
  bookingServices: (centerId) => client.booking.services(centerId),
  bookingSlots: (query) => client.booking.slots(query),
  bookingSlotDays: (query) => client.booking.slotDays(query),
  bookingHold: (serviceId, start) => client.booking.hold(serviceId, start),
  bookingReleaseHold: (holdId) => client.booking.releaseHold(holdId),
  bookingBook: (request) => client.booking.book(request),
  bookingView: (code, token) => client.booking.view(code, token),
  bookingCancel: (code, token, reason) => client.booking.cancel(code, token, reason),
  bookingReschedule: (code, token, to) => client.booking.reschedule(code, token, to),
  bookingIcs: (code, token) => client.booking.ics(code, token),
  // Back office: the server checks the session and the center role on every call.
  backOfficeAppointments: (centerId, query) => client.backOffice.appointments(centerId, query),
  backOfficeCancel: (centerId, bookingId, message) => client.backOffice.cancel(centerId, bookingId, message),
  backOfficeAttendance: (centerId, bookingId, status) =>
    client.backOffice.attendance(centerId, bookingId, status),
  backOfficeBulkCancel: (centerId, request) => client.backOffice.bulkCancel(centerId, request),
  backOfficeConflicts: (centerId) => client.backOffice.conflicts(centerId),
  backOfficePreviewAbsenceSeries: (centerId, series) =>
    client.backOffice.previewAbsenceSeries(centerId, series),
  // Chat: conversation keys stay in this worker; the page gets decrypted text to show.
  // A failed attempt (server unreachable) is no logout: Socket.IO keeps retrying and
  // reports `connection` once it is back. Only the server's refusal ends the session.
  chatConnect: () =>
    client.chat.connect().catch((error: unknown) => {
      if (error instanceof ApiError && error.code !== 'UNAUTHENTICATED') throw new TypeError(error.message);
      throw error;
    }),
  chatDisconnect: async () => client.chat.disconnect(),
  chatRoute: (topic, postalCode) => client.chat.route(topic, postalCode),
  chatStartInquiry: (input) => client.chat.startInquiry(input),
  chatRemove: (conversationId) => client.chat.remove(conversationId),
  chatQueue: (centerId) => client.chat.queue(centerId),
  chatTakeOver: (conversationId) => client.chat.takeOver(conversationId),
  chatHandOver: (conversationId, toAccountId, note) =>
    client.chat.handOver(conversationId, toAccountId, note),
  chatHandOverNote: (view) => client.chat.handOverNote(view),
  chatArchive: (conversationId) => client.chat.archive(conversationId),
  chatConversations: (status) => client.chat.conversations(status),
  chatConversation: (conversationId) => client.chat.conversation(conversationId),
  chatHistory: (conversationId, range) => client.chat.history(conversationId, range),
  chatTrack: async (conversationId, afterSeq) => client.chat.track(conversationId, afterSeq),
  chatSend: (conversationId, text) => client.chat.send(conversationId, text),
  // Files are encrypted here before upload and decrypted here after download.
  chatSendAttachment: (conversationId, file) => client.chat.sendAttachment(conversationId, file),
  chatDownloadAttachment: (conversationId, ref, keyEpoch) =>
    client.chat.downloadAttachment(conversationId, ref, keyEpoch),
  chatTyping: async (conversationId, typing) => client.chat.typing(conversationId, typing),
  chatMarkRead: (conversationId, seq) => client.chat.markRead(conversationId, seq),
  chatMarkDelivered: (conversationId, seq) => client.chat.markDelivered(conversationId, seq),
  chatFingerprint: (conversationId) => client.chat.fingerprint(conversationId),
  chatAbsence: () => client.chat.absence(),
  chatSetAbsence: (absence) => client.chat.setAbsence(absence),
  // Counselors propose; the help seeker's app verifies the other center's team key
  // through the trust chain here, before sealing.
  chatProposeTransfer: (conversationId, centerId) => client.chat.proposeTransfer(conversationId, centerId),
  chatAcceptTransfer: (conversationId) => client.chat.acceptTransfer(conversationId),
  chatDeclineTransfer: (conversationId) => client.chat.declineTransfer(conversationId),
  chatSettings: (centerId) => client.chat.settings(centerId),
  chatUpdateSettings: (centerId, settings) => client.chat.updateSettings(centerId, settings),
  chatProposeCall: (conversationId, kind) => client.chat.proposeCall(conversationId, kind),
  chatCalls: (conversationId) => client.chat.calls(conversationId),
  chatAcceptCall: (callId) => client.chat.acceptCall(callId),
  chatDeclineCall: (callId) => client.chat.declineCall(callId),
  chatJoinCall: (callId) => client.chat.joinInfo(callId),
  chatEndCall: (callId) => client.chat.endCall(callId),
  chatCallMediaKey: (call) => client.chat.callMediaKey(call),
  maintainTeamKeys: (centerId) => client.maintainTeamKeys(centerId),
  unlock: async (password) => {
    await client.unlock(password);
  },
};

// Real-time chat events go to the page as they happen (no request id).
const FORWARDED: Array<keyof ChatEventMap> = [
  'message',
  'conversation',
  'typing',
  'receipt',
  'queueAdded',
  'queueRemoved',
  'error',
  'connection',
  'keys',
  'call',
];
for (const event of FORWARDED) {
  client.chat.on(event, (value) => self.postMessage({ event, value } satisfies SdkEvent));
}

function state(): SdkState {
  return { session: client.session, unlocked: client.identity !== undefined };
}

function serialize(error: unknown): SerializedError {
  if (error instanceof ApiError) {
    return {
      kind: 'api',
      status: error.status,
      code: error.code,
      message: error.message,
      details: error.details,
      retryAfterSeconds: error.retryAfterSeconds,
      extra: error.extra,
    };
  }
  if (error instanceof WeakPasswordError) {
    return { kind: 'weak_password', strength: { ...error.strength, problems: [...error.strength.problems] } };
  }
  if (error instanceof UnwrapError) return { kind: 'unwrap', message: error.message };
  // Before the generic code check below: these carry a code too, but are trust failures.
  if (error instanceof KeyVerificationError || error instanceof TrustError) {
    return { kind: 'trust', code: error.code, message: error.message };
  }
  // Chat refusals that never reached the server (too long, no key) keep their code.
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string') {
    return { kind: 'api', status: 400, code, message: error.message };
  }
  // fetch rejects with a TypeError when the server cannot be reached.
  if (error instanceof TypeError) return { kind: 'network', message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** A 401 on a call that needs a session means it ended (idle timeout, logout elsewhere). */
function sessionEnded(method: MethodName, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 401 || EXPECTS_401.has(method)) return false;
  // The chat socket and keys belong to the ended session: no more events, nothing kept.
  client.chat.reset();
  client.session = undefined;
  client.identity = undefined;
  client.api.csrfToken = undefined;
  return true;
}

self.addEventListener('message', (event: MessageEvent<SdkRequest>) => {
  const { id, method, args } = event.data;
  const fn = Object.hasOwn(methods, method)
    ? (methods[method] as (...a: unknown[]) => Promise<unknown>)
    : undefined;
  const run = fn ? fn(...args) : Promise.reject(new Error(`Unknown SDK method ${String(method)}`));
  run.then(
    (value) => self.postMessage({ id, ok: true, value, state: state() } satisfies SdkResponse),
    (error: unknown) => {
      const sessionExpired = sessionEnded(method, error);
      self.postMessage({
        id,
        ok: false,
        error: serialize(error),
        state: state(),
        sessionExpired,
      } satisfies SdkResponse);
    },
  );
});
