import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer credentials look like `a30s.<ref>.<secret>` (session), `a30k.…` (API key) or `a30i.…`
 * (invitation). `ref` packs the tenant id and the row id, so a token can be checked inside its own
 * tenant's transaction without any cross-tenant lookup; `secret` is 32 random bytes whose SHA-256
 * is all the database keeps. SHA-256 (not argon2) is right for secrets of this entropy.
 */
export type CredentialKind = 'session' | 'api_key' | 'invitation';

const PREFIX: Record<CredentialKind, string> = { session: 'a30s', api_key: 'a30k', invitation: 'a30i' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface IssuedCredential {
  token: string;
  secretHash: Buffer;
}

export interface ParsedCredential {
  kind: CredentialKind;
  tenantId: string;
  id: string;
  secretHash: Buffer;
}

export function issueCredential(kind: CredentialKind, tenantId: string, id: string): IssuedCredential {
  const secret = randomBytes(32).toString('base64url');
  const ref = Buffer.concat([uuidToBytes(tenantId), uuidToBytes(id)]).toString('base64url');
  return { token: `${PREFIX[kind]}.${ref}.${secret}`, secretHash: sha256(secret) };
}

/** Returns undefined for anything that is not a well-formed credential (never throws). */
export function parseCredential(token: string): ParsedCredential | undefined {
  if (token.length > 200) return undefined;
  const [prefix, ref, secret, extra] = token.split('.');
  const kind = (Object.keys(PREFIX) as CredentialKind[]).find((k) => PREFIX[k] === prefix);
  if (!kind || !ref || !secret || extra !== undefined || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  const bytes = Buffer.from(ref, 'base64url');
  if (bytes.length !== 32) return undefined;
  const tenantId = bytesToUuid(bytes.subarray(0, 16));
  const id = bytesToUuid(bytes.subarray(16));
  if (!UUID.test(tenantId) || !UUID.test(id)) return undefined;
  return { kind, tenantId, id, secretHash: sha256(secret) };
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
