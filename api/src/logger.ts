import { type Logger, pino } from 'pino';

export type { Logger };

const redactedPaths = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'secret',
  '*.secret',
  'phoneNumber',
  '*.phoneNumber',
];

/** Keeps the country and area code and the last two digits: enough to recognise, not to dial. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  return `+${digits.slice(0, 4)}${'*'.repeat(digits.length - 6)}${digits.slice(-2)}`;
}

/** Database error messages may quote the values they choke on: mask phone numbers before logging. */
export function loggableError(error: string | null): string | null {
  if (error === null) return null;
  return error.replace(/\+?\d[\d ()-]{8,}\d/g, (digits) => maskPhone(digits) ?? '***').slice(0, 500);
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'radar' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
