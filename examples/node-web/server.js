// A tiny HTTP server: GET / answers "ok".
require('http')
  .createServer((req, res) => res.end('ok\n'))
  .listen(3000);
