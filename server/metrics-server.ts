import { createServer, type Server } from 'node:http';
import type { Metrics } from './plugins/metrics';

/**
 * METRICS_PORT: the metrics text at `/metrics` on a port of its own, without a token, bound
 * to METRICS_HOST (127.0.0.1 unless set), for a Prometheus on the same machine or a private
 * network. The public port keeps GET /api/metrics for staff only.
 */
export function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(metrics.render());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found: GET /metrics\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
