/**
 * Outgoing mail. The default, `memoryMailer()`, keeps messages in memory and never sends them;
 * a host passes one backed by its own mail delivery.
 */

/**
 * Sends one mail (confirmation resend, "your backup is ready"). Resolves once the message is
 * accepted for delivery; rejects when it cannot be. Called concurrently by requests and jobs.
 *
 * @example
 * const mailer: Mailer = { send: (m) => smtp.sendMail({ from: "noreply@social.example", ...m }) };
 */
export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}
