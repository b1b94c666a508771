/**
 * The territory codes of DOMAIN.md: the départements 01..95 (20 split into 2A and 2B) and the
 * overseas codes 971..976 (975, Saint-Pierre-et-Miquelon, is a collectivity that may deploy too).
 */
export const TERRITORY_CODES: readonly string[] = [
  ...Array.from({ length: 95 }, (_, index) => String(index + 1).padStart(2, '0')).filter(
    (code) => code !== '20',
  ),
  '2A',
  '2B',
  '971',
  '972',
  '973',
  '974',
  '975',
  '976',
];

const KNOWN = new Set(TERRITORY_CODES);

export function isTerritoryCode(code: string): boolean {
  return KNOWN.has(code);
}
