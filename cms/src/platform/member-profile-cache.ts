import { clock } from './clock';
import { runtime } from './runtime';
import { invalidateAfterCommit, invalidateOnWrites, type ProcessCache } from './invalidation-bus';

/**
 * The parts of a member's profile (GET /api/users/me) that are not in their user row – the tier that
 * applies, the active tags, the latest appeal – kept in this process so that a profile read needs no
 * database round trip. The user row itself (nickname, avatar, ban) comes from the member-auth cache.
 *
 * Correctness comes from the invalidation bus, as for every process cache (platform/invalidation-bus.ts):
 * - writes through Strapi's query layer (member tags, tags, appeals filed, cards bought, wallets, tiers) drop the
 *   member's entry (or all entries) on every process through lifecycles (subscribe… below);
 * - writes in raw SQL that change what the profile shows (a card activated by a payment, a recharge
 *   that may earn a tier, an appeal decided) call `memberProfileChanged`;
 * - an entry holding something that expires (a card, a tag) is not served past that instant, on the
 *   product clock;
 * - while the bus is not trusted (Redis down or silent) an entry lives under a second: the decision is the
 *   bus's `fresh()`, the same one every process cache and the member-auth cache take.
 */
export interface MemberProfileParts {
  tier: { code: string; name: string | null; level: number; expiresAt: string | null; source: string | null } | null;
  tags: { name: string; code: string; color: string | null; expiresAt: string | null }[];
  appeal: { id: string; status: string; text: string; reply: string | null; createdAt: string } | null;
}

export const MEMBER_PROFILE_TOPIC = 'member-profile';

const MEMBER_TAG = 'api::member-tag.member-tag';
const TAG = 'api::tag.tag';
const APPEAL = 'api::appeal.appeal';
const MEMBERSHIP = 'plugin::payments.membership';
const TIER = 'api::membership-tier.membership-tier';
/** Its recharged total earns tiers (changed in raw SQL by the wallet, which calls memberProfileChanged). */
const WALLET = 'plugin::payments.wallet';

/** The earliest instant at which something shown (a card, a tag) expires by itself. */
export function profileValidUntil(parts: MemberProfileParts): number | null {
  const instants = [parts.tier?.expiresAt, ...parts.tags.map((t) => t.expiresAt)].filter((v): v is string => !!v).map((v) => Date.parse(v));
  return instants.length ? Math.min(...instants) : null;
}

export const memberProfileCache = (): ProcessCache<MemberProfileParts> =>
  runtime().cache<MemberProfileParts>(MEMBER_PROFILE_TOPIC, { now: () => clock.nowMs(), validUntil: profileValidUntil, maxEntries: 20_000 });

export const MEMBER_BENEFIT_FACTS_TOPIC = 'member-benefit-facts';

/**
 * What a member's benefits (discount, horizon, quota) are worked out from – payments' active card and
 * recharged total – cached beside the profile and dropped by the same writes: every booking prices with
 * them. `lapsesAtMs`: when the value is wrong by itself (the card's end), on the product clock.
 */
export const memberBenefitFactsCache = <V extends { lapsesAtMs: number | null }>(): ProcessCache<V> =>
  runtime().cache<V>(MEMBER_BENEFIT_FACTS_TOPIC, { now: () => clock.nowMs(), validUntil: (facts) => facts.lapsesAtMs, maxEntries: 20_000 });

/** The member caches a write about one member can change (profile parts, benefit facts). */
const memberCaches = (): ProcessCache<unknown>[] => [memberProfileCache() as ProcessCache<unknown>, memberBenefitFactsCache() as ProcessCache<unknown>];

/** After a raw-SQL write that changes what `userId`'s profile shows or pays: dropped everywhere, again after commit. */
export function memberProfileChanged(strapi: any, userId: number) {
  for (const cache of memberCaches()) invalidateAfterCommit(strapi, cache, String(userId));
}

/** The member a created row belongs to (its `user` relation or `user_id` column), when the write says. */
function memberOfWrite(event: any): string | null {
  if (event.action !== 'afterCreate') return null;
  const data = event.params?.data ?? {};
  const user = data.user ?? data.user_id;
  const id = typeof user === 'object' && user !== null ? user.id : user;
  return Number.isInteger(Number(id)) && id !== null && id !== '' ? String(Number(id)) : null;
}

/**
 * Call once at bootstrap. A member's tag, appeal or card written through the query layer drops that
 * member (all members when the write does not say whose row it was); a tag's or a tier's name or
 * level drops every profile.
 */
export function subscribeMemberProfileInvalidation(strapi: any) {
  const cache = memberProfileCache as () => ProcessCache<unknown>;
  invalidateOnWrites(strapi, [MEMBER_TAG, APPEAL, MEMBERSHIP, WALLET], cache, memberOfWrite);
  invalidateOnWrites(strapi, [TAG, TIER], cache);
  // Cards and wallets are what benefit facts are read from (tiers are applied when the facts are used).
  invalidateOnWrites(strapi, [MEMBERSHIP, WALLET], memberBenefitFactsCache as () => ProcessCache<unknown>, memberOfWrite);
}
