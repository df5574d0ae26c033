import { BlockList, isIP } from 'node:net';
import type { Context, Next } from 'koa';

/** `203.0.113.7`, `10.0.0.0/8`, `fd00::/8`: whether a WENZHENG_TRUSTED_PROXIES entry is an address or a CIDR block. */
export function isAddressOrBlock(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** IPv4 clients of a dual-stack socket appear as `::ffff:a.b.c.d`: the same address for every rule. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(plain(address), type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's, unless that is a trusted proxy; then X-Forwarded-For is read from
 * the right, each hop a trusted proxy vouches for, up to the first address that is not one. Clients can
 * put anything in the header, so entries no trusted proxy added are never believed.
 */
export function clientAddress(socketAddress: string, forwardedFor: string, proxies: BlockList): string {
  let address = plain(socketAddress);
  const hops = forwardedFor
    .split(',')
    .map((hop) => plain(hop.trim()))
    .filter(Boolean);
  while (isTrusted(proxies, address) && hops.length) {
    const next = hops.pop() as string;
    if (!isIP(next)) break;
    address = next;
  }
  return address;
}

/**
 * Sets ctx.ip (login lock-out, rate limits, audit) from the trusted proxies only, and their X-Forwarded-Proto/Host.
 * Without trusted proxies (WENZHENG_TRUSTED_PROXIES unset) the address is the socket's and no header is read:
 * matching addresses against the list cost every request more than the rest of this middleware.
 */
export function clientAddressMiddleware(entries: readonly string[]) {
  const forget = (ctx: Context) => {
    const headers = ctx.req.headers;
    if (headers['x-forwarded-proto'] !== undefined) delete headers['x-forwarded-proto'];
    if (headers['x-forwarded-host'] !== undefined) delete headers['x-forwarded-host'];
  };
  if (entries.length === 0)
    return (ctx: Context, next: Next) => {
      ctx.request.ip = plain(ctx.req.socket.remoteAddress ?? '');
      forget(ctx);
      return next();
    };
  const proxies = trustedProxies(entries);
  return (ctx: Context, next: Next) => {
    const peer = plain(ctx.req.socket.remoteAddress ?? '');
    ctx.request.ip = clientAddress(peer, ctx.get('X-Forwarded-For'), proxies);
    if (!isTrusted(proxies, peer)) forget(ctx);
    return next();
  };
}
