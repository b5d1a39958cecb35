import { describe, expect, it } from 'vitest';
import { looseDateFromIso, looseDateFromPdf } from '../../../../notebook/node/import/dates.js';

describe('looseDateFromIso', () => {
  it('keeps bare dates as dates and instants as UTC instants', () => {
    expect(looseDateFromIso('2023-10-14')).toBe('2023-10-14');
    expect(looseDateFromIso('2023-10')).toBe('2023-10');
    expect(looseDateFromIso('2023-10-14T08:30:00+09:00')).toBe('2023-10-13T23:30:00.000Z');
    expect(looseDateFromIso('2023-10-14T08:30:00Z')).toBe('2023-10-14T08:30:00.000Z');
    expect(looseDateFromIso('2023-10-14T08:30')).toBe('2023-10-14');
  });
  it('refuses what it cannot read with certainty', () => {
    expect(looseDateFromIso('last spring')).toBeUndefined();
    expect(looseDateFromIso('2023-02-30')).toBeUndefined();
    expect(looseDateFromIso('2023-13')).toBeUndefined();
    expect(looseDateFromIso('')).toBeUndefined();
  });
});

describe('looseDateFromPdf', () => {
  it('reads PDF dates with and without time and zone', () => {
    expect(looseDateFromPdf("D:20231014083000+09'00'")).toBe('2023-10-13T23:30:00.000Z');
    expect(looseDateFromPdf('D:20231014083000Z')).toBe('2023-10-14T08:30:00.000Z');
    expect(looseDateFromPdf('D:20231014')).toBe('2023-10-14');
    expect(looseDateFromPdf('D:2023')).toBe('2023');
    expect(looseDateFromPdf('D:20231014083000')).toBe('2023-10-14');
    expect(looseDateFromPdf('yesterday')).toBeUndefined();
  });
});
