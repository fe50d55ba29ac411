/**
 * Akkoma's email format rule (accounts.md 16): a local part of `A-Z a-z 0-9 .!#$%&'*+/=?^_\`{|}~-`,
 * `@`, then dot-separated labels of letters, digits and hyphens that neither start nor end with a
 * hyphen, at most 63 characters each. No TLD is required (`a@b` passes).
 */
export function isValidEmail(email: string): boolean {
  const at = email.lastIndexOf("@");
  if (at <= 0) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return false;
  const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
  return domain !== "" && domain.split(".").every((l) => label.test(l));
}
