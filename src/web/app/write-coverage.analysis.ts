/*
 * Which write operations of the API the web app reaches from a page (decision 034).
 *
 * Read from the source with the TypeScript checker, not by running the app: every call of
 * `apiRequest(path, { method })` with a write method is evaluated to the path templates it can
 * produce (literals, constants, string-literal unions such as `'start' | 'close'`, and small local
 * helpers such as `post(app(id, '/submit'), body)` are followed; any other value is a path
 * parameter). A call counts as reached when it sits in a component file (`.tsx`) or in an exported
 * declaration (a hook) that some component file uses.
 * Test tooling only: never imported by the web app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One write call found in the web source: `POST /api/councils/{}/members`, where it is and who owns it. */
export interface WriteCall {
  operation: string;
  file: string;
  owner: string;
  reached: boolean;
}

/** `/api/councils/{id}/members/{memberId}` → `/api/councils/{}/members/{}`: parameters by position only. */
export function normaliseTemplate(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

/** The write operations of an OpenAPI document as `METHOD /template` with normalised parameters. */
export function writeOperationsOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if ((WRITE_METHODS as readonly string[]).includes(method.toUpperCase()))
        out.push(`${method.toUpperCase()} ${normaliseTemplate(path)}`);
    }
  }
  return out.sort();
}

/** The web app's source files (no tests), keyed by path relative to `root`. */
export function readWebSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.set(relative(root, p), readFileSync(p, 'utf8'));
    }
  };
  walk(join(root, 'src/web'));
  return files;
}

const PARAM = '{}';
const MAX_VALUES = 64;

type Env = Map<ts.Symbol, string[]>;

const libraryFiles = new Map<string, ts.SourceFile>();

/** Whether a call's path (`/api/security-analyses/{}/phases/kick_off`) fits a document template (`…/phases/{}`). */
export function pathFits(callPath: string, template: string): boolean {
  const a = callPath.split('/');
  const b = template.split('/');
  return a.length === b.length && b.every((seg, i) => seg === PARAM || seg === a[i]);
}

/** The document operation a call reaches (`METHOD /template`), or null when the document has none. */
export function operationOf(call: string, operations: readonly string[]): string | null {
  const [method, path] = call.split(' ') as [string, string];
  return operations.find((op) => op.startsWith(`${method} `) && pathFits(path, op.slice(method.length + 1))) ?? null;
}

/**
 * Finds every write call of the web app. `files` holds the web sources (path relative to `root` → text);
 * imports outside it (shared schemas, libraries) are read from disk so the checker knows their types.
 */
export function findWriteCalls(root: string, files: Map<string, string>): WriteCall[] {
  const abs = (f: string) => join(root, f);
  const byAbs = new Map([...files].map(([f, text]) => [abs(f), text]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    types: [],
  };
  const host = ts.createCompilerHost(options, true);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const isWeb = (p: string) => p.startsWith(join(root, 'src/web/'));
  host.fileExists = (p) => (isWeb(p) ? byAbs.has(p) : fileExists(p));
  host.readFile = (p) => (isWeb(p) ? byAbs.get(p) : readFile(p));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (p, lang, onError, create) => {
    if (isWeb(p)) {
      const text = byAbs.get(p);
      return text === undefined ? undefined : ts.createSourceFile(p, text, lang, true);
    }
    // Libraries and shared code do not change between analyses: parse them once.
    let sf = libraryFiles.get(p);
    if (!sf) {
      sf = getSourceFile(p, lang, onError, create);
      if (sf) libraryFiles.set(p, sf);
    }
    return sf;
  };
  const program = ts.createProgram([...byAbs.keys()], options, host);
  const checker = program.getTypeChecker();
  const sources = [...byAbs.keys()].map((p) => program.getSourceFile(p)!).filter(Boolean);

  const resolved = (s: ts.Symbol | undefined) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

  /** The string-literal values a type allows, or null when it allows any string. */
  function literalValues(type: ts.Type): string[] | null {
    const parts = type.isUnion() ? type.types : [type];
    const out: string[] = [];
    for (const p of parts) {
      if (p.isStringLiteral()) out.push(p.value);
      else if (p.isNumberLiteral()) out.push(String(p.value));
      else if (p.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
      else return null;
    }
    return out.length ? out : null;
  }

  const cross = (a: string[], b: string[]) => a.flatMap((x) => b.map((y) => x + y)).slice(0, MAX_VALUES);

  /** The strings an expression can evaluate to, with parameters as `{}`. */
  function evaluate(e: ts.Expression, env: Env, depth = 0): string[] {
    if (depth > 8) return [PARAM];
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return evaluate(e.expression, env, depth + 1);
    if (ts.isTemplateExpression(e)) {
      let acc = [e.head.text];
      for (const span of e.templateSpans) acc = cross(cross(acc, evaluate(span.expression, env, depth + 1)), [span.literal.text]);
      return acc;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return cross(evaluate(e.left, env, depth + 1), evaluate(e.right, env, depth + 1));
    }
    if (ts.isIdentifier(e)) {
      const sym = resolved(checker.getSymbolAtLocation(e));
      if (sym && env.has(sym)) return env.get(sym)!;
      const decl = sym?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) {
        const literal = literalValues(checker.getTypeAtLocation(e));
        if (literal) return literal;
        if (!ts.isArrowFunction(decl.initializer)) return evaluate(decl.initializer, new Map(), depth + 1);
      }
    }
    if (ts.isCallExpression(e)) {
      const fn = localArrow(e.expression);
      if (fn && !ts.isBlock(fn.body)) return evaluate(fn.body, bind(fn, e.arguments, env, depth), depth + 1);
    }
    return literalValues(checker.getTypeAtLocation(e)) ?? [PARAM];
  }

  /** A call's callee when it is a local `const f = (…) => …`. */
  function localArrow(callee: ts.Expression): ts.ArrowFunction | null {
    if (!ts.isIdentifier(callee)) return null;
    const decl = resolved(checker.getSymbolAtLocation(callee))?.valueDeclaration;
    return decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isArrowFunction(decl.initializer) ? decl.initializer : null;
  }

  /** Binds a function's parameters to the values of a call's arguments (or their defaults). */
  function bind(fn: ts.SignatureDeclaration, args: readonly ts.Expression[], env: Env, depth: number): Env {
    const next: Env = new Map(env);
    fn.parameters.forEach((p, i) => {
      const sym = checker.getSymbolAtLocation(p.name);
      if (!sym) return;
      const arg = args[i];
      if (arg) next.set(sym, evaluate(arg, env, depth + 1));
      else if (p.initializer) next.set(sym, evaluate(p.initializer, new Map(), depth + 1));
    });
    return next;
  }

  const methodOf = (call: ts.CallExpression, env: Env): string[] => {
    const opts = call.arguments[1];
    if (!opts || !ts.isObjectLiteralExpression(opts)) return ['GET'];
    for (const p of opts.properties) {
      if (p.name && ts.isIdentifier(p.name) && p.name.text === 'method') {
        if (ts.isPropertyAssignment(p)) return evaluate(p.initializer, env);
        if (ts.isShorthandPropertyAssignment(p)) {
          const sym = checker.getShorthandAssignmentValueSymbol(p);
          if (sym && env.has(sym)) return env.get(sym)!;
          return literalValues(checker.getTypeAtLocation(p.name)) ?? [PARAM];
        }
      }
    }
    return ['GET'];
  };

  /** The enclosing local arrow helper whose parameters a call uses, if any (followed to its callers). */
  function enclosingHelper(node: ts.Node): { fn: ts.ArrowFunction; name: ts.Identifier } | null {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isArrowFunction(n) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) {
        return ts.isVariableStatement(n.parent.parent.parent) && n.parent.parent.parent.parent === node.getSourceFile()
          ? { fn: n, name: n.parent.name }
          : null;
      }
      if (ts.isFunctionLike(n)) return null;
    }
    return null;
  }

  const usesParameterOf = (call: ts.CallExpression, fn: ts.ArrowFunction) => {
    const params = new Set(fn.parameters.map((p) => checker.getSymbolAtLocation(p.name)));
    let uses = false;
    const visit = (n: ts.Node) => {
      if (ts.isIdentifier(n) && params.has(checker.getSymbolAtLocation(n))) uses = true;
      n.forEachChild(visit);
    };
    call.arguments.forEach(visit);
    return uses;
  };

  /** The top-level statement a node sits in, named by what it declares. */
  function ownerOf(node: ts.Node): { name: string; symbol: ts.Symbol | undefined } {
    let n: ts.Node = node;
    while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
    if (ts.isFunctionDeclaration(n) && n.name) return { name: n.name.text, symbol: checker.getSymbolAtLocation(n.name) };
    if (ts.isVariableStatement(n)) {
      const d = n.declarationList.declarations[0]!;
      if (ts.isIdentifier(d.name)) return { name: d.name.text, symbol: checker.getSymbolAtLocation(d.name) };
    }
    return { name: '(module)', symbol: undefined };
  }

  const found: { operation: string; sf: ts.SourceFile; owner: { name: string; symbol: ts.Symbol | undefined } }[] = [];
  const record = (call: ts.CallExpression, at: ts.Node, env: Env) => {
    const methods = methodOf(call, env).filter((m) => (WRITE_METHODS as readonly string[]).includes(m));
    if (!methods.length) return;
    const paths = evaluate(call.arguments[0]!, env);
    const owner = ownerOf(at);
    for (const m of methods) for (const p of paths) found.push({ operation: `${m} ${p}`, sf: at.getSourceFile(), owner });
  };

  for (const sf of sources) {
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'apiRequest' && n.arguments.length > 0) {
        const helper = enclosingHelper(n);
        if (helper && usesParameterOf(n, helper.fn)) {
          // A helper such as `post(path, body, method)`: every call of it is a write call of its own.
          const target = resolved(checker.getSymbolAtLocation(helper.name));
          const callers = (m: ts.Node) => {
            if (ts.isCallExpression(m) && ts.isIdentifier(m.expression) && resolved(checker.getSymbolAtLocation(m.expression)) === target) {
              record(n, m, bind(helper.fn, m.arguments, new Map(), 0));
            }
            m.forEachChild(callers);
          };
          sf.forEachChild(callers);
        } else record(n, n, new Map());
      }
      n.forEachChild(visit);
    };
    sf.forEachChild(visit);
  }

  // The owners (hooks) that component files use: identifiers named like an owner, resolved to its declaration.
  const ownerNames = new Set(found.map((f) => f.owner.name));
  const usedByComponents = new Set<ts.Symbol>();
  for (const sf of sources) {
    if (!sf.fileName.endsWith('.tsx')) continue;
    const visit = (n: ts.Node) => {
      if (ts.isIdentifier(n) && ownerNames.has(n.text)) {
        const s = resolved(checker.getSymbolAtLocation(n));
        if (s) usedByComponents.add(s);
      }
      n.forEachChild(visit);
    };
    sf.forEachChild(visit);
  }
  return found.map((f) => ({
    operation: f.operation,
    file: relative(root, f.sf.fileName),
    owner: f.owner.name,
    reached: f.sf.fileName.endsWith('.tsx') || (f.owner.symbol !== undefined && usedByComponents.has(f.owner.symbol)),
  }));
}
