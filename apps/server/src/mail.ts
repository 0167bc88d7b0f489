// Outgoing email — verification links, password resets, invitations — through a pluggable transport: `log` (the
// default, for development: each message is printed with its links to the server's output) or `smtp` (nodemailer to
// SMTP_URL). A message that cannot be sent fails the request that asked for it, with the transport's reason.
import type { Env } from '@trellis/core';
import { createTransport } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly transport: Env['MAIL_TRANSPORT'];
  send(message: MailMessage): Promise<void>;
}

export function createMailer(env: Pick<Env, 'MAIL_TRANSPORT' | 'SMTP_URL' | 'MAIL_FROM' | 'LOG_LEVEL'>): Mailer {
  if (env.MAIL_TRANSPORT === 'smtp') {
    const smtp = createTransport(env.SMTP_URL);
    return {
      transport: 'smtp',
      send: async ({ to, subject, text }) => {
        await smtp.sendMail({ from: env.MAIL_FROM, to, subject, text });
      },
    };
  }
  return {
    transport: 'log',
    send: async ({ to, subject, text }) => {
      if (env.LOG_LEVEL === 'silent') return;
      console.log(`[mail] not sent (MAIL_TRANSPORT=log) — to ${to}: ${subject}\n${text}\n`);
    },
  };
}

/** The messages Trellis sends, in plain text. */
export const messages = {
  verifyEmail: (to: string, url: string): MailMessage => ({
    to,
    subject: 'Confirm your email address for Trellis',
    text: `Open this link to confirm your email address:\n\n${url}\n\nIf you did not sign up for Trellis, ignore this message.`,
  }),
  resetPassword: (to: string, url: string): MailMessage => ({
    to,
    subject: 'Reset your Trellis password',
    text: `Open this link to choose a new password (it works once, for one hour):\n\n${url}\n\nIf you did not ask for this, ignore this message: your password stays as it is.`,
  }),
  invitation: (to: string, organization: string, inviter: string, role: string, url: string): MailMessage => ({
    to,
    subject: `${inviter} invites you to ${organization} on Trellis`,
    text: `${inviter} invites you to join ${organization} on Trellis as ${role}.\n\nSign in (or sign up) with this address, then open:\n\n${url}`,
  }),
};
