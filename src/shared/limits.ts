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

/** Stored documents (uploads to agreements, councils, projects, applications, people): one limit for all. */
export const DOCUMENT_LIMITS = {
  /** Largest document (bytes). */
  maxBytes: 10 * 1024 * 1024,
  fileNameMax: 200,
} as const;
