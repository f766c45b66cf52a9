// Per-request lines are logged at "http"; set LOG_LEVEL=info under load (they cost throughput).
export default ({ env }) => ({ level: env('LOG_LEVEL', 'http') });
