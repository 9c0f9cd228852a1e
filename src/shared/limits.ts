/** Limits shared by the server's validation and the web forms. */
export const LIMITS = {
  emailMax: 254,
  nameMax: 200,
  passwordMin: 12,
  passwordMax: 200,
  pageSizeMax: 500,
  pageSizeDefault: 50,
  searchMax: 100,
  reasonMax: 2000,
} as const;
