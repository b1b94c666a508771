/**
 * Authentication methods (`amr`, RFC 8176) grouped by the kind of factor they prove. ProConnect
 * sends `pwd`, `mail` (a magic link), `totp`, `pop` (a passkey or an agent's card) and `mfa`.
 */
const FACTOR_OF: Readonly<Record<string, 'knowledge' | 'possession' | 'inherence'>> = {
  pwd: 'knowledge',
  pin: 'knowledge',
  kba: 'knowledge',
  otp: 'possession',
  totp: 'possession',
  sms: 'possession',
  tel: 'possession',
  hwk: 'possession',
  swk: 'possession',
  sc: 'possession',
  pop: 'possession',
  fpt: 'inherence',
  face: 'inherence',
  iris: 'inherence',
  retina: 'inherence',
  vbm: 'inherence',
};

/**
 * Whether a sign-in used two factors: the provider says so (`mfa`), or it names methods of two
 * different kinds (`pwd` + `totp`). A magic link (`mail`) proves no more than a password, and a
 * method alone, however strong, is one factor unless the provider adds `mfa`.
 */
export function amrShowsMfa(amr: readonly string[]): boolean {
  if (amr.includes('mfa')) return true;
  const kinds = new Set(
    amr.map((method) => FACTOR_OF[method]).filter((kind) => kind !== undefined),
  );
  return kinds.size >= 2;
}
