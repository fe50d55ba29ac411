/** MFA and login-challenge failures, with Akkoma's texts (accounts.md 8). */
export const MFA_ERRORS = {
  /** Wrong or missing password: 422 on MFA routes; the util routes answer it with 200. */
  INVALID_PASSWORD: { status: 422, message: "Invalid password." },
  MFA_UNDEFINED_METHOD: { status: 400, message: "undefined method" },
  MFA_UNDEFINED_MFA_METHOD: { status: 400, message: "undefined mfa method" },
  MFA_INVALID_TOKEN: { status: 422, message: "invalid_token" },
  MFA_INVALID_SECRET_AND_TOKEN: { status: 422, message: "invalid_secret_and_token" },
  /** Every failure of `POST /oauth/mfa/challenge`. */
  MFA_INVALID_CODE: { status: 400, message: "Invalid code" },
  /** The host did not plug in `accountSecurity`. */
  ACCOUNT_SECURITY_UNAVAILABLE: { status: 503, message: "Account security is not available on this server." },
} as const;
