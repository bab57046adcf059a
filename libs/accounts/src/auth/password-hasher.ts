import argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-level memory and time cost). */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the email is unknown so that sign-in takes
 * as long for unknown users as for known ones (no account enumeration by timing).
 */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('art30-no-such-member'));
}
let dummy: Promise<string> | undefined;
