/** The addresses of the legal pages, linked from the footer of every page. */
export const LEGAL_PATHS = {
  legalNotice: '/mentions-legales',
  personalData: '/donnees-personnelles',
  cookies: '/gestion-des-cookies',
  accessibility: '/accessibilite',
  sitemap: '/plan-du-site',
} as const;
