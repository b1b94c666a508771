/**
 * Whether a SIRET (14 digits) passes its Luhn check. La Poste's establishments (SIREN
 * 356000000) use a different rule: the digits sum to a multiple of 5.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  const digits = [...siret].map(Number);
  if (siret.startsWith('356000000') && siret !== '35600000000048') {
    return digits.reduce((sum, digit) => sum + digit, 0) % 5 === 0;
  }
  const sum = digits.reduce((total, digit, index) => {
    // From the right, every second digit is doubled; here from the left on a 14-digit number.
    if (index % 2 === 0) {
      const doubled = digit * 2;
      return total + (doubled > 9 ? doubled - 9 : doubled);
    }
    return total + digit;
  }, 0);
  return sum % 10 === 0;
}
