/* What other features use of the funding: the project picker. The router (app/router.tsx) composes its pages. */
export { ProjectPicker } from './components/project-picker.tsx';
