import { Logger } from 'nestjs-pino';
import { configOf, createApiApp } from './create-api-app.js';

const app = await createApiApp();
const { host, port } = configOf(app);
await app.listen(port, host);
app.get(Logger).log(`art30 API: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/graphql`);
