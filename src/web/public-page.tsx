// The alliance's public page entry (public-page.html, served at /oeffentlich). No router: the
// reference date lives in the address (?at=), read and written by useAddressReferenceDate.
import { mountPublicEntry } from './app/public-entry.tsx';
import { PublicPage } from './features/alliance/pages/public-page.tsx';

mountPublicEntry(<PublicPage />);
