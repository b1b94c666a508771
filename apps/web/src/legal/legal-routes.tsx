import { lazy } from 'react';
import { Route } from 'react-router';
import { LEGAL_PATHS } from './legal-paths';

// Each page loads when first shown, signed in or out (under the Suspense of App.tsx's routes).
const LegalNoticePage = lazy(async () => ({
  default: (await import('./LegalNoticePage')).LegalNoticePage,
}));
const PersonalDataPage = lazy(async () => ({
  default: (await import('./PersonalDataPage')).PersonalDataPage,
}));
const CookiesPage = lazy(async () => ({ default: (await import('./CookiesPage')).CookiesPage }));
const AccessibilityPage = lazy(async () => ({
  default: (await import('./AccessibilityPage')).AccessibilityPage,
}));
const SitemapPage = lazy(async () => ({ default: (await import('./SitemapPage')).SitemapPage }));

/** The legal pages' routes, the same in the signed-in and the signed-out routes. */
export const legalRoutes = (
  <>
    <Route path={LEGAL_PATHS.legalNotice} element={<LegalNoticePage />} />
    <Route path={LEGAL_PATHS.personalData} element={<PersonalDataPage />} />
    <Route path={LEGAL_PATHS.cookies} element={<CookiesPage />} />
    <Route path={LEGAL_PATHS.accessibility} element={<AccessibilityPage />} />
    <Route path={LEGAL_PATHS.sitemap} element={<SitemapPage />} />
  </>
);
