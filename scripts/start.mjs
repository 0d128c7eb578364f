#!/usr/bin/env node
// `npm start`: builds the two apps when their sources changed, then runs the server,
// which serves the API, Socket.IO and both apps on one origin (http://localhost:3000,
// staff app under /admin/) on the embedded defaults: PGlite in ./data, mail outbox in
// ./data/outbox, in-memory Socket.IO adapter, demo data on first start. The media service
// (SFU) runs beside it and registers with it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

for (const app of ['client', 'admin']) {
  const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
  if (!pkg.scripts?.build) continue;
  const built = path.join(app, 'dist', 'index.html');
  const sources = [path.join(app, 'src'), 'shared/src'].filter((d) => fs.existsSync(d));
  const stale = !fs.existsSync(built) || Math.max(...sources.map(newestMtime)) > fs.statSync(built).mtimeMs;
  if (stale) {
    console.log(`Building ${app} …`);
    const result = spawnSync('npm', ['run', 'build', '-w', app], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

const children = [spawn('npm', ['run', 'start', '-w', 'server'], { stdio: 'inherit' })];
const mediaPkg = JSON.parse(fs.readFileSync('media/package.json', 'utf8'));
// The local media process registers with the local server (and heartbeats), as a media
// node does in production; until its first heartbeat arrives the server uses its
// MEDIA_CONTROL_URL default, which is the same process.
const mediaEnv = {
  ...process.env,
  MEDIA_REGISTER_URL: process.env.MEDIA_REGISTER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
};
if (mediaPkg.scripts?.start)
  children.push(spawn('npm', ['run', 'start', '-w', 'media'], { stdio: 'inherit', env: mediaEnv }));

let exiting = false;
for (const child of children) {
  child.on('exit', (code) => {
    if (exiting) return;
    exiting = true;
    for (const other of children) if (other !== child) other.kill('SIGTERM');
    process.exit(code ?? 0);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    exiting = true;
    for (const child of children) child.kill(signal);
  });
}
