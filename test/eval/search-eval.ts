// Runs the judged query set (search-judgments.json) through Sidenote, a folded substring scan and
// MiniSearch, and prints recall@10, MRR and precision@10 per category; metrics.ts defines them.
// `npm run eval:search` prints the table; `-- --misses` lists, per query and system, the relevant
// ids missing from the top 10 and the irrelevant ids in it (`--system Sidenote` narrows the list);
// `-- --json` prints everything, per-query rankings included, for a before/after diff.

import { buildShippedAssets } from '../support/seed';
import { CATEGORIES, isAnswerable, loadJudgments, type Category, type JudgedQuery } from './judgments';
import { CUTOFF, emptyRate, scoreRanking, summarizeAnswerable, type AnswerableSummary } from './metrics';
import { createMiniSearch, createSidenoteSearch, createSubstringScan, type SearchSystem } from './search-systems';

type Run = { query: JudgedQuery; ranked: number[]; saysNoFullMatch: boolean };
type SystemReport = {
  system: string;
  categories: Partial<Record<Category, AnswerableSummary>>;
  overall: AnswerableSummary;
  /** `saysSoRate`: empty, or the answer says no entry matches the query as typed. */
  noAnswer: { queries: number; emptyRate: number; saysSoRate: number };
  runs: Run[];
};

async function runSystem(system: SearchSystem, queries: JudgedQuery[]): Promise<Run[]> {
  const runs: Run[] = [];
  for (const query of queries) {
    const { ids, saysNoFullMatch } = await system.search(query.query);
    runs.push({ query, ranked: ids, saysNoFullMatch });
  }
  return runs;
}

function summarizeRuns(runs: Run[]): AnswerableSummary {
  return summarizeAnswerable(runs.map(({ query, ranked }) => scoreRanking(ranked, query.relevant)));
}

function reportOf(system: string, runs: Run[]): SystemReport {
  const answerable = runs.filter((run) => isAnswerable(run.query));
  const unanswerable = runs.filter((run) => !isAnswerable(run.query));
  const categories: Partial<Record<Category, AnswerableSummary>> = {};
  for (const category of CATEGORIES) {
    const inCategory = answerable.filter((run) => run.query.category === category);
    if (inCategory.length > 0) categories[category] = summarizeRuns(inCategory);
  }
  return {
    system,
    categories,
    overall: summarizeRuns(answerable),
    noAnswer: {
      queries: unanswerable.length,
      emptyRate: emptyRate(unanswerable.map((run) => run.ranked)),
      saysSoRate: emptyRate(unanswerable.map((run) => (run.saysNoFullMatch ? [] : run.ranked))),
    },
    runs,
  };
}

const fixed = (value: number | undefined) => (value === undefined ? '  -  ' : value.toFixed(3));
const SYSTEM_COLUMNS = 'R@10   MRR    P@10   P/shown empty';
const LABEL_WIDTH = 16;

function summaryCells(summary: AnswerableSummary): string {
  const empty = `${summary.emptyCount}/${summary.queries}`;
  return `${fixed(summary.recall)}  ${fixed(summary.mrr)}  ${fixed(summary.precisionAt10)}  ${fixed(summary.precision)}   ${empty.padStart(5)}`;
}

function printTable(reports: SystemReport[], judged: JudgedQuery[]): void {
  const cellWidth = SYSTEM_COLUMNS.length + 2;
  const row = (label: string, count: string, cells: string[]) =>
    `${label.padEnd(LABEL_WIDTH)}${count.padStart(4)}  | ${cells.map((cell) => cell.padEnd(cellWidth)).join('| ')}`.trimEnd();
  const answerable = judged.filter(isAnswerable);
  console.log(
    `Search evaluation: ${judged.length} judged queries (${answerable.length} answerable), top ${CUTOFF}, Node ${process.version}`,
  );
  console.log('P@10 = relevant in the top 10 / 10; P/shown = relevant / shown, over the queries that returned something;');
  console.log('empty = answerable queries that returned nothing');
  console.log('no-answer: the share that return nothing, or that say no entry matches the query as typed (a word left out or corrected)\n');
  console.log(
    row(
      'category',
      'n',
      reports.map((report) => report.system),
    ),
  );
  console.log(
    row(
      '',
      '',
      reports.map(() => SYSTEM_COLUMNS),
    ),
  );
  for (const category of CATEGORIES) {
    const summaries = reports.flatMap((report) => report.categories[category] ?? []);
    const [first] = summaries;
    // no-answer has no recall; it gets its own row below.
    if (first === undefined) continue;
    console.log(row(category, String(first.queries), summaries.map(summaryCells)));
  }
  console.log(
    row(
      'overall',
      String(answerable.length),
      reports.map((report) => summaryCells(report.overall)),
    ),
  );
  const noAnswer = String(reports[0]?.noAnswer.queries ?? 0);
  console.log(
    row(
      'no-answer',
      noAnswer,
      reports.map((report) => `empty ${fixed(report.noAnswer.emptyRate)}, or says so ${fixed(report.noAnswer.saysSoRate)}`),
    ),
  );
}

function printMisses(reports: SystemReport[], onlySystem: string | undefined): void {
  for (const report of reports) {
    if (onlySystem !== undefined && report.system.toLowerCase() !== onlySystem.toLowerCase()) continue;
    console.log(`\nMisses for ${report.system} (missing: relevant ids not in the top ${CUTOFF}; extra: irrelevant ids in it)`);
    for (const { query, ranked } of report.runs) {
      const wanted = new Set(query.relevant);
      const shown = new Set(ranked);
      const missing = query.relevant.filter((id) => !shown.has(id));
      const extra = ranked.filter((id) => !wanted.has(id));
      if (missing.length === 0 && extra.length === 0) continue;
      const parts = [missing.length > 0 ? `missing ${missing.join(',')}` : '', extra.length > 0 ? `extra ${extra.join(',')}` : ''];
      console.log(`  ${query.category.padEnd(15)} ${JSON.stringify(query.query).padEnd(24)} ${parts.filter(Boolean).join('; ')}`);
    }
  }
}

function optionValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

const args = process.argv.slice(2);
const { queries } = loadJudgments();
const assets = buildShippedAssets();
const entries = assets.corpus.entries;
const systems = [createSidenoteSearch(entries, assets.searchIndex), createSubstringScan(entries), createMiniSearch(entries)];
const reports: SystemReport[] = [];
for (const system of systems) reports.push(reportOf(system.name, await runSystem(system, queries)));

if (args.includes('--json')) {
  const json = reports.map(({ runs, ...summary }) => ({
    ...summary,
    runs: runs.map(({ query, ranked }) => ({ query: query.query, category: query.category, ranked })),
  }));
  console.log(JSON.stringify({ cutoff: CUTOFF, queries: queries.length, reports: json }, null, 2));
} else {
  printTable(reports, queries);
  if (args.includes('--misses')) printMisses(reports, optionValue(args, '--system'));
}
