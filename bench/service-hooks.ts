/**
 * What the bench asks of a service it runs, over the IPC channel of `fork`: where its memory is
 * (V8's heap, off-heap buffers, or neither: code), and a CPU profile of a window of load
 * (node:inspector, this process only). Loaded with `node --import` in front of the compiled
 * services (`dist/…/main.js`, as the image runs them): plain Node, no tsx, node: modules only, so
 * Node strips the types itself. bench/child.ts loads it too for the processes it runs.
 */
import { writeFileSync } from 'node:fs';
import type { Session } from 'node:inspector/promises';

type Message = string | { profile: 'start' } | { profile: 'stop'; file: string };

if (process.send) {
  let profiler: Session | null = null;
  process.on('message', async (message: Message) => {
    if (message === 'memory') process.send!({ memory: process.memoryUsage() });
    if (typeof message !== 'object') return;
    if (message.profile === 'start') {
      const inspector = await import('node:inspector/promises');
      profiler = new inspector.Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      process.send!({ profiling: true });
    } else if (message.profile === 'stop' && profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      profiler.disconnect();
      profiler = null;
      process.send!({ profiled: message.file });
    }
  });
  // The channel alone keeps no service alive; a bench that goes away stops it as an orchestrator
  // would (SIGTERM: the service drains), unless the process stops itself (bench/child.ts).
  process.channel?.unref();
  process.on('disconnect', () => {
    if (process.listenerCount('disconnect') > 1) return;
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
