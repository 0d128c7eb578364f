// Argon2id (crypto_pwhash_str) off the event loop: one of these runs per worker thread.
import { parentPort } from 'node:worker_threads';
import sodiumModule from 'libsodium-wrappers-sumo';

await sodiumModule.ready;
const sodium = sodiumModule;

parentPort.on('message', ({ id, op, secret, hash, opslimit, memlimit }) => {
  try {
    if (op === 'hash') {
      parentPort.postMessage({ id, result: sodium.crypto_pwhash_str(secret, opslimit, memlimit) });
    } else {
      let ok = false;
      try {
        ok = sodium.crypto_pwhash_str_verify(hash, secret);
      } catch {
        ok = false;
      }
      parentPort.postMessage({ id, result: ok });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
