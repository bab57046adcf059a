import type { Role } from './roles.js';

/**
 * Who is calling, as established from a verified token. The tenant comes from here and only from
 * here: never from client input.
 */
export interface Principal {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly role: Role;
  readonly kind: 'user' | 'api_key';
  /** The member (user) id, or the API key id. */
  readonly actorId: string;
  /** A readable name for history entries: the member's email or the key's name. */
  readonly actorLabel: string;
  /** A customer API key: the controller party it speaks for. */
  readonly partyId?: string;
  /** The session behind a user principal (for sign-out). */
  readonly sessionId?: string;
}
