// Baseline: the least a Node.js HTTP server can do per request.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('hello');
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
