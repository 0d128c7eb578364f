import { useEffect, useRef, useState } from 'react';
import type { CallView } from '@beratung/shared';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';
import { useSession } from '../sdk/session';
import { Alert } from '../ui/Alert';
import { CallSession, type CallPhase } from './call-session';
import './call.css';

type Problem = 'MEDIA_DENIED' | 'TOKEN_REFUSED' | 'connection' | 'join';
type Stats = Awaited<ReturnType<CallSession['stats']>>;

const STATS_INTERVAL_MS = 1000;
const STARTING_STATS_INTERVAL_MS = 100;

/** What went wrong joining, as the notice shows it. */
function problemOf(error: unknown): Problem {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'MEDIA_DENIED' || code === 'TOKEN_REFUSED' ? code : 'join';
}

/**
 * A running call: joins the SFU room with a fresh single-use token, with the media
 * encrypted under the call's key (derived in the SDK worker from the conversation
 * key). Leaving the page leaves the room but not the call — coming back joins again;
 * "Auflegen" ends it for both.
 */
export function CallStage({
  call,
  peerName,
  onHungUp,
}: {
  call: CallView;
  peerName: string;
  onHungUp(call: CallView): void;
}) {
  const t = useTranslate<CommonKey>();
  const { sdk } = useSession();
  // The effect joins by these (stable for one call); the view object changes with every event.
  const { id: callId, conversationId, keyEpoch, seq, kind: callKind } = call;
  const [attempt, setAttempt] = useState(0);
  const [session, setSession] = useState<CallSession>();
  const [phase, setPhase] = useState<CallPhase>('connecting');
  const [problem, setProblem] = useState<Problem>();
  const [remoteTracks, setRemoteTracks] = useState(0);
  const [microphone, setMicrophone] = useState(true);
  const [camera, setCamera] = useState(true);
  const [stats, setStats] = useState<Stats>();
  const [hangingUp, setHangingUp] = useState(false);
  const video = call.kind === 'video';

  useEffect(() => {
    let cancelled = false;
    let current: CallSession | undefined;
    const unsubscribe: Array<() => void> = [];
    (async () => {
      const [info, mediaKey] = await Promise.all([
        sdk.chatJoinCall(callId),
        sdk.chatCallMediaKey({ conversationId, keyEpoch, seq }),
      ]);
      if (cancelled) return;
      const started = await CallSession.start({
        signallingUrl: info.signallingUrl,
        roomId: info.roomId,
        token: info.token,
        kind: callKind,
        mediaKey,
      });
      if (cancelled) {
        started.hangUp();
        return;
      }
      current = started;
      unsubscribe.push(
        started.on('phase', (next, cause) => {
          setPhase(next);
          // Our own hang-up says "left"; anything else is the connection failing.
          if (next === 'ended' && cause !== 'left') setProblem('connection');
        }),
        started.on('remote-track', () => setRemoteTracks((n) => n + 1)),
      );
      setSession(started);
      setPhase(started.phase);
    })().catch((error: unknown) => {
      if (!cancelled) setProblem(problemOf(error));
    });
    return () => {
      cancelled = true;
      for (const off of unsubscribe) off();
      current?.hangUp();
      setSession(undefined);
    };
  }, [sdk, callId, conversationId, keyEpoch, seq, callKind, attempt]);

  useEffect(() => {
    if (!session) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Often while the media start (the figures show when they flow), then once a second.
    const read = () =>
      session.stats().then(
        (next) => {
          if (stopped) return;
          setStats(next);
          const flowing = next.audioPacketsReceived > 0 && (!video || next.framesDecoded > 0);
          timer = setTimeout(read, flowing ? STATS_INTERVAL_MS : STARTING_STATS_INTERVAL_MS);
        },
        () => {
          if (!stopped) timer = setTimeout(read, STATS_INTERVAL_MS);
        },
      );
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [session, video]);

  async function hangUp() {
    if (hangingUp) return;
    setHangingUp(true);
    session?.hangUp();
    try {
      onHungUp(await sdk.chatEndCall(call.id));
    } catch {
      // The call is over on our side anyway; the server ends it when the room empties.
    } finally {
      setHangingUp(false);
    }
  }

  const kind = t(video ? 'call.kind.video' : 'call.kind.audio');
  return (
    <section className="call" aria-label={t('call.region', { kind })} data-testid="call-stage">
      <p className="kern-body call__status" role="status">
        {t(`call.phase.${phase}`)}
      </p>
      {problem && (
        <Alert variant="warning" title={t(`call.error.${problem}`)} live>
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => {
              setProblem(undefined);
              setPhase('connecting');
              setRemoteTracks(0);
              setAttempt((n) => n + 1);
            }}
          >
            <span className="kern-label">{t('call.rejoin')}</span>
          </button>
        </Alert>
      )}
      <div className={video ? 'call__videos' : 'call__videos call__videos--audio'}>
        <RemoteMedia
          session={session}
          tracks={remoteTracks}
          video={video}
          label={t('call.remote', { name: peerName })}
          waiting={remoteTracks === 0 ? t('call.waitingForPeer', { name: peerName }) : undefined}
        />
        {video && session && <LocalPreview stream={session.localStream} label={t('call.self')} />}
      </div>
      <div className="call__controls" role="group" aria-label={kind}>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          aria-pressed={!microphone}
          disabled={!session}
          onClick={() => {
            session?.setMicrophoneEnabled(!microphone);
            setMicrophone(!microphone);
          }}
        >
          <span className="kern-label">{t(microphone ? 'call.microphoneOff' : 'call.microphoneOn')}</span>
        </button>
        {video && (
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            aria-pressed={!camera}
            disabled={!session}
            onClick={() => {
              session?.setCameraEnabled(!camera);
              setCamera(!camera);
            }}
          >
            <span className="kern-label">{t(camera ? 'call.cameraOff' : 'call.cameraOn')}</span>
          </button>
        )}
        <button type="button" className="kern-btn kern-btn--primary btn-danger" onClick={() => void hangUp()}>
          <span className="kern-label">{hangingUp ? t('common.busy') : t('call.hangUp')}</span>
        </button>
      </div>
      <p className="kern-body kern-body--small" aria-live="polite">
        {!microphone && t('call.microphoneMuted')} {video && !camera && t('call.cameraStopped')}
      </p>
      <p className="kern-body kern-body--small">
        {t('call.encrypted')} {t('call.chatContinues')}
      </p>
      <CallDetails stats={stats} />
    </section>
  );
}

/** The other person's picture and sound (sound only in an audio call). */
function RemoteMedia({
  session,
  tracks,
  video,
  label,
  waiting,
}: {
  session: CallSession | undefined;
  tracks: number;
  video: boolean;
  label: string;
  waiting: string | undefined;
}) {
  const element = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    // A new stream object per track: media elements do not always pick up tracks added later.
    if (element.current)
      element.current.srcObject = session ? new MediaStream(session.remoteStream.getTracks()) : null;
  }, [session, tracks]);
  return (
    <figure className="call__remote">
      {video ? (
        <video ref={element} autoPlay playsInline aria-label={label} data-testid="call-remote" />
      ) : (
        <audio ref={element} autoPlay data-testid="call-remote" />
      )}
      <figcaption className="kern-body kern-body--small">{waiting ?? label}</figcaption>
    </figure>
  );
}

function LocalPreview({ stream, label }: { stream: MediaStream; label: string }) {
  const element = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (element.current) element.current.srcObject = stream;
  }, [stream]);
  return (
    <figure className="call__self">
      <video ref={element} autoPlay playsInline muted aria-label={label} />
    </figure>
  );
}

/**
 * What the connection is: the address the browser talks to is the relay's (the SFU),
 * never the other person's — visible here for anyone who wants to check.
 */
function CallDetails({ stats }: { stats: Stats | undefined }) {
  const t = useTranslate<CommonKey>();
  const pair = stats?.selectedPair;
  return (
    <details className="call__details">
      <summary className="kern-body">{t('call.details')}</summary>
      <dl className="kern-body kern-body--small">
        <dt>{t('call.details.route')}</dt>
        <dd data-testid="call-relay">
          {pair
            ? t('call.details.relay', { address: `${pair.address}:${pair.port}` })
            : t('call.details.relayUnknown')}
        </dd>
        <dt>{t('call.details.frames')}</dt>
        <dd data-testid="call-frames">{stats?.framesDecoded ?? 0}</dd>
        <dt>{t('call.details.audio')}</dt>
        <dd data-testid="call-audio">{stats?.audioPacketsReceived ?? 0}</dd>
        <dt>{t('call.details.failures')}</dt>
        <dd data-testid="call-failures">{stats?.decryptFailures ?? 0}</dd>
      </dl>
    </details>
  );
}
