/** Lower-case, accents and punctuation removed, single spaces: how names are searched and compared. */
export function searchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => !!part)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}
