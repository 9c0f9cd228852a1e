/* What other features use of the accounts: the commune picker (a survey's municipalities) and the user picker (the audit log's filter). */
export { CommunePicker } from './components/commune-picker.tsx';
export { UserPicker } from './components/user-picker.tsx';
