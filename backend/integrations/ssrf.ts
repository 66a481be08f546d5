// Webhook targets in production must be public: private, loopback, link-local and other
// special-purpose addresses are refused, both when the URL is registered and on every
// connection (the resolved address is checked in the socket's own lookup, so a name that
// later resolves elsewhere cannot slip through).
import {BlockList, isIP} from 'node:net';
import {lookup as dnsLookup, type LookupAddress} from 'node:dns';
import {promises as dns} from 'node:dns';
import {AppError} from '../errors.js';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** True for addresses a webhook may not reach in production. IPv4-mapped IPv6 is checked as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Registration check: https only, and every address the host resolves to is public. */
export async function assertPublicUrl(url: string): Promise<void> {
  const u = new URL(url);
  if (u.protocol !== 'https:') throw new AppError('bad_request', 'webhook URLs must use https');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await dns.lookup(host, {all: true})).map((a) => a.address);
  } catch {
    throw new AppError('bad_request', `the webhook host ${host} does not resolve`);
  }
  if (addresses.some(isPrivateAddress)) throw new AppError('bad_request', `the webhook host ${host} is a private, loopback or link-local address`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http(s).request that refuses private addresses at connection time. */
export function publicOnlyLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, {...options, all: true}, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = (addresses as LookupAddress[]).find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), {code: 'EPRIVATE'}), []);
    const all = (options as {all?: boolean}).all;
    if (all) return callback(null, addresses as LookupAddress[]);
    const first = (addresses as LookupAddress[])[0];
    callback(null, first.address, first.family);
  });
}
