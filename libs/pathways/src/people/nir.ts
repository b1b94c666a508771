/**
 * Whether a NIR (numéro de sécurité sociale) is well formed and its key matches: 13 characters
 * (Corsica's 2A/2B in the department position) and a key of 97 minus the number modulo 97.
 */
export function isValidNir(value: string): boolean {
  const nir = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[12]\d{4}(\d{2}|2A|2B)\d{6}\d{2}$/.test(nir)) return false;
  const body = nir.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(nir.slice(13));
  return 97 - Number(BigInt(body) % 97n) === key;
}

/** The NIR as stored: no spaces, upper case. */
export function normalizeNir(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
