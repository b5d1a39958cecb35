// Dates as documents write them, turned into the model's LooseDate (2024, 2024-03, 2024-03-05 or a
// full ISO instant). Never guesses: what it cannot read with certainty gives undefined.
import { LooseDate } from '../../common/model.js';

/**
 * ISO 8601 / W3CDTF as HTML metadata, JSON-LD and docx core properties write it: "2023-10-14",
 * "2023-10-14T08:30:00Z", "2023-10-14T08:30:00+09:00", "2023-10", "2023". An instant with a time
 * is kept as an ISO instant in UTC; a bare date stays a date (no time zone to invent).
 */
export function looseDateFromIso(raw: string | null | undefined): LooseDate | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) return valid(s);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) return undefined;
  if (!m[5]) return valid(m[1]!); // a time without a zone: keep the day, not a guessed instant
  const zone = m[5].toUpperCase() === 'Z' ? 'Z' : m[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : valid(date.toISOString());
}

/** PDF dates (ISO 32000 §7.9.4): "D:YYYYMMDDHHmmSSOHH'mm'", every part after the year optional. */
export function looseDateFromPdf(raw: string | null | undefined): LooseDate | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?/.exec(raw?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, zone] = m;
  if (!mo) return valid(y!);
  if (!d) return valid(`${y}-${mo}`);
  if (!h || !zone) return valid(`${y}-${mo}-${d}`);
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(/'/g, '').padEnd(2, '0')}`;
  return looseDateFromIso(`${y}-${mo}-${d}T${h}:${mi ?? '00'}:${sec ?? '00'}${offset}`);
}

function valid(s: string): LooseDate | undefined {
  if (!LooseDate.safeParse(s).success) return undefined;
  const [y, mo, d] = s.slice(0, 10).split('-').map(Number);
  if (mo !== undefined && (mo < 1 || mo > 12)) return undefined;
  if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y!, mo!, 0)).getUTCDate())) return undefined;
  return s;
}
