import { useEffect, useState } from 'react';

/** What the deploying département said of itself (GET /legal/notice, read signed out too). */
export interface LegalNotice {
  readonly editor: string | null;
  readonly publicationDirector: string | null;
  readonly host: string | null;
  readonly dpoContact: string | null;
  readonly accessibilityContact: string | null;
}

const UNKNOWN: LegalNotice = {
  editor: null,
  publicationDirector: null,
  host: null,
  dpoContact: null,
  accessibilityContact: null,
};

// One read per page load: the facts change only when the département redeploys.
let pending: Promise<LegalNotice> | undefined;

function loadNotice(): Promise<LegalNotice> {
  pending ??= fetch('/legal/notice')
    .then((response) =>
      response.ok ? (response.json() as Promise<LegalNotice>) : Promise.reject(new Error()),
    )
    .catch(() => {
      pending = undefined;
      return UNKNOWN;
    });
  return pending;
}

/** The deployment's legal facts; null ones (or all, while loading) show their placeholder. */
export function useLegalNotice(): LegalNotice {
  const [notice, setNotice] = useState<LegalNotice>(UNKNOWN);
  useEffect(() => {
    let current = true;
    void loadNotice().then((loaded) => current && setNotice(loaded));
    return () => {
      current = false;
    };
  }, []);
  return notice;
}

/** A fact of the deployment, or the bracketed placeholder saying who must fill it in. */
export function Fact({ value, missing }: { value: string | null; missing: string }) {
  return value ?? <em>[à renseigner par le département : {missing}]</em>;
}
