import { Button } from '@codegouvfr/react-dsfr/Button';
import { signOut } from '../auth/session';
import { usePageTitle } from '../components/usePageTitle';

/**
 * A space page opened in a browser where a professional is signed in (a referent trying the
 * invitation's link on their own computer): an account never sees a person's space.
 */
export function AccountOnSpacePage() {
  usePageTitle('Espace personnel');
  return (
    <>
      <h1>Espace personnel</h1>
      <p>
        Cette page est celle d’une personne accompagnée, et votre compte professionnel est connecté
        dans ce navigateur. Déconnectez-vous pour l’ouvrir, ou ouvrez-la dans une fenêtre de
        navigation privée. Le lien d’une invitation ne marche qu’une fois : ne l’ouvrez pas à la
        place de la personne.
      </p>
      <Button priority="secondary" onClick={() => void signOut()}>
        Se déconnecter
      </Button>
    </>
  );
}
