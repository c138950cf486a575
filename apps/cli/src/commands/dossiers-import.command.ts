import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import {
  isLocalizable,
  messageOf,
  parseSheet,
  readImportSheet,
  sheetFormatOf,
  type FieldError,
  type Locale,
  type Stage,
} from '@ketnap/domain';
import { DossierService, importDossiers, type ImportOutcome } from '@ketnap/engine';
import { CliModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { cliLocale, got, say } from '../cli-text';
import { cliConfig } from '../cli-config';
import { progressLine } from '../progress-line';

/** The actor recorded on what the import appends: the CLI, writing as the engine (no role or unit check). */
const CLI_ACTOR = { sub: 'cli', role: 'admin', unitIds: [] };
/** Files with at least this many rows show a progress bar on stderr. */
const PROGRESS_FROM_ROWS = 100;

/** A field error as a reader of `locale` reads it: `votesFor: is not a field of this request`. */
const fieldText = (e: FieldError, locale: Locale) =>
  `${e.field}: ${messageOf(e.key, e.params ?? {}, locale) ?? e.message}`;

/** A refusal's rule code and message in the CLI's language; the invalid fields listed after the message. */
function refusalText(error: Error, locale: Locale): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  const message = isLocalizable(error)
    ? (messageOf(error.messageKey, error.messageParams, locale) ?? error.message)
    : error.message;
  const errors = (error as { details?: { errors?: FieldError[] } }).details?.errors;
  // An invalid row: each field with what is wrong with it says more than the list of their names.
  const fields =
    Array.isArray(errors) && errors.length > 0 ? errors.map((e) => fieldText(e, locale)).join('; ') : undefined;
  return { code: typeof code === 'string' ? code : error.name, message: fields ?? message };
}

const rowsText = (rows: number[]) => (rows.length === 1 ? String(rows[0]) : `${rows[0]}–${rows.at(-1)}`);
const stageRef = (stage: Stage | undefined) => ({ key: `stage.${stage ?? 'nominated'}` as const });

/** One line per dossier that is not plainly imported (refused, already imported) or, in a dry run, per dossier. */
function lineOf(o: ImportOutcome, dryRun: boolean, locale: Locale): string | undefined {
  const legacy = o.legacy ? say('cli.import.legacy') : '';
  switch (o.status) {
    case 'refused': {
      const { code, message } = refusalText(o.refusal!.error, locale);
      const key = o.key === '' ? say('cli.import.noKey') : o.key;
      return say('cli.import.refused', {
        row: String(o.refusal!.row),
        key,
        step: o.refusal!.step || '-',
        code,
        message,
      });
    }
    case 'already-imported':
      return say('cli.import.already', { key: o.key });
    case 'would-import':
      return say('cli.import.wouldImport', {
        key: o.key,
        steps: o.rows.length,
        rows: rowsText(o.rows),
        stage: stageRef(o.stage),
        legacy,
      });
    case 'imported':
      return dryRun
        ? undefined
        : say('cli.import.imported', { key: o.key, steps: o.rows.length, stage: stageRef(o.stage), legacy });
  }
}

/**
 * `ketnap dossiers import FILE [--dry-run] [--key-column NAME]`: brings in the paper dossiers an office
 * keeps in a spreadsheet (README "Import of paper dossiers": CSV or TSV, one row per step). Each
 * dossier goes through the decider, judged by the rule set of each step's date and today's real date;
 * one begun before 30/07/2021 comes in as history flagged `legacy`. A dossier with a refused row is
 * not imported at all; the others are, through the one write path, idempotently. Exit 0 when every
 * dossier is imported (or already was), 1 when some were refused, 2 for bad usage.
 */
export function registerDossiersImport(program: Command, out: (line: string) => void): void {
  program
    .command('dossiers')
    .description('dossiers')
    .command('import')
    .description("import an office's paper dossiers from a spreadsheet (CSV or TSV, one row per step)")
    .argument('<file>', 'the spreadsheet (.csv or .tsv, UTF-8), as test/fixtures/dossiers-import-sample.csv')
    .option('--dry-run', 'check every dossier and print what would be imported or refused; write nothing')
    .option('--key-column <name>', "the column holding the office's dossier number", 'dossier')
    .action(async (file: string, options: { dryRun?: boolean; keyColumn: string }) => {
      const locale = cliLocale();
      if (options.keyColumn.trim() === '')
        throw new UsageError(say('cli.import.keyColumn', { got: got(options.keyColumn) }));
      const loaded = cliConfig();
      if (loaded.eventStore === 'memory')
        throw new UsageError(say('cli.memoryStore', { instead: 'KETNAP_EVENT_STORE=sqlite' }));
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        const reason = error.code === 'ENOENT' ? say('cli.noSuchFile') : error.message;
        throw new Error(say('cli.cannotRead', { file, reason }));
      });
      const sheet = readImportSheet(parseSheet(text, sheetFormatOf(text, file)), { keyColumn: options.keyColumn });
      if (sheet.columnErrors.length > 0)
        throw new UsageError(
          say('cli.import.header', { file, columns: sheet.columnErrors.map((e) => fieldText(e, locale)).join('; ') }),
        );
      if (sheet.rows === 0) throw new UsageError(say('cli.import.empty', { file }));
      // "Not in the future" is judged against the real today, whatever clock the data dir's demo runs on.
      const config = {
        ...loaded,
        worker: false,
        clock: 'system' as const,
        startAt: undefined,
        demoClockFile: undefined,
      };
      const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
      try {
        const bar = sheet.rows >= PROGRESS_FROM_ROWS ? progressLine() : undefined;
        const started = Date.now();
        const outcomes = await importDossiers(app.get(DossierService), sheet.dossiers, {
          actor: CLI_ACTOR,
          dryRun: options.dryRun === true,
          onProgress: (done, total) => {
            const seconds = (Date.now() - started) / 1000;
            const rate = seconds > 0 ? Math.round(done / seconds) : 0;
            bar?.update({
              projection: options.dryRun ? 'dossiers import --dry-run' : 'dossiers import',
              position: done,
              head: total,
              eventsPerSecond: rate,
              etaSeconds: rate > 0 ? (total - done) / rate : null,
            });
          },
        });
        bar?.end();
        for (const outcome of outcomes) {
          const line = lineOf(outcome, options.dryRun === true, locale);
          if (line !== undefined) out(line);
        }
        const count = (...statuses: ImportOutcome['status'][]) =>
          outcomes.filter((o) => statuses.includes(o.status)).length;
        const refused = count('refused');
        const legacy = outcomes.filter(
          (o) => o.legacy && (o.status === 'imported' || o.status === 'would-import'),
        ).length;
        const already = count('already-imported');
        out(
          options.dryRun
            ? say('cli.import.dryRunSummary', { wouldImport: count('would-import'), legacy, already, refused })
            : say('cli.import.summary', { imported: count('imported'), legacy, already, refused }),
        );
        if (refused > 0) throw new Error(say('cli.import.someRefused', { refused }));
      } finally {
        await app.close();
      }
    });
}
