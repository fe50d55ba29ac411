import type { Mailer } from "../ports/mail.js";

/** Keeps sent mail in `sent` (tests, the demo); the default when a host gives no mailer. */
export function memoryMailer(): Mailer & { readonly sent: Array<{ to: string; subject: string; text: string }> } {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  return {
    sent,
    async send(message) {
      sent.push({ to: message.to, subject: message.subject, text: message.text });
    },
  };
}
