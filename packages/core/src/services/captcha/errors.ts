/**
 * Captcha failures at registration (accounts.md 5.2): 400 with `error` set to a JSON string
 * `{"captcha":["<message>"]}`; the message is given per use.
 */
export const CAPTCHA_ERRORS = {
  CAPTCHA_INVALID: { status: 400, message: '{"captcha":["Invalid CAPTCHA"]}' },
} as const;
