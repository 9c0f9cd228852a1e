/* What other modules use of the accounts: look-ups and writes for sign-in and single sign-on, and ending an account's sessions. */
export {
  endSessionsOfUser,
  findAccountByEmail,
  findAccountById,
  findAccountByOidcSubject,
  getUser,
  insertAccount,
  listActiveAccounts,
  presentUser,
  principalOf,
  registerAccountInvitation,
  setAccountPassword,
  replaceAccountCommunes,
  updateAccountVersioned,
} from './users.service.ts';
export type { UserWithScope } from './users.repository.ts';
export type { AccountInvitation } from './users.service.ts';
