/**
 * The roles as people read them, one table for the screens and the emails (the web client loads
 * it by relative path). Both forms in full, never "Professionnel·le" nor "Professionnel(le)":
 * docs/decisions/0023-french-typography-and-inclusive-writing.md.
 */
export const ROLE_LABELS = {
  PROFESSIONAL: 'Professionnel ou professionnelle',
  ORIENTATION_MANAGER: 'Chargé ou chargée d’orientation',
  STRUCTURE_ADMIN: 'Administrateur ou administratrice de structure',
  TERRITORY_ADMIN: 'Administrateur ou administratrice de territoire',
  PLATFORM_ADMIN: 'Administrateur ou administratrice de la plateforme',
} as const satisfies Record<string, string>;

export type RoleName = keyof typeof ROLE_LABELS;
