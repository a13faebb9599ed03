// A node:test reporter for scripts/test.js: how long each test file took, as JSON
// ({"path": milliseconds}), so the next run can share the files out evenly among its processes.
import { relative } from 'node:path';

export default async function* fileTimes(source) {
  const times = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const file = relative(process.cwd(), event.data.file);
      times[file] = (times[file] ?? 0) + event.data.details.duration_ms;
    }
  }
  yield `${JSON.stringify(times)}\n`;
}
