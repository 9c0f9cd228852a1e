// The alliance's public page entry (public-page.html, served at /oeffentlich). The reference date
// lives in the address (?at=), so the page gets a router of its own with this one route.
import { BrowserRouter, Route, Routes } from 'react-router';
import { mountPublicEntry } from './app/public-entry.tsx';
import { PublicPage } from './features/alliance/pages/public-page.tsx';

mountPublicEntry(
  <BrowserRouter>
    <Routes>
      <Route path="*" element={<PublicPage />} />
    </Routes>
  </BrowserRouter>,
);
