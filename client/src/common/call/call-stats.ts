export interface CallStats {
  framesDecoded: number;
  audioPacketsReceived: number;
  videoPacketsReceived: number;
  /** Incoming frames dropped because they did not decrypt (wrong key, tampering). */
  decryptFailures: number;
  /** Where the media goes: the SFU's address, never the other participant's. */
  selectedPair: { address: string; port: number; candidateType: string } | null;
}

type Stat = Record<string, unknown> & { id: string; type: string };

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** The numbers a call shows, read from the peer connection's stats report. */
export async function readCallStats(pc: RTCPeerConnection, decryptFailures: number): Promise<CallStats> {
  const report = await pc.getStats();
  const stats = new Map<string, Stat>();
  report.forEach((stat: Stat) => stats.set(stat.id, stat));
  const out: CallStats = {
    framesDecoded: 0,
    audioPacketsReceived: 0,
    videoPacketsReceived: 0,
    decryptFailures,
    selectedPair: null,
  };
  let pairId: string | undefined;
  for (const stat of stats.values()) {
    if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
      out.framesDecoded += num(stat.framesDecoded);
      out.videoPacketsReceived += num(stat.packetsReceived);
    } else if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
      out.audioPacketsReceived += num(stat.packetsReceived);
    } else if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') {
      pairId = stat.selectedCandidatePairId;
    }
  }
  // Browsers without transport stats: the nominated, succeeded pair.
  pairId ??= [...stats.values()].find(
    (s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded',
  )?.id;
  const pair = pairId ? stats.get(pairId) : undefined;
  const remote = typeof pair?.remoteCandidateId === 'string' ? stats.get(pair.remoteCandidateId) : undefined;
  if (remote) {
    out.selectedPair = {
      address: String(remote.address ?? remote.ip ?? ''),
      port: num(remote.port),
      candidateType: String(remote.candidateType ?? ''),
    };
  }
  return out;
}
