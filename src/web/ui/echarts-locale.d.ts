// ECharts ships its locales as UMD files without types; the German one is an object of words.
declare module 'echarts/i18n/langDE-obj.js' {
  import type { registerLocale } from 'echarts/core';

  const locale: Parameters<typeof registerLocale>[1];
  export default locale;
}
