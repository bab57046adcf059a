import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Every address a host name resolves to (all of them: one bad answer is enough to refuse). */
export type HostResolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A URL that passed the guard, with the address it was checked against: connect to this one only. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Why a webhook URL is refused, in words a person registering it can act on (no internals). */
export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Keeps webhooks from reaching into the server's own network (SSRF). A URL must be https (http
 * only to loopback, and loopback only when the configuration allows it for development and
 * tests), carry no credentials, and every address its host resolves to must be public unicast:
 * no private, loopback, link-local, CGNAT, multicast, unspecified, reserved or unique-local
 * addresses, also not disguised as IPv4-mapped, NAT64, 6to4 or Teredo IPv6. It runs at
 * registration and again before every send; the sender then connects to the checked address
 * itself, so a DNS answer that changes in between (rebinding) cannot redirect the request.
 */
export class SsrfGuard {
  constructor(
    private readonly allowLoopback: boolean,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  async check(raw: string): Promise<CheckedTarget> {
    const url = this.parse(raw);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let answers: Array<{ address: string; family: number }>;
    if (ipaddr.isValid(host)) {
      answers = [{ address: host, family: host.includes(':') ? 6 : 4 }];
    } else {
      try {
        answers = await this.resolve(host);
      } catch {
        throw new UnsafeUrlError(`The host name ${host} could not be resolved.`);
      }
      if (answers.length === 0) throw new UnsafeUrlError(`The host name ${host} could not be resolved.`);
    }
    for (const answer of answers) {
      if (this.classify(answer.address) === 'refused')
        throw new UnsafeUrlError(`${host} points to a private or reserved address; webhooks go to public hosts only.`);
    }
    if (
      url.protocol === 'http:' &&
      !(this.allowLoopback && answers.every((a) => this.classify(a.address) === 'loopback'))
    )
      throw new UnsafeUrlError('The URL must use https.');
    const first = answers[0]!;
    return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
  }

  /** Syntax only: scheme, no credentials. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UnsafeUrlError('This is not a valid URL.');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.allowLoopback))
      throw new UnsafeUrlError('The URL must use https.');
    if (url.username || url.password) throw new UnsafeUrlError('The URL must not contain a user name or password.');
    return url;
  }

  private classify(address: string): 'public' | 'loopback' | 'refused' {
    let ip: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      ip = ipaddr.parse(address);
    } catch {
      return 'refused';
    }
    // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    const range = ip.range();
    if (range === 'loopback') return this.allowLoopback ? 'loopback' : 'refused';
    if (range !== 'unicast') return 'refused';
    // IPv6 outside 2000::/3 (e.g. the deprecated IPv4-compatible ::a.b.c.d) is not global unicast.
    if (ip.kind() === 'ipv6' && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) return 'refused';
    return 'public';
  }
}
