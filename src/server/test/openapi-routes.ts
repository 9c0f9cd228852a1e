import type { ZodApp } from '../http/zod-app.ts';

export interface OpenApiOperation {
  method: string;
  path: string;
  /** The path with every `{param}` replaced by a sample value. */
  samplePath: string;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  parameters: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  /** The documented answers by status: headers and schema per media type. */
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

const SAMPLE_PARAMS: Record<string, string> = { ags: '14521035', districtAgs: '14521', year: '2024' };

/** Every operation of the application's OpenAPI document. */
export function listOperations(app: ZodApp): OpenApiOperation[] {
  const doc = app.swagger() as unknown as {
    paths: Record<
      string,
      Record<
        string,
        Omit<OpenApiOperation, 'method' | 'path' | 'samplePath' | 'parameters' | 'responses'> &
          Partial<Pick<OpenApiOperation, 'parameters' | 'responses'>>
      >
    >;
  };
  const ops: OpenApiOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const samplePath = path.replace(/\{([^}]+)\}/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? '1');
      ops.push({
        method: method.toUpperCase(),
        path,
        samplePath,
        requestBody: op.requestBody,
        parameters: op.parameters ?? [],
        responses: op.responses ?? {},
      });
    }
  }
  return ops;
}
