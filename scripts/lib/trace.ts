/**
 * Which main-thread tasks an extension caused, from a Chromium trace: a task (RunTask) counts as
 * the extension's when a script of the extension's origin runs inside it (FunctionCall,
 * EvaluateScript, TimerFire, … with a chrome-extension:// URL).
 */
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

export interface TaskTrace {
  /** The longest main-thread task in which the extension's code ran, in milliseconds. */
  longestExtensionTaskMs: number;
  extensionTasks: number;
}

export async function traceExtensionTasks(
  page: Page,
  extensionId: string,
  run: () => Promise<void>,
): Promise<TaskTrace> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  let complete: () => void = () => {};
  const done = new Promise<void>((resolve) => (complete = resolve));
  session.on('event', ({ method, params }) => {
    if (method === 'Tracing.dataCollected') events.push(...(params as { value: TraceEvent[] }).value);
    if (method === 'Tracing.tracingComplete') complete();
  });
  await session.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute',
    transferMode: 'ReportEvents',
  });
  await run();
  await session.send('Tracing.end');
  await done;
  await session.detach();

  const origin = `chrome-extension://${extensionId}/`;
  const ours = events.filter((e) => (e.args?.data?.url ?? e.args?.data?.scriptName ?? '').startsWith(origin));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > 0);
  let longest = 0;
  let count = 0;
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inside = ours.some((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts <= end);
    if (!inside) continue;
    count++;
    longest = Math.max(longest, task.dur! / 1000);
  }
  return { longestExtensionTaskMs: longest, extensionTasks: count };
}
