import type { Database } from './client.js';

// Response-time rating (docs/metrics.md, "Response-time rating"): bands by seconds, configurable
// per organization, kept as one setting.

/** Samples up to `upToSeconds` (and above the band before); null for the last, open band. */
export interface RatingBand {
  label: string;
  upToSeconds: number | null;
}

export const DEFAULT_RATING_BANDS: readonly RatingBand[] = [
  { label: 'Excelente', upToSeconds: 30 },
  { label: 'Bom', upToSeconds: 120 },
  { label: 'Médio', upToSeconds: 300 },
  { label: 'Lento', upToSeconds: null },
];

export const RATING_BANDS_KEY = 'rating_bands';
export const MAX_RATING_BANDS = 8;

export async function loadRatingBands(db: Database): Promise<RatingBand[]> {
  const stored = await db.prisma.setting.findUnique({ where: { key: RATING_BANDS_KEY } });
  return stored ? (JSON.parse(stored.value) as RatingBand[]) : [...DEFAULT_RATING_BANDS];
}

export async function saveRatingBands(db: Database, bands: RatingBand[] | null): Promise<RatingBand[]> {
  if (bands === null) {
    await db.prisma.setting.deleteMany({ where: { key: RATING_BANDS_KEY } });
    return [...DEFAULT_RATING_BANDS];
  }
  const value = JSON.stringify(bands);
  await db.prisma.setting.upsert({
    where: { key: RATING_BANDS_KEY },
    create: { key: RATING_BANDS_KEY, value },
    update: { value },
  });
  return bands;
}

/** What is wrong with a list of bands, in words, or null. */
export function ratingBandsProblem(bands: readonly RatingBand[]): string | null {
  if (bands.length < 2 || bands.length > MAX_RATING_BANDS) return `give 2 to ${MAX_RATING_BANDS} bands`;
  let previous = 0;
  for (const [index, band] of bands.entries()) {
    const label = band.label.trim();
    if (!label || label.length > 40) return 'each label has 1 to 40 characters';
    const last = index === bands.length - 1;
    if (last !== (band.upToSeconds === null)) return 'only the last band is open (upToSeconds null)';
    if (band.upToSeconds !== null) {
      if (!(band.upToSeconds > previous)) return 'upToSeconds must be positive and grow from band to band';
      previous = band.upToSeconds;
    }
  }
  return null;
}
