// The real UA: JsSIP 3.13 (bundled by Vite from its CommonJS sources).
import { UA } from 'jssip';
import type { Socket } from 'jssip/lib/Socket';
import type { SipUa, UaConfig } from './sipPorts';

/**
 * A JsSIP UA that registers by itself once connected, with no SIP password: the server's proxy
 * authenticates the agent (docs/sip-proxy.md). A registrar that challenges anyway makes the
 * registration fail with 401, which the phone reports. Session timers and DTMF (RFC 2833 via
 * JsSIP's default) stay JsSIP's defaults.
 */
export function createJsSipUa(config: UaConfig): SipUa {
  return new UA({
    sockets: [config.socket as unknown as Socket],
    uri: config.uri,
    authorization_user: config.authorizationUser,
    display_name: config.displayName,
    contact_uri: config.contactUri,
    register: true,
    user_agent: 'Tandem webphone (JsSIP)',
  }) as unknown as SipUa;
}
