/**
 * Builds the API reference with TypeDoc (options in typedoc.json: every package's `src/index.ts`, output in
 * the git-ignored `docs/api`), or with `--check` only converts and validates, writing nothing. Either way it
 * fails on any warning: `treatWarningsAsErrors` with `validation.notDocumented`, so a public symbol without
 * a doc comment fails `pnpm test`.
 *
 * This is TypeDoc's own command line (typedoc/dist/cli.js) with one difference: a logger that drops one
 * false warning. TypeDoc 0.28.7 and later warn "X has multiple declarations with a comment" for every
 * property of a type inferred from a valibot schema (`v.InferOutput<typeof Schema>`), because the
 * property symbol lists the same declaration twice; the accompanying list of locations then names one and
 * the same `file:line` twice (TypeStrong/typedoc#2358, #3064). Only that case is dropped: a symbol really
 * declared with comments in two places is still a warning, and so still fails the check.
 *
 * typedoc.json has no `intentionallyNotDocumented` list: every public symbol, including each field of the K2
 * client request schemas, carries a doc comment, so any new undocumented one fails the check. Do not add the
 * list back to silence a warning; document the symbol instead.
 *
 * @example
 * ```sh
 * pnpm docs:build   # node scripts/docs.ts: writes docs/api
 * pnpm docs:check   # node scripts/docs.ts --check: validates only (part of pnpm test)
 * ```
 * @module
 */
import {
  Application,
  ArgumentsReader,
  ConsoleLogger,
  LogLevel,
  PackageJsonReader,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';

const MULTIPLE_DECLARATIONS = / has multiple declarations with a comment\./;

/** A console logger that holds each "multiple declarations" warning until it sees the locations after it. */
class DuplicateDeclarationFilter extends ConsoleLogger {
  #held: string | undefined;

  override log(message: string, level: Parameters<ConsoleLogger['log']>[1]): void {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) {
      if (level === LogLevel.Info && sameLocationTwice(message)) return;
      super.log(held, LogLevel.Warn);
    }
    if (level === LogLevel.Warn && MULTIPLE_DECLARATIONS.test(message)) {
      this.#held = message;
      return;
    }
    super.log(message, level);
  }

  /** Emits a warning still held at the end of the run. */
  flush(): void {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) super.log(held, LogLevel.Warn);
  }
}

/** Whether a "comments for X are declared at" list names one location only, however many times. */
function sameLocationTwice(message: string): boolean {
  const locations = message
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return locations.length > 1 && new Set(locations).size === 1;
}

const check = process.argv.includes('--check');
const app = await Application.bootstrapWithPlugins(check ? { emit: 'none' } : {}, [
  new ArgumentsReader(0, []),
  new TypeDocReader(),
  new PackageJsonReader(),
  new TSConfigReader(),
]);
if (app.logger.hasErrors() || app.logger.hasWarnings()) process.exit(1);
const logger = new DuplicateDeclarationFilter();
logger.level = app.logger.level;
app.logger = logger;

const project = await app.convert();
logger.flush();
if (!project || logger.hasErrors() || logger.hasWarnings()) {
  console.error(`TypeDoc: ${logger.errorCount} errors and ${logger.warningCount} warnings during conversion`);
  process.exit(1);
}
app.validate(project);
logger.flush();
if (logger.hasErrors() || logger.hasWarnings() || logger.validationWarningCount > 0) {
  console.error(
    `TypeDoc: ${logger.warningCount} warnings in validation (undocumented or unexported public symbols, broken links)`,
  );
  process.exit(1);
}
if (!check) {
  await app.generateOutputs(project);
  logger.flush();
  if (logger.hasErrors() || logger.hasWarnings()) process.exit(1);
  console.log(`API reference written to ${app.options.getValue('out')}`);
}
