/**
 * The city as the seed report describes it (shared/seeds/000, section 篇4): the figures the
 * demo city is built and calibrated to, and that every report prints beside its own.
 */
export const SEED = {
  lines: 105,
  retailers: 26_400,
  retailersPerLineMean: 251,
  retailersPerLineMax: 415,
  urban: 9_493,
  rural: 16_907,
  formats: {
    grocery: 19_483,
    tobacco_liquor: 3_313,
    convenience: 1_603,
    supermarket: 1_003,
    entertainment: 538,
    other: 424,
    mall: 36,
  },
  ordering: { computer: 19_848, phone: 3_156, mobile: 726 },
  terrainShares: { plain: 0.246, hill: 0.385, mountain: 0.369 },
  landKm2: 18_915.61,
  /** A 30 km line driven there and back: 60 km a workday; the longest line is 80 km. */
  kmPerWorkdayMean: 60,
  kmPerWorkdayFarthestLine: 160,
  workdaysPerMonth: 20,
  litresPer100Km: 8,
  yuanPerLitre: 7.5,
  /** 1,200 km × 8 L/100 km × 7.5 yuan/L. */
  fuelYuanPerManagerMonth: 720,
  phoneYuanPerManagerMonth: 150,
} as const;
