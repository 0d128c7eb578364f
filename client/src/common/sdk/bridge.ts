import { ApiError, WeakPasswordError, type ChatEventMap, type PasswordStrength } from '@beratung/shared';
import { KeyTrustError, KeyUnlockError, NetworkError } from './errors';
import type {
  MethodName,
  RemoteSdk,
  SdkEvent,
  SdkRequest,
  SdkResponse,
  SdkState,
  SerializedError,
} from './protocol';

function rebuild(error: SerializedError): Error {
  switch (error.kind) {
    case 'api':
      return new ApiError(
        error.status,
        error.code,
        error.message,
        error.details,
        error.retryAfterSeconds,
        error.extra,
      );
    case 'weak_password':
      return new WeakPasswordError(error.strength as PasswordStrength);
    case 'unwrap':
      return new KeyUnlockError(error.message);
    case 'trust':
      return new KeyTrustError(error.code, error.message);
    case 'network':
      return new NetworkError(error.message);
    case 'other':
      return new Error(error.message);
  }
}

type Listener = (state: SdkState & { expired: boolean }) => void;

/** Main-thread side of the SDK worker: typed calls, rebuilt errors, session state updates. */
export class SdkBridge {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly listeners = new Set<Listener>();
  private readonly chatListeners = new Map<keyof ChatEventMap, Set<(value: never) => void>>();

  /** The SDK, called as if it were local: `sdk.login(email, password)`. */
  readonly sdk: RemoteSdk;

  constructor() {
    this.worker = new Worker(new URL('./sdk.worker.ts', import.meta.url), {
      type: 'module',
      name: 'beratung-sdk',
    });
    this.worker.addEventListener('message', (event: MessageEvent<SdkResponse | SdkEvent>) => {
      if ('event' in event.data) this.dispatch(event.data);
      else this.receive(event.data);
    });
    this.worker.addEventListener('error', (event) => {
      const error = new Error(`SDK worker failed: ${event.message}`);
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    });
    this.sdk = new Proxy({} as RemoteSdk, {
      // Not a thenable: `await sdk` must not look like a call.
      get: (_target, method) =>
        typeof method === 'string' && method !== 'then'
          ? (...args: unknown[]) => this.call(method as MethodName, args)
          : undefined,
    });
  }

  /** Real-time chat events (messages arrive decrypted, once each, in order). */
  onChat<K extends keyof ChatEventMap>(event: K, listener: (value: ChatEventMap[K]) => void): () => void {
    const set = this.chatListeners.get(event) ?? new Set();
    this.chatListeners.set(event, set);
    set.add(listener as (value: never) => void);
    return () => set.delete(listener as (value: never) => void);
  }

  private dispatch(message: SdkEvent): void {
    for (const listener of this.chatListeners.get(message.event) ?? []) {
      (listener as (value: SdkEvent['value']) => void)(message.value);
    }
  }

  onState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private call(method: MethodName, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args } satisfies SdkRequest);
    });
  }

  private receive(response: SdkResponse): void {
    const call = this.pending.get(response.id);
    if (!call) return;
    this.pending.delete(response.id);
    const expired = !response.ok && response.sessionExpired;
    for (const listener of this.listeners) listener({ ...response.state, expired });
    if (response.ok) call.resolve(response.value);
    else call.reject(rebuild(response.error));
  }
}
