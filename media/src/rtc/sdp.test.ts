import { describe, expect, it } from 'vitest';
import { isMdnsCandidate, stripMdnsCandidates } from './sdp';

describe('mDNS candidates', () => {
  it('are recognised in trickled and SDP form', () => {
    expect(isMdnsCandidate('candidate:1 1 udp 2113937151 0b3c1d5e-2f.local 54321 typ host')).toBe(true);
    expect(isMdnsCandidate('a=candidate:1 1 udp 2113937151 0B3C.LOCAL 54321 typ host')).toBe(true);
    expect(isMdnsCandidate('candidate:2 1 udp 1677729535 198.51.100.4 54321 typ srflx')).toBe(false);
  });

  it('are removed from a remote description, other lines stay', () => {
    const sdp = [
      'v=0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 96',
      'a=candidate:1 1 udp 2113937151 abc.local 54321 typ host',
      'a=candidate:2 1 udp 1677729535 198.51.100.4 54321 typ srflx raddr 0.0.0.0 rport 0',
      'a=mid:0',
      '',
    ].join('\r\n');
    expect(stripMdnsCandidates(sdp)).toBe(
      [
        'v=0',
        'm=audio 9 UDP/TLS/RTP/SAVPF 96',
        'a=candidate:2 1 udp 1677729535 198.51.100.4 54321 typ srflx raddr 0.0.0.0 rport 0',
        'a=mid:0',
        '',
      ].join('\r\n'),
    );
  });
});
