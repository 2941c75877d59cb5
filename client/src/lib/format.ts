const LOCALE = 'pt-BR';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE, { timeZone, ...options });
    cache.set(key, formatter);
  }
  return formatter;
}

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "12/03/2025 14:05" */
export function formatDateTime(value: string | number | Date, timeZone: string): string {
  return dateFormatter(timeZone, { dateStyle: 'short', timeStyle: 'short' }).format(toDate(value));
}

/** "14:05" */
export function formatTime(value: string | number | Date, timeZone: string): string {
  return dateFormatter(timeZone, { hour: '2-digit', minute: '2-digit' }).format(toDate(value));
}

/** "12/03" */
export function formatShortDate(value: string | number | Date, timeZone: string): string {
  return dateFormatter(timeZone, { day: '2-digit', month: '2-digit' }).format(toDate(value));
}

/** "terça-feira, 12 de março de 2025" */
export function formatLongDate(value: string | number | Date, timeZone: string): string {
  return dateFormatter(timeZone, { dateStyle: 'full' }).format(toDate(value));
}

/** "12 de mar. de 2025" */
export function formatMediumDate(value: string | number | Date, timeZone: string): string {
  return dateFormatter(timeZone, { dateStyle: 'medium' }).format(toDate(value));
}

const numberFormatter = new Intl.NumberFormat(LOCALE);

export function formatNumber(value: number | null | undefined): string {
  return value == null ? '—' : numberFormatter.format(value);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
const byteFormatters = byteUnits.map(
  (unit) =>
    new Intl.NumberFormat(LOCALE, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: unit === 'byte' ? 0 : 1,
    }),
);

/** "1,2 MB" */
export function formatBytes(bytes: number | null | undefined): string | null {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return null;
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < byteUnits.length - 1) {
    value /= 1024;
    index++;
  }
  return (byteFormatters[index] as Intl.NumberFormat).format(value);
}

/** Formats a phone number kept as digits ("5511999990000") for reading; leaves others as is. */
export function formatPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  const match = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  if (!match) return phone;
  return `+55 (${match[1]}) ${match[2]}-${match[3]}`;
}
