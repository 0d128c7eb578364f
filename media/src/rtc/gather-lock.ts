/**
 * werift probes the port range for a free port and binds it afterwards; two peer
 * connections gathering at the same moment can pick the same port, and the losing
 * socket's bind error is thrown from an event nobody listens to. Gathering happens in
 * setLocalDescription, so the SFU runs those one after another.
 */
let queue: Promise<unknown> = Promise.resolve();

export function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}
