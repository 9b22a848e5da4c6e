import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * What the app serves, read from the source tree the way Next.js reads it,
 * so a test can insist that every route, method, page and server action is
 * accounted for: a new one fails the test until someone classifies it.
 */

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface RouteHandler {
  /** The URL pattern, with Next's dynamic segments as written: `/api/keys/[id]`. */
  path: string;
  /** Every HTTP method the route.ts exports. */
  methods: string[];
  file: string;
}

export interface AppPage {
  path: string;
  file: string;
}

export interface ServerAction {
  /** The file, relative to the project, as Next's server reference manifest names it. */
  file: string;
  /** The exported name, or Next's `$$RSC_SERVER_ACTION_<n>` for a function marked "use server" inside a component. */
  name: string;
  id: string;
}

export function listRouteHandlers(appDirectory: string): RouteHandler[] {
  return listFiles(appDirectory, "route.ts").map((file) => ({ path: toUrlPath(appDirectory, file), methods: exportedHttpMethods(file), file }));
}

export function listPages(appDirectory: string): AppPage[] {
  return listFiles(appDirectory, "page.tsx").map((file) => ({ path: toUrlPath(appDirectory, file), file }));
}

/**
 * Every server action of the current build, from Next's own manifest: it is
 * what a POST with a `Next-Action` header can call, whatever the source
 * looks like. (The build is current: the integration project builds first.)
 */
export function listServerActions(projectDirectory: string): ServerAction[] {
  const manifestFile = path.join(projectDirectory, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, file: entry.filename, name: entry.exportedName }));
}

/** Source files (not tests) that say "use server", anywhere in them. */
export function listFilesSayingUseServer(projectDirectory: string, roots: string[]): string[] {
  return roots
    .flatMap((root) => listFiles(path.join(projectDirectory, root), (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)))
    .filter((file) => /["']use server["']/.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(projectDirectory, file));
}

function listFiles(directory: string, match: string | ((name: string) => boolean)): string[] {
  const matches = typeof match === "string" ? (name: string) => name === match : match;
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated") continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, match));
    else if (matches(entry.name)) found.push(full);
  }
  return found.sort();
}

/** `app/(dashboard)/logs/[id]/page.tsx` → `/logs/[id]`: route groups leave no trace in the URL. */
function toUrlPath(appDirectory: string, file: string): string {
  const segments = path.relative(appDirectory, path.dirname(file)).split(path.sep).filter(Boolean);
  for (const segment of segments) {
    // Parallel, intercepting and private folders change what a URL serves; classify them by hand when they arrive.
    if (/^[@_]|^\(\.+\)/.test(segment)) throw new Error(`${file}: the folder ${segment} needs the route listing taught about it`);
  }
  return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/")}`;
}

/** The HTTP methods a route module exports, however it exports them. */
function exportedHttpMethods(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
    if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) names.push(...bindingNames(declaration.name));
    }
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) throw new Error(`${file}: \`export *\` hides which methods the route serves`);
      if (ts.isNamedExports(statement.exportClause)) names.push(...statement.exportClause.elements.map((element) => element.name.text));
    }
  }
  return names.filter((name) => HTTP_METHODS.has(name)).sort();
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}
