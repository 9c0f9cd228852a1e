import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { AppError } from '../http/problem.ts';
import type { ImportSource } from './import-source.ts';

export interface FetchLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** How long the whole download (every redirect included) may take. */
  timeoutMs?: number;
  /**
   * Host names, addresses and CIDR ranges that may be fetched although they are not public
   * (IMPORT_URL_ALLOW), e.g. `files.intranet.example` or `10.20.0.0/16`.
   */
  allow?: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The one answer to every URL that is not fetched: a refused address, a failed connection, a
 * timeout or an error status. It deliberately says nothing of what answered, so the import
 * cannot be used to probe which internal addresses exist.
 */
export function urlRefused(): AppError {
  const message = {
    de: 'Von dieser Adresse kann nicht importiert werden. Möglich sind öffentlich erreichbare http- und https-Adressen, die die Datei liefern.',
    en: 'Cannot import from this address. Publicly reachable http and https addresses that deliver the file are possible.',
  };
  return new AppError('import-url-refused', message, [{ field: 'url', code: 'refused', message }]);
}

function tooLarge(maxBytes: number): AppError {
  const message = { de: `Die Datei ist größer als ${maxBytes} Bytes.`, en: `The file is larger than ${maxBytes} bytes.` };
  return new AppError('validation', message, [{ field: 'url', code: 'too_big', message }]);
}

interface AllowList {
  hosts: Set<string>;
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

function compileAllowList(entries: readonly string[] = []): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const raw of entries) {
    const e = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!e) continue;
    if (ipaddr.isValidCIDR(e)) list.ranges.push(ipaddr.parseCIDR(e));
    else if (ipaddr.isValid(e)) {
      const a = ipaddr.parse(e);
      list.ranges.push([a, a.kind() === 'ipv4' ? 32 : 128]);
    } else list.hosts.add(e);
  }
  return list;
}

/** True for a public unicast address, or one inside an allowed range. IPv4-mapped IPv6 addresses count as their IPv4 address. */
export function isAllowedAddress(address: string, allow: readonly string[] = []): boolean {
  return addressAllowed(address, compileAllowList(allow));
}

function addressAllowed(address: string, allow: AllowList): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (allow.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return true;
  return ip.range() === 'unicast';
}

/** Runs `work` until the deadline; afterwards the refusal. */
function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(urlRefused()), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves the host of `url` once and checks every address; the request then connects to the checked address only. */
async function resolveChecked(url: URL, allow: AllowList, deadline: number): Promise<{ address: string; family: number }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw urlRefused();
  if (url.username || url.password) throw urlRefused();
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const hostAllowed = allow.hosts.has(host);
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await beforeDeadline(dns.promises.lookup(host, { all: true, verbatim: true }), deadline);
    } catch {
      throw urlRefused();
    }
  }
  if (!addresses.length) throw urlRefused();
  if (!hostAllowed && !addresses.every((a) => addressAllowed(a.address, allow))) throw urlRefused();
  return addresses[0]!;
}

interface Answer {
  status: number;
  location: string | undefined;
  body: Buffer | null;
}

/** One GET to the checked address; the body is read only for a success, and only up to the limit. */
function request(url: URL, target: { address: string; family: number }, maxBytes: number, signal: AbortSignal): Promise<Answer> {
  // The socket connects to the address that was checked, whatever the name resolves to by now.
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const req = client.request(
      url,
      { method: 'GET', agent: false, lookup, signal, headers: { 'user-agent': 'Praevis-Import', accept: '*/*' } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          res.resume();
          resolve({ status, location: res.headers.location, body: null });
          return;
        }
        const declared = Number(res.headers['content-length'] ?? 'NaN');
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.destroy();
          reject(tooLarge(maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            reject(tooLarge(maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, location: undefined, body: Buffer.concat(chunks) }));
        res.on('error', () => reject(urlRefused()));
        res.on('aborted', () => reject(urlRefused()));
      },
    );
    req.on('error', () => reject(urlRefused()));
    req.end();
  });
}

/**
 * Downloads an http(s) URL for an import. The host is resolved here and every address must be a
 * public unicast address (not loopback, private, link-local, unique-local, carrier-grade NAT,
 * multicast, unspecified or reserved; IPv4-mapped IPv6 addresses are judged as IPv4) unless the
 * host or address is on the allow-list; the connection goes to the checked address, so a second
 * resolution cannot swap it. Redirects (at most five) are followed by hand with the same check
 * on every hop. Bodies over `maxBytes` are refused while they stream in. Every refusal and every
 * failure is the same `import-url-refused` problem; only a file over the limit is named as such.
 */
export async function fetchUrl(url: string, limits: FetchLimits): Promise<ImportSource> {
  const allow = compileAllowList(limits.allow);
  const deadline = Date.now() + (limits.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = AbortSignal.timeout(limits.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw urlRefused();
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = await resolveChecked(current, allow, deadline);
    const answer = await request(current, target, limits.maxBytes, signal);
    if (answer.body) {
      const base = path.posix.basename(current.pathname);
      let name: string;
      try {
        name = decodeURIComponent(base) || current.hostname;
      } catch {
        name = base;
      }
      return { name: `${name} (${current.origin}${current.pathname})`, data: answer.body };
    }
    if (!REDIRECTS.has(answer.status) || !answer.location) throw urlRefused();
    try {
      current = new URL(answer.location, current);
    } catch {
      throw urlRefused();
    }
  }
  throw urlRefused();
}
