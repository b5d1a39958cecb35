// How big a trust program's run is: TRUST_SIZE=small (the default, CI: the counts issue 7 names)
// or TRUST_SIZE=large (ten times where that makes sense). Never changes what a program checks.

export type TrustSize = 'small' | 'large';

export function trustSize(): TrustSize {
  const size = (process.env.TRUST_SIZE ?? 'small').trim().toLowerCase();
  if (size === 'small' || size === 'large') return size;
  throw new Error(`TRUST_SIZE must be "small" or "large", not ${JSON.stringify(process.env.TRUST_SIZE)}`);
}

/** `small` at the small size, `large` (default ten times as many) at the large one. */
export function scaled(small: number, large = small * 10): number {
  return trustSize() === 'large' ? large : small;
}
