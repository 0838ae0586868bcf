// The baseline of the HTTP benchmark: a plain fastify process with one trivial JSON route, POST /noop.
import Fastify from 'fastify'

const port = Number(process.argv[2])
const app = Fastify({ logger: false })
app.post('/noop', (request, reply) => reply.send({ ok: true, received: typeof request.body }))
await app.listen({ port, host: '127.0.0.1' })
process.stdout.write(`listening on http://127.0.0.1:${port}\n`)
process.once('SIGTERM', () => void app.close())
