/* What other features use of the accounts: the commune picker (a survey's municipalities). */
export { CommunePicker } from './components/commune-picker.tsx';
