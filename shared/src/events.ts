/**
 * The typed Socket.IO contract between server and apps (`domain:verb` names).
 * Later issues add chat and call events here.
 */
export interface ServerToClientEvents {
  /** Sent on every (re)connect, so connection-state recovery always has an offset. */
  'session:ready': (payload: { accountId: string; recovered: boolean }) => void;
  /** The session ended (logout elsewhere, expiry): the app should return to login. */
  'session:ended': (payload: { reason: 'logout' | 'expired' }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export interface SocketData {
  accountId: string;
  kind: 'seeker' | 'staff';
}
