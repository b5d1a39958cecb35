// CSV as RFC 4180 defines it: fields quoted when they hold a comma, quote, CR or LF (quotes
// doubled), records ended by CRLF. Pure; the caller adds nothing. Used by every CSV export.

/** One field: quoted only when it has to be. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole document: a header record, then the records, each ended by CRLF. */
export function toCsv(header: string[], records: (string | number | null | undefined)[][]): string {
  return [header, ...records].map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}
