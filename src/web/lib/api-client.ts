import { i18n } from './i18n.ts';
import { setFallbackTitle } from './api-request.ts';

export {
  ApiError,
  apiRequest,
  describeError,
  type ErrorReport,
  fieldNameOf,
  fieldPathOf,
  type QueryValue,
  setCsrfToken,
  setUnauthenticatedHandler,
  toQueryString,
} from './api-request.ts';

// The app's texts for failures without a problem document (the light entries set their own).
setFallbackTitle((status) => (status === 0 ? i18n.t('errors.network') : i18n.t('errors.unexpected', { status })));
