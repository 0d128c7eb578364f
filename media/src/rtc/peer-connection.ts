import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  useFIR,
  useNACK,
  useOPUS,
  usePLI,
  useSdesMid,
  useVP8,
  type RTCPeerConnectionConfig,
} from 'werift';

/** Where the SFU's UDP sockets live and which address the browsers are told to use. */
export interface RtcTransportOptions {
  /** The IPv4 address put into the ICE candidates (public address behind 1:1 NAT). */
  announcedAddress: string;
  /** The interface the UDP sockets bind to (`0.0.0.0` for all). */
  listenAddress: string;
  /** Inclusive UDP port range; every participant takes one port (everything is bundled). */
  portRange: [number, number];
}

/**
 * The codecs, feedback and header extensions every peer connection of the SFU offers:
 * Opus and VP8 (+ RTX for retransmissions), NACK and PLI/FIR, and only the `mid`
 * header extension. Fresh objects every call: werift writes payload types and
 * extension ids into the objects it is given.
 */
export function mediaCapabilities(): Pick<RTCPeerConnectionConfig, 'codecs' | 'headerExtensions'> {
  // One shared instance: werift numbers extensions across both kinds, so audio and
  // video get the same id for `mid`, as a BUNDLE group requires.
  const mid = useSdesMid();
  return {
    codecs: {
      audio: [useOPUS({ parameters: 'minptime=10;useinbandfec=1' })],
      video: [
        useVP8({ rtcpFeedback: [useNACK(), usePLI(), useFIR()] }),
        new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000 }),
      ],
    },
    headerExtensions: { audio: [mid], video: [mid] },
  };
}

/**
 * A server-side peer connection: no STUN or TURN servers of its own (werift's default
 * list contains a public STUN server), exactly one host candidate with the announced
 * address, sockets bound to the listen address within the port range, one bundled
 * transport. ICE lite, as SFUs on a public address do: the SFU only answers the
 * browser's connectivity checks and never sends a packet to an address a browser
 * merely claims to have (no reflection of traffic to third parties), and the browser,
 * the full ICE agent, nominates the pair and keeps checking consent.
 */
export function createServerPeerConnection(options: RtcTransportOptions): RTCPeerConnection {
  return new RTCPeerConnection({
    ...mediaCapabilities(),
    iceServers: [],
    // No interface scan: the only candidate is the announced address.
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [options.announcedAddress],
    iceInterfaceAddresses: { udp4: options.listenAddress },
    icePortRange: options.portRange,
    bundlePolicy: 'max-bundle',
    iceLite: true,
  });
}
