/**
 * Audience markers for published activities' `to`/`cc`. Reactions, scrobbles and account moves
 * all address "the actor's followers", so the marker lives here rather than in one of them.
 */

/** The audience marker for "the actor's followers" in published activities' `to`/`cc`. */
export const followersOf = (accountId: string) => `followers:${accountId}`;
