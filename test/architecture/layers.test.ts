import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The import graph reads top-down (the rules and the layer order are in .dependency-cruiser.cjs):
 * no cycle, no import from a lower layer to a higher one, no I/O in the domain.
 */
test('the import graph keeps the layers and has no cycle', async () => {
  const options = await extractDepcruiseOptions(`${ROOT}.dependency-cruiser.cjs`);
  // Modules are named relative to baseDir (src/…), which the rules match.
  const { output } = await cruise(
    ['src', 'test', 'bench'],
    { ...options, baseDir: ROOT, validate: true },
    {},
    { tsConfig: extractTSConfig(`${ROOT}tsconfig.json`) },
  );
  const { summary } = output as ICruiseResult;
  const problems = summary.violations.map((violation) => {
    const path = violation.cycle?.length
      ? `${violation.from} → ${violation.cycle.map((step) => step.name).join(' → ')}`
      : `${violation.from} → ${violation.to}`;
    return `${violation.rule.name}: ${path}`;
  });
  assert.deepEqual(problems, [], `\n${problems.join('\n')}\n(see .dependency-cruiser.cjs for what each rule means)`);
  assert.ok(summary.totalCruised > 300, `only ${summary.totalCruised} modules were read`);
});
