/** @jsxImportSource preact */
// The sign-in page's light entry (sign-in.html, served at /login): Preact and plain HTML, without
// React, Mantine or any code of the signed-in app (decision 040).
import { render } from 'preact';
import { SignInApp } from './features/auth/pages/sign-in-page.tsx';

render(<SignInApp />, document.getElementById('root')!);
