import { normalizeNir } from './nir.js';
import type { PersonEntity } from './person.entity.js';
import type { PersonFields } from './person.inputs.js';

/** A person's fields as stored: trimmed, empty strings as null, identifiers in their canonical form. */
export function normalizedFields(fields: PersonFields): Partial<PersonEntity> {
  const clean = (value: string | null | undefined) =>
    value === undefined ? undefined : value === null ? null : value.trim() || null;
  return {
    givenName: fields.givenName.trim(),
    familyName: fields.familyName.trim(),
    birthName: clean(fields.birthName),
    birthDate: fields.birthDate,
    gender: fields.gender,
    birthplace:
      fields.birthplace === undefined
        ? undefined
        : (clean(fields.birthplace)?.toUpperCase() ?? null),
    birthCountry: clean(fields.birthCountry),
    email: clean(fields.email),
    phone: fields.phone === undefined ? undefined : (fields.phone?.replace(/[\s.]/g, '') ?? null),
    addressLine: clean(fields.addressLine),
    postalCode: clean(fields.postalCode),
    city: clean(fields.city),
    cafNumber: clean(fields.cafNumber),
    franceTravailId:
      fields.franceTravailId === undefined
        ? undefined
        : (clean(fields.franceTravailId)?.toUpperCase() ?? null),
    nir: fields.nir === undefined ? undefined : fields.nir ? normalizeNir(fields.nir) : null,
    rights: fields.rights === undefined ? undefined : [...new Set(fields.rights ?? [])],
    rightsAndDuties: fields.rightsAndDuties ?? undefined,
  };
}
