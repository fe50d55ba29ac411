/**
 * The root entry is the embedder's API: every name on it is a promise. This test lists them, so
 * adding one (an `export *` that pulls in a helper, a new service class) fails here and becomes a
 * decision: put it on `@pleroma-kit/core/internal` or `/store-kit` unless a host needs it.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";
import * as internal from "../src/internal.js";
import * as storeKit from "../src/store-kit.js";

/** At most this many names (values and types) at the root (issue 12; issue 13 added four host-adoption types). */
const ROOT_BUDGET = 150;

const ROOT_VALUES = [
  // kit, defaults, errors, results
  "createPleromaKit", "systemClock", "flakeIds", "consoleLogger", "silentLogger",
  "memoryFileStore", "localFileStore", "inProcessJobs", "memoryMailer", "guardedHttpClient", "staticEmojiCatalog",
  "appError", "isAppError", "ERROR_CODES", "fromPort", "requirePresent", "okAsync", "errAsync", "ResultAsync",
  // routes
  "defineRoute", "pleromaPaths", "Reply", "schema", "linkHeader", "mastodonConversationRoutes",
  // entity schemas
  "AccountSchema", "AttachmentSchema", "BackupSchema", "ConversationSchema", "EmojiMapSchema", "EmojiReactionSchema",
  "ErrorBodySchema", "HealthReportSchema", "ImportJobSchema", "NotificationSchema", "OkSchema", "PackFilesSchema",
  "PackListSchema", "PackMetaSchema", "PackSchema", "ReactionEntrySchema", "RelationshipSchema", "ScrobbleSchema",
  "StatusSchema", "HostStatusSchema",
  // passwords
  "hashPassword", "verifyPassword", "passwordNeedsRehash",
];

const ROOT_TYPES = [
  // kit and options
  "PleromaKit", "PleromaKitOptions", "KitConfig", "Services", "AccountSecurityOptions",
  "BackupOptions", "EmojiPackLimits", "FetchHints", "GuardedHttpClientOptions",
  "AppError", "ErrorCode", "Outcome", "ScryptParams",
  "EndpointReport", "RouteSwitches", "AuthorizationPolicy", "SecondFactor",
  // routes
  "AuthClass", "HandlerContext", "HttpMethod", "RouteDefinition", "Viewer",
  // infrastructure, files, jobs, mail, outgoing HTTP, captcha provider, emoji, paging
  "Clock", "IdGenerator", "Logger", "FileBody", "FileStat", "FileStore", "JobContext", "JobHandler", "JobQueue",
  "Mailer", "HttpClient", "HttpFailure", "HttpFailureKind", "HttpGetOptions", "HttpResult", "CaptchaChallenge",
  "CaptchaCheck", "CaptchaProvider", "CustomEmoji", "EmojiCatalog", "IdPage",
  // host ports
  "HostPorts", "Entity", "AuthUser", "Principal", "Authenticator", "HostAccount", "HostAccounts", "Visibility",
  "HostStatus", "HostStatuses", "HostRelationships", "NotificationRequest", "HostNotifications", "Activity",
  "HostFederation", "HostLoginAccount", "HostResolvedAccount", "EmailChangeRefusal", "OAuthClientCredentials",
  "HostAccountSecurity", "BackupPageOptions", "HostBackupSource", "HostFavourites", "HostSubscriptions",
  "RelationImportKind", "RelationImportOutcome", "HostRelationImports", "ProfileImageKind", "HostProfileImages",
  // store ports
  "PleromaStore", "StoreHealth", "ReactionRow", "ReactionGroup", "ReactionStore", "MfaRecord", "MfaChallengeRow",
  "MfaStore", "AttemptStore", "CaptchaStore", "NotificationSettings", "AccountSettingsStore", "BackupState",
  "BackupRow", "NewBackup", "BackupStore", "JobLease", "ParticipationRow", "ParticipationTouch", "ConversationStatusEntry",
  "ConversationStore", "ImportJobState", "ImportRowResult", "ImportJobRow", "ImportRow", "ImportStore",
  "StoredAttachment", "ProfileMediaStore", "ScrobbleRow", "ScrobbleStore",
];

const sorted = (names: Iterable<string>) => [...names].sort();

/**
 * Every name a module exports, types included, read from the source syntax: named exports,
 * `export * as ns`, `export *` / `export type *` (followed), and exported declarations. Enough for
 * the entry files and ports, which use nothing else; an unknown form fails loudly.
 */
function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      if (clause && ts.isNamedExports(clause)) for (const element of clause.elements) names.add(element.name.text);
      else if (clause && ts.isNamespaceExport(clause)) names.add(clause.name.text);
      else if (from?.startsWith(".")) {
        for (const name of exportedNames(resolve(dirname(file), from.replace(/\.js$/, ".ts")), seen)) names.add(name);
      } else throw new Error(`unhandled export in ${file}: ${statement.getText(source)}`);
      continue;
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) names.add(declaration.name.getText(source));
    } else if (
      (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    } else throw new Error(`unhandled export in ${file}: ${statement.getText(source).slice(0, 80)}`);
  }
  return names;
}

describe("@pleroma-kit/core root entry", () => {
  it("exports exactly the listed runtime values", () => {
    expect(sorted(Object.keys(root))).toEqual(sorted(ROOT_VALUES));
  });

  it("exports exactly the listed names, types included, within the budget", () => {
    const file = resolve(dirname(fileURLToPath(import.meta.url)), "../src/index.ts");
    const names = exportedNames(file);
    expect(sorted(names)).toEqual(sorted([...ROOT_VALUES, ...ROOT_TYPES]));
    expect(names.size).toBeLessThanOrEqual(ROOT_BUDGET);
  });

  it("shares no runtime name with the store-kit and internal entries (one way to import each)", () => {
    const rootNames = new Set(Object.keys(root));
    expect(Object.keys(storeKit).filter((n) => rootNames.has(n))).toEqual([]);
    expect(Object.keys(internal).filter((n) => rootNames.has(n) || n in storeKit)).toEqual([]);
  });
});
