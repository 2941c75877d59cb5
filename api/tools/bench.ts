// pnpm bench [metrics|ingest|live] [options]: the benchmarks, each printing its figures beside a
// reference measured in the same run. `metrics` (the default) times the metrics queries at scale;
// `ingest` the webhook's answer and the ingest engine's throughput; `live` pushes to many subscribers.
const [which = 'metrics'] = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
if (which === 'ingest') await import('./bench-ingest.js');
else if (which === 'live') await import('./bench-live.js');
else if (which === 'metrics') await import('./bench-metrics.js');
else {
  console.error(`Unknown benchmark "${which}": use metrics, ingest or live.`);
  process.exit(2);
}
