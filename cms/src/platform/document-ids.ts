import { randomUUID } from 'node:crypto';

/**
 * A document id for a row the app inserts itself: 24 characters of [a-z0-9] starting with a letter, the
 * shape of Strapi's own ids, from 116 random bits. cuid2's createId hashes with SHA-3 on every call
 * (about 60 µs; a booking's five inserts spent 3.6 % of its CPU there); randomUUID draws from Node's
 * buffered CSPRNG.
 */
export function newDocumentId(): string {
  const uuid = randomUUID();
  // 29 of the 30 random hex digits of a v4 UUID (its version and variant digits left out): 116 bits, which
  // 23 base-36 digits hold.
  const random = uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(15, 18) + uuid.slice(20, 23) + uuid.slice(24, 35);
  return `d${BigInt(`0x${random}`).toString(36).padStart(23, '0')}`;
}
